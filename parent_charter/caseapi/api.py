"""The case-records API, at /api/case/v1/: a council's own systems read parents, plans and
figures, and update the status of plan items, with a bearer token made for them by the
council's administrator (`caseapi.views`).

Each call passes `with_token` first (the URL patterns are wrapped in it): the token is checked,
the client's call counted against its rate limit, and the client's council made the scope of
every query, so another council's record is not found (404) as it is for a person. Each
operation then checks the client's scope (403) and reads or writes through the owning app's
selectors and services, whose audit rows name the client's account. Errors are JSON with a
stable code and a message in English (ADR 0023).
"""

import math

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Body, Header, NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from parent_charter.core.concurrency import EditConflict
from parent_charter.figures import periods
from parent_charter.figures import selectors as figures
from parent_charter.parents import selectors as parents
from parent_charter.plans import selectors as plans
from parent_charter.plans.services_items import EvidenceRequired, ItemClosed, item_update

from . import figures_feed, services
from .models import Scope
from .schemas import (
    ApiErrorBody,
    ClientInfo,
    CouncilFigures,
    FiguresQuery,
    ItemStatusChange,
    Paging,
    Parent,
    ParentPage,
    Plan,
    PlanItem,
)

VERSION = "1"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


def error_body(status: int, code: str, message: str, **extra) -> dict:
    return {"status": status, "error": code, "message": message, **extra}


class ClientToken(HttpBearer):
    """Documents the bearer token in the OpenAPI document. The token itself is checked, and
    the call counted, by `with_token` before ninja sees the request."""

    openapi_description = (
        "A token made for your system by your council's administrator (API clients page)."
    )

    def authenticate(self, request, token):
        return getattr(request, "api_client", None)


api = NinjaAPI(
    title="Parent Charter case records",
    version=VERSION,
    description=(
        "Read a council's parents, their support plans and the council figures, and update "
        "the status of plan items. Every call needs a bearer token made by the council's "
        "administrator, and each token reaches only its own council's records. Errors are "
        "JSON: `status`, a stable `error` code and a `message` in English. See the guide at "
        "/api/case/v1/docs/."
    ),
    urls_namespace="caseapi:api",
    docs_url=None,
    openapi_url="/openapi.json",
    auth=ClientToken(),
)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return api.create_response(
        request, error_body(exc.status, exc.code, exc.message, **exc.extra), status=exc.status
    )


