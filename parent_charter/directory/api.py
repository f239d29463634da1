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

import datetime
import math
import uuid
from functools import wraps

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from parent_charter.authorities.models import Council

from . import feed, selectors
from .models import Service, Taxonomy, TaxonomyTerm

PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
HSDS_VERSION = "3.0"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
DAY_NAMES = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}


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
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path")]
    parameter = location[-1] if location else None
    message = f"{parameter}: {first.get('msg', 'not valid')}" if parameter else "Bad request"
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


def _whole(parameter: str, value: str | None, low: int, high: int, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise _bad(parameter, f"{value!r} is not a whole number") from None
    if not low <= number <= high:
        raise _bad(parameter, f"must be from {low} to {high}, not {number}")
    return number


def _age(parameter: str, value: str | None) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise _bad(parameter, f"{value!r} is not a number") from None
    if not 0 <= number <= 150 or math.isnan(number):
        raise _bad(parameter, f"must be an age from 0 to 150, not {value}")
    return number


def _uuid(parameter: str, value: str | None) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise _bad(parameter, f"{value!r} is not a UUID") from None


def _time(parameter: str, value: str | None) -> datetime.time | None:
    if not value:
        return None
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        raise _bad(parameter, f"{value!r} is not a time like 09:30 or 17:00:00") from None


def _day(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().upper()
    code = DAY_NAMES.get(value.strip().lower(), code)
    if code not in DAY_NAMES.values():
        raise _bad("day", f"{value!r} is not a day: use MO, TU, WE, TH, FR, SA or SU")
    return code


def _moment(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise _bad("open_at", f"{value!r} is not a date and time like 2026-12-24T10:30") from None
    # A time without an offset is UK time, as the directory's opening times are.
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _flag(parameter: str, value: str | None) -> bool:
    if value is None or value == "":
        return False
    lowered = value.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise _bad(parameter, f"{value!r} is not true or false")


def _council(value: str | None) -> Council | None:
    if not value:
        return None
    council = Council.objects.filter(slug=value).first()
    if council is None:
        raise _bad("council", f"no council has the short name {value!r}")
    return council


def _page(queryset, page: str | None, per_page: str | None, serialise) -> dict:
    number = _whole("page", page, 1, 1_000_000, 1)
    size = _whole("per_page", per_page, 1, MAX_PER_PAGE, DEFAULT_PER_PAGE)
    total = queryset.count()
    start = (number - 1) * size
    contents = [serialise(item) for item in queryset[start : start + size]] if start < total else []
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


@api.get("/", url_name="info", summary="About this API and its relationship with HSDS")
def info(request):
    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("directory:api:openapi-json")),
    }


@api.get("/services", url_name="services", summary="A page of services")
def services(
    request,
    search: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    minimum_age: str | None = None,
    maximum_age: str | None = None,
    start_time: str | None = None,
    end_time: str | None = None,
    day: str | None = None,
    council: str | None = None,
    age: str | None = None,
    open_at: str | None = None,
    open_now: str | None = None,
):
    """The profile's filters: `search` (words in the name or description), `taxonomy_term_id`,
    `taxonomy_id`, `minimum_age` (services whose minimum age is at least this), `maximum_age`
    (services whose maximum age is at most this), and `day`, `start_time` (opens at or after)
    and `end_time` (closes at or before), met by one regular opening time.

    Ours: `council` (short name, such as herefordshire), `age` (services a person of this age
    may use), `open_at` (open at this date and time, UK time unless an offset is given) and
    `open_now=true`, both honouring weekly and monthly rules and dated exceptions."""
    queryset = Service.objects.all()
    found_council = _council(council)
    if found_council is not None:
        queryset = queryset.filter(council=found_council)
    if search:
        if len(search) > 200:
            raise _bad("search", "must be 200 characters or fewer")
        queryset = selectors.filter_text(queryset, search)
    if term := _uuid("taxonomy_term_id", taxonomy_term_id):
        queryset = queryset.filter(attributes__taxonomy_term_id=term)
    if taxonomy := _uuid("taxonomy_id", taxonomy_id):
        queryset = queryset.filter(attributes__taxonomy_term__taxonomy_record_id=taxonomy)
    if (low := _age("minimum_age", minimum_age)) is not None:
        queryset = queryset.filter(minimum_age__gte=low)
    if (high := _age("maximum_age", maximum_age)) is not None:
        queryset = queryset.filter(maximum_age__lte=high)
    if (years := _age("age", age)) is not None:
        queryset = selectors.filter_suitable_age(queryset, math.floor(years))
    code, opens, closes = _day(day), _time("start_time", start_time), _time("end_time", end_time)
    if code or opens or closes:
        queryset = selectors.filter_day_and_time(
            queryset, day=code, start_time=opens, end_time=closes
        )
    moment = _moment(open_at)
    if _flag("open_now", open_now):
        moment = moment or timezone.now()
    if moment is not None:
        queryset = selectors.filter_open_at(queryset, moment)
    queryset = queryset.distinct().select_related("organization").order_by("name", "pk")
    return _page(queryset, page, per_page, feed.service_summary)


@api.get("/services/{id}", url_name="service", summary="A service with all its details")
def service(request, id: str):
    try:
        service_id = uuid.UUID(id)
        found = selectors.with_details(Service.objects.all()).get(pk=service_id)
    except (ValueError, Service.DoesNotExist):
        raise ApiError(404, "not_found", f"No service has the id {id!r}.") from None
    return feed.service_full(found)


@api.get("/taxonomies", url_name="taxonomies", summary="A page of taxonomies")
def taxonomies(
    request, page: str | None = None, per_page: str | None = None, council: str | None = None
):
    queryset = Taxonomy.objects.order_by("name", "pk")
    if (found := _council(council)) is not None:
        queryset = queryset.filter(council=found)
    return _page(queryset, page, per_page, feed.taxonomy_data)


@api.get("/taxonomy_terms", url_name="taxonomy_terms", summary="A page of taxonomy terms")
def taxonomy_terms(
    request,
    page: str | None = None,
    per_page: str | None = None,
    council: str | None = None,
    taxonomy_id: str | None = None,
):
    queryset = TaxonomyTerm.objects.order_by("name", "term", "pk")
    if (found := _council(council)) is not None:
        queryset = queryset.filter(council=found)
    if taxonomy := _uuid("taxonomy_id", taxonomy_id):
        queryset = queryset.filter(taxonomy_record_id=taxonomy)
    return _page(queryset, page, per_page, feed.taxonomy_term_data)


# The URL patterns: open to everyone, across origins, with JSON errors.

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Max-Age": "86400",
}
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")


def open_to_all(view):
    """Mark an API view public (no sign-in, no second factor) and answer across origins."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            asked = request.headers.get("Access-Control-Request-Headers")
            response["Access-Control-Allow-Headers"] = asked or "Accept, Accept-Language"
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
        for header, value in CORS_HEADERS.items():
            response[header] = value
        response["Content-Language"] = (get_language() or "en")[:2]
        return response

    wrapped.is_public = True
    wrapped.login_required = False
    wrapped.csrf_exempt = True
    return wrapped


def urls() -> tuple[tuple[list, str], str]:
    """((patterns, app name), namespace) for include(): each made public and open to all."""
    patterns, app_name, namespace = api.urls
    opened = [path(str(p.pattern), open_to_all(p.callback), name=p.name) for p in patterns]
    return (opened, app_name), namespace
