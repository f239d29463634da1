"""The open, read-only Open Referral UK 3.0 API of the directory, at /api/directory/.

No key and no sign-in: the directory holds no personal data. Any web page may call it (CORS
is open on these addresses only, and preflight requests are answered). Errors are JSON that say
what was wrong: a bad query parameter is a 400 naming the parameter and why, an unknown service
a 404. Lists use the profile's paging envelope. Text follows the request's language (English
unless the caller asks for Welsh with Accept-Language: cy), as each language is its own feed.

Our additions to the profile's parameters are marked as such in the OpenAPI document: `council`
(a council's slug), `age` (services a person of this age may use) and `open_at`/`open_now`
(open at a moment, honouring weekly and monthly rules and dated exceptions).
"""

import math
import uuid
from functools import wraps
from typing import Any

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils.translation import get_language
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PaginationBase, paginate

from parent_charter.authorities.models import Council

from . import feed, selectors
from .models import Service, Taxonomy, TaxonomyTerm
from .schemas import (
    ApiErrorBody,
    ApiInfo,
    CouncilFilter,
    Paging,
    ServiceFilters,
    ServiceSummary,
    TaxonomyTermFilters,
)
from .schemas import Service as ServiceSchema
from .schemas import Taxonomy as TaxonomySchema
from .schemas import TaxonomyTerm as TaxonomyTermSchema

PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
HSDS_VERSION = "3.0"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, parameter: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.parameter = status, code, message, parameter


def error_body(status: int, code: str, message: str, parameter: str | None = None) -> dict:
    body = {"status": status, "error": code, "message": message}
    if parameter:
        body["parameter"] = parameter
    return body


api = NinjaAPI(
    title="Parent Charter service directory",
    version=HSDS_VERSION,
    description=(
        "Services for parents in and leaving care, in the Open Referral UK 3.0 shape. "
        "Read-only, open to everyone, no key."
    ),
    urls_namespace="directory:api",
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return api.create_response(
        request, error_body(exc.status, exc.code, exc.message, exc.parameter), status=exc.status
    )


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc: NinjaValidationError):
    """The first bad parameter, named, with pydantic's reason (or our own, from a validator)."""
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path")]
    parameter = location[-1] if location else None
    reason = first.get("msg", "not valid")
    if first.get("type") == "value_error":
        reason = str(first.get("ctx", {}).get("error", reason))
    message = f"{parameter}: {reason}" if parameter else "Bad request"
    return api.create_response(
        request, error_body(400, "invalid_parameter", message, parameter), status=400
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(
        request, error_body(404, "not_found", "Nothing was found at this address."), status=404
    )


def _bad(parameter: str, message: str) -> ApiError:
    return ApiError(400, "invalid_parameter", f"{parameter}: {message}", parameter)


def _council(value: str | None) -> Council | None:
    if not value:
        return None
    council = Council.objects.filter(slug=value).first()
    if council is None:
        raise _bad("council", f"no council has the short name {value!r}")
    return council


class ProfilePages(PaginationBase):
    """The profile's paging envelope (`page`, `per_page` in; `total_items`, `contents`... out).

    Each item is turned into its Open Referral UK JSON by the view's `serialise` function, so
    the page's `contents` are checked against the item schema like any other response."""

    Input = Paging
    items_attribute = "contents"

    class Output(Schema):
        total_items: int
        total_pages: int
        page_number: int
        size: int
        first_page: bool
        last_page: bool
        empty: bool
        contents: list[Any]

    def __init__(self, *, serialise, **kwargs):
        super().__init__(**kwargs)
        self.serialise = serialise

    def paginate_queryset(self, queryset, pagination: Paging, request, **params) -> dict:
        number, size = pagination.page, pagination.per_page
        total = queryset.count()
        start = (number - 1) * size
        page = queryset[start : start + size] if start < total else []
        contents = [self.serialise(item) for item in page]
        total_pages = math.ceil(total / size)
        return {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": number,
            "size": size,
            "first_page": number == 1,
            "last_page": number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }


ERRORS = {400: ApiErrorBody, 404: ApiErrorBody}


@api.get(
    "/", url_name="info", response=ApiInfo, summary="About this API and its relationship with HSDS"
)
def info(request):
    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("directory:api:openapi-json")),
    }


def _list(path: str, schema, serialise):
    """A GET endpoint at `path` that answers a page of its view's queryset in the profile's
    envelope, each record made into `schema` by `serialise`; named after the path."""
    name = path.strip("/")

    def decorate(view):
        return api.get(
            path,
            url_name=name,
            response={200: list[schema], **ERRORS},
            exclude_unset=True,
            summary=f"A page of {name.replace('_', ' ')}",
        )(paginate(ProfilePages, serialise=serialise)(view))

    return decorate


