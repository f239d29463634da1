"""Request id, the council wall, and no caching of private pages."""

import re
import uuid

from django_scopes import scope, scopes_disabled

from parent_charter.audit.request_context import (
    RequestContext,
    reset_request_context,
    set_request_context,
)

from .network import client_ip

_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    """Gives each request an id (or keeps a well-formed one from the load balancer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = set_request_context(
            RequestContext(request_id=request.request_id, ip_address=client_ip(request))
        )
        try:
            response = self.get_response(request)
        finally:
            reset_request_context(token)
        response["X-Request-ID"] = request.request_id
        return response


class CouncilScopeMiddleware:
    """Activates the signed-in user's council as the scope of every personal-data query.

    Scoped managers (django-scopes) filter by this council, so another council's record is
    simply not found (404). With no council (anonymous, network coordinator) no scope is active
    and any query of personal data raises ScopeError instead of returning everything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        council_id = user.council_id if user.is_authenticated else None
        if council_id is None:
            return self.get_response(request)
        with scope(council=council_id):
            return self.get_response(request)


class PrivateCacheMiddleware:
    """Signed-in pages must never be stored by a browser or shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response


def unscoped():
    """Explicitly step outside the council wall, for aggregate figures and management commands."""
    return scopes_disabled()
