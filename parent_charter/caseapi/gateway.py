"""The case-records API's URL patterns: each call admitted by its token before ninja sees it.

`with_token` checks the bearer token, counts the call against the client's rate limit, puts
the call behind the client's council wall (the scope of every query) and audits any refusal
(`api.refused`, with the status, the error code and the record the address named). The
OpenAPI document and the API's root are open to all: they describe the API and hold no data.
"""

import json
from functools import wraps

from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.cache import patch_vary_headers
from django_scopes import scope

from . import services
from .api import VERSION, api, error_body

OPEN_NAMES = {"openapi-json", "api-root"}


def _json(status: int, code: str, message: str, **headers) -> JsonResponse:
    response = JsonResponse(error_body(status, code, message), status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def with_token(view, route: str):
    """Admit the call (token, rate limit), put it behind the client's council wall, audit any
    refusal. The session plays no part: a signed-in browser without a token gets 401."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        endpoint = f"/api/case/v1/{route}"
        try:
            client = services.admit(request.headers.get("Authorization", ""))
        except services.Refused as refused:
            services.record_refusal(
                client=refused.client,
                status=refused.status,
                code=refused.code,
                endpoint=endpoint,
                method=request.method,
            )
            headers = {}
            if refused.status == 401:
                headers["WWW_Authenticate"] = f'Bearer error="{refused.code}"'
            if refused.retry_after is not None:
                headers["Retry_After"] = str(refused.retry_after)
            response = _json(refused.status, refused.code, refused.message, **headers)
        else:
            request.api_client = client
            with scope(council=client.council_id):
                response = view(request, *args, **kwargs)
            if response.status_code >= 400:
                body = getattr(response, "content", b"")
                services.record_refusal(
                    client=client,
                    status=response.status_code,
                    code=_code_of(body),
                    endpoint=endpoint,
                    method=request.method,
                    record=next(iter(kwargs.values()), "")[:64] if kwargs else "",
                )
        response["Cache-Control"] = "no-store"
        patch_vary_headers(response, ["Authorization"])
        return response

    return _mark(wrapped)


def _code_of(body: bytes) -> str:
    try:
        return str(json.loads(body).get("error", ""))[:40]
    except (ValueError, AttributeError):
        return ""


def _mark(view):
    # Outside the sign-in (the token is the credential) and outside CSRF (no cookie is used).
    view.is_public = True
    view.login_required = False
    view.csrf_exempt = True
    view.api_token_required = True
    return view


def _open(view):
    """The OpenAPI document and the API's root are open to all: they hold no data."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapped.is_public = True
    wrapped.login_required = False
    return wrapped


def root(request):
    """What the API is and where its description is."""
    return JsonResponse(
        {
            "name": api.title,
            "version": VERSION,
            "openapi_url": request.build_absolute_uri(reverse("caseapi:api:openapi-json")),
            "docs_url": request.build_absolute_uri(reverse("caseapi:docs")),
        }
    )


def urls():
    """((patterns, app name), namespace) for include(): each call admitted by its token."""
    patterns, app_name, namespace = api.urls
    wrapped = []
    for p in patterns:
        if p.name == "api-root":
            view = _open(root)
        elif p.name in OPEN_NAMES:
            view = _open(p.callback)
        else:
            view = with_token(p.callback, str(p.pattern))
        wrapped.append(path(str(p.pattern), view, name=p.name))
    return (wrapped, app_name), namespace


def docs_paths() -> list[dict]:
    """Each operation of the OpenAPI document, for the guide page."""
    schema = api.get_openapi_schema(path_prefix=reverse("caseapi:docs").removesuffix("docs/"))
    operations = []
    for url, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": url,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                }
            )
    return operations