def _field(location) -> str | None:
    parts = [str(part) for part in location if part not in ("query", "path", "body", "header")]
    parts = [part for part in parts if part not in ("change", "filters", "paging")]
    return ".".join(parts) or None


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc: NinjaValidationError):
    errors = []
    for error in exc.errors:
        reason = error.get("msg", "not valid")
        if error.get("type") == "value_error":
            reason = str(error.get("ctx", {}).get("error", reason))
        errors.append({"field": _field(error.get("loc", ())), "message": reason})
    first = errors[0] if errors else {"field": None, "message": "not valid"}
    message = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    return api.create_response(
        request,
        error_body(400, "invalid_request", message, errors=errors),
        status=400,
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(
        request, error_body(404, "not_found", "Nothing was found at this address."), status=404
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # ninja's own refusals, such as a body that is not JSON.
    message = str(exc)
    if exc.status_code == 400 and "parse" in message.lower():
        message = (
            "The body must be JSON, sent with 'Content-Type: application/json', such as "
            '{"status": "offered", "version": 3}.'
        )
    return api.create_response(
        request, error_body(exc.status_code, "bad_request", message), status=exc.status_code
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(
        request,
        error_body(401, "unauthenticated", "Send your token as 'Authorization: Bearer <token>'."),
        status=401,
    )


ERRORS = {
    400: ApiErrorBody,
    401: ApiErrorBody,
    403: ApiErrorBody,
    404: ApiErrorBody,
    429: ApiErrorBody,
}


def _client(request):
    return request.auth


def _needs(request, scope_name: Scope):
    client = _client(request)
    if not client.allows(scope_name):
        raise ApiError(
            403,
            "insufficient_scope",
            f"This token may not do this: it needs the scope '{scope_name.value}'. Ask your "
            "council's administrator for a token that has it.",
        )
    return client


def _not_found_error(kind: str, given: str) -> ApiError:
    return ApiError(404, "not_found", f"No {kind} has the id {given!r}.")


# --- Who am I ------------------------------------------------------------------------------


@api.get("/client", url_name="client", response={200: ClientInfo, **ERRORS}, summary="This token")
def client_info(request):
    """The client this token belongs to, what it may do and its rate limit."""
    client = _client(request)
    services.record_call(client=client, action="api.client.read", obj=client)
    return {
        "id": client.public_id,
        "name": client.name,
        "council": client.council.slug,
        "scopes": client.scopes,
        "calls_per_window": services.calls_per_window(),
        "window_seconds": services.window_seconds(),
    }


# --- Parents -------------------------------------------------------------------------------


def _stages(parent) -> list[str]:
    order = parents.STAGE_ORDER
    return sorted((s.stage for s in parent.current_stages.all()), key=lambda s: order.get(s, 99))


def _summary(parent) -> dict:
    return {
        "id": parent.public_id,
        "given_name": parent.given_name,
        "family_name": parent.family_name,
        "preferred_name": parent.preferred_name,
        "date_of_birth": parent.date_of_birth,
        "parent_role": parent.parent_role,
        "preferred_language": parent.preferred_language,
        "care_status": parent.care_status,
        "stages": _stages(parent),
        "version": parent.version,
        "updated_at": parent.updated_at,
    }


@api.get(
    "/parents",
    url_name="parents",
    response={200: ParentPage, **ERRORS},
    summary="A page of the council's parents",
)
def parent_list(request, paging: Query[Paging]):
    """Parents of the token's council by family name, `per_page` (1 to 100) at a time.
    Needs the scope parents:read."""
    client = _needs(request, Scope.READ_PARENTS)
    queryset = parents.parents_for_list().prefetch_related("current_stages")
    total = queryset.count()
    start = (paging.page - 1) * paging.per_page
    page = list(queryset[start : start + paging.per_page]) if start < total else []
    parents.record_list_viewed(
        actor=client.account, council=client.council, shown=len(page), page=paging.page
    )
    return {
        "total_items": total,
        "total_pages": math.ceil(total / paging.per_page),
        "page": paging.page,
        "per_page": paging.per_page,
        "items": [_summary(parent) for parent in page],
    }


def _parent(client, parent_id: str):
    try:
        return parents.parent_for_view(
            actor=client.account,
            public_id=parent_id,
            related=("council",),
            page="api",
        )
    except (ObjectDoesNotExist, ValidationError, ValueError):
        raise _not_found_error("parent", parent_id) from None


@api.get(
    "/parents/{parent_id}",
    url_name="parent",
    response={200: Parent, **ERRORS},
    summary="One parent",
)
def parent_detail(request, parent_id: str):
    """A parent of the token's council; another council's is not found. Needs parents:read."""
    client = _needs(request, Scope.READ_PARENTS)
    parent = _parent(client, parent_id)
    return {
        **_summary(parent),
        "pronouns": parent.pronouns,
        "email": parent.email,
        "phone": parent.phone,
        "postcode": parent.postcode,
        "preferred_contact": parent.preferred_contact,
        "care_category": parent.care_category,
    }


def _item(item, parent_public_id) -> dict:
    return {
        "id": item.public_id,
        "parent_id": parent_public_id,
        "title": plans.item_title(item),
        "stage": item.stage,
        "source": item.source,
        "status": item.status,
        "due_date": item.due_date,
        "open": item.closed_at is None,
        "version": item.version,
    }


@api.get(
    "/parents/{parent_id}/plan",
    url_name="plan",
    response={200: Plan, **ERRORS},
    summary="A parent's support plan",
)
def parent_plan(request, parent_id: str):
    """The plan's items, open ones in stage order and then closed ones. Needs parents:read."""
    _needs(request, Scope.READ_PARENTS)
    client = _client(request)
    try:
        page = plans.plan_for_view(actor=client.account, parent_public_id=parent_id)
    except (ObjectDoesNotExist, ValidationError, ValueError):
        raise _not_found_error("parent", parent_id) from None
    rows = [row for group in page.groups for row in group.rows] + page.closed
    return {
        "parent_id": page.parent.public_id,
        "items": [_item(row.item, page.parent.public_id) for row in rows],
    }


def _etag(item) -> str:
    return f'"{item.version}"'


def _plan_item(item_id: str):
    try:
        return plans.item_for_page(item_id)
    except (ObjectDoesNotExist, ValidationError, ValueError):
        raise _not_found_error("plan item", item_id) from None


@api.get(
    "/plan-items/{item_id}",
    url_name="plan_item",
    response={200: PlanItem, **ERRORS},
    summary="One plan item",
)
def plan_item(request, response: HttpResponse, item_id: str):
    """An item with its version (also sent as the ETag). Needs parents:read."""
    client = _needs(request, Scope.READ_PARENTS)
    item = _plan_item(item_id)
    plans.record_item_viewed(actor=client.account, item=item)
    response["ETag"] = _etag(item)
    return _item(item, item.plan.parent.public_id)


def _expected_version(change: ItemStatusChange, if_match: str | None) -> int:
    if change.version is not None:
        return change.version
    tag = (if_match or "").strip().removeprefix("W/").strip('"')
    if tag.isdigit() and len(tag) < 10:
        return int(tag)
    raise ApiError(
        428,
        "version_required",
        "Say which version you changed: send 'version' in the body, or the item's ETag in "
        "an If-Match header.",
    )


@api.patch(
    "/plan-items/{item_id}",
    url_name="plan_item_update",
    response={200: PlanItem, 409: ApiErrorBody, 428: ApiErrorBody, **ERRORS},
    summary="Change a plan item's status",
)
def plan_item_update(
    request,
    response: HttpResponse,
    item_id: str,
    change: Body[ItemStatusChange],
    if_match: Header[str | None] = None,
):
    """Change the status, through the same service and rules as the plan's own page: evidence
    is needed to record delivery, a closed item cannot change, and a change made from an old
    version is refused with 409 and the current version. Needs plan-items:write."""
    client = _needs(request, Scope.UPDATE_ITEM_STATUS)
    item = _plan_item(item_id)
    expected = _expected_version(change, if_match)
    evidence = item.evidence if change.evidence is None else change.evidence
    try:
        result = item_update(
            item=item,
            actor=client.account,
            expected_version=expected,
            status=change.status,
            note=change.note,
            owner=item.owner,
            due_date=item.due_date,
            parent_view=item.parent_view,
            evidence=evidence,
        )
    except EditConflict as conflict:
        current = conflict.current
        raise ApiError(
            409,
            "version_conflict",
            f"The item was changed after version {expected}: it is at version "
            f"{current.version}, with status '{current.status}'. Read it again, then send "
            "your change with the new version.",
            current_version=current.version,
        ) from None
    except ItemClosed:
        raise ApiError(
            409,
            "item_closed",
            "This item no longer applies to the parent, so its status cannot change.",
        ) from None
    except EvidenceRequired:
        raise ApiError(
            400,
            "invalid_request",
            "evidence: evidence of delivery is needed to set the status to delivered.",
            errors=[{"field": "evidence", "message": "needed when the status is delivered"}],
        ) from None
    if not result.anything_saved:
        services.record_call(
            client=client, action="api.plan.item.unchanged", obj=item, detail={"item": item_id}
        )
    item = _plan_item(item_id)
    response["ETag"] = _etag(item)
    return _item(item, item.plan.parent.public_id)


# --- Figures -------------------------------------------------------------------------------


@api.get(
    "/figures",
    url_name="figures",
    response={200: CouncilFigures, **ERRORS},
    summary="The council figures",
)
def council_figures(request, query: Query[FiguresQuery]):
    """The figures of the council's figures page for a full period, with small numbers
    protected exactly as there: a count from 1 to the threshold less one is "fewer" and has
    no value, and counts that would reveal one are "hidden". Needs figures:read."""
    client = _needs(request, Scope.READ_FIGURES)
    today = timezone.localdate()
    offered = periods.choices(today)
    if query.period is None:
        period = periods.last_full_quarter(today)
    else:
        try:
            period = periods.parse(query.period)
        except ValueError:  # the pattern lets through only what parse reads
            period = None
        if period not in offered:
            raise ApiError(
                404,
                "not_found",
                f"No figures are published for {query.period!r}. Give one of the last 8 full "
                f"quarters, 12 months or 3 years, such as {offered[0].slug}.",
            )
    data = figures.council_figures(council=client.council, period=period)
    services.record_call(client=client, action="api.figures.read", detail={"period": period.slug})
    return {
        "council": client.council.slug,
        "period": figures_feed.period_data(data["period"]),
        "previous": figures_feed.period_data(data["previous"]),
        "threshold": data["threshold"],
        "figures": figures_feed.flatten(data),
    }