def _in_council(queryset, filters):
    """Only the named council's records, when the request names one (`council`)."""
    council = _council(filters.council)
    return queryset if council is None else queryset.filter(council=council)


@_list("/services", ServiceSummary, feed.service_summary)
def services(request, filters: Query[ServiceFilters]):
    """The profile's filters: `search` (words in the name or description), `taxonomy_term_id`,
    `taxonomy_id`, `minimum_age` (services whose minimum age is at least this), `maximum_age`
    (services whose maximum age is at most this), and `day`, `start_time` (opens at or after)
    and `end_time` (closes at or before), met by one regular opening time.

    Ours: `council` (short name, such as herefordshire), `age` (services a person of this age
    may use), `open_at` (open at this date and time, UK time unless an offset is given) and
    `open_now=true`, both honouring weekly and monthly rules and dated exceptions."""
    queryset = _in_council(Service.objects.all(), filters)
    if filters.search:
        queryset = selectors.filter_text(queryset, filters.search)
    if filters.taxonomy_term_id:
        queryset = queryset.filter(attributes__taxonomy_term_id=filters.taxonomy_term_id)
    if filters.taxonomy_id:
        queryset = queryset.filter(
            attributes__taxonomy_term__taxonomy_record_id=filters.taxonomy_id
        )
    if filters.minimum_age is not None:
        queryset = queryset.filter(minimum_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        queryset = queryset.filter(maximum_age__lte=filters.maximum_age)
    if filters.age is not None:
        queryset = selectors.filter_suitable_age(queryset, math.floor(filters.age))
    if filters.day or filters.start_time or filters.end_time:
        queryset = selectors.filter_day_and_time(
            queryset,
            day=filters.day.value if filters.day else None,
            start_time=filters.start_time,
            end_time=filters.end_time,
        )
    if (moment := filters.moment()) is not None:
        queryset = selectors.filter_open_at(queryset, moment)
    return queryset.distinct().select_related("organization").order_by("name", "pk")


@api.get(
    "/services/{id}",
    url_name="service",
    response={200: ServiceSchema, **ERRORS},
    exclude_unset=True,
    summary="A service with all its details",
)
def service(request, id: str):
    # Any text is accepted here, so that an id that is not a UUID is a 404 like an unknown one.
    try:
        service_id = uuid.UUID(id)
        found = selectors.with_details(Service.objects.all()).get(pk=service_id)
    except (ValueError, Service.DoesNotExist):
        raise ApiError(404, "not_found", f"No service has the id {id!r}.") from None
    return feed.service_full(found)


@_list("/taxonomies", TaxonomySchema, feed.taxonomy_data)
def taxonomies(request, filters: Query[CouncilFilter]):
    return _in_council(Taxonomy.objects.order_by("name", "pk"), filters)


@_list("/taxonomy_terms", TaxonomyTermSchema, feed.taxonomy_term_data)
def taxonomy_terms(request, filters: Query[TaxonomyTermFilters]):
    queryset = _in_council(TaxonomyTerm.objects.order_by("name", "term", "pk"), filters)
    if filters.taxonomy_id:
        queryset = queryset.filter(taxonomy_record_id=filters.taxonomy_id)
    return queryset


# The URL patterns: public (no sign-in), read-only, with JSON errors. Cross-origin access is
# django-cors-headers' job (settings: CORS_URLS_REGEX), on these addresses only.

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")


def open_to_all(view):
    """Mark an API view public (no sign-in, no second factor) and refuse anything but reading."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            # A browser's preflight is answered by the CORS middleware before it gets here.
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
        elif request.method not in ALLOWED_METHODS:
            response = JsonResponse(
                error_body(405, "method_not_allowed", "This API is read-only: use GET."),
                status=405,
            )
            response["Allow"] = ", ".join(ALLOWED_METHODS)
        elif request.method == "HEAD":
            request.method = "GET"
            response = view(request, *args, **kwargs)
            response.content = b""
        else:
            response = view(request, *args, **kwargs)
        response["Content-Language"] = (get_language() or "en")[:2]
        return response

    wrapped.is_public = True
    wrapped.login_required = False
    wrapped.csrf_exempt = True
    return wrapped


def urls() -> tuple[tuple[list, str], str]:
    """((patterns, app name), namespace) for include(): each made public and read-only."""
    patterns, app_name, namespace = api.urls
    opened = [path(str(p.pattern), open_to_all(p.callback), name=p.name) for p in patterns]
    return (opened, app_name), namespace
