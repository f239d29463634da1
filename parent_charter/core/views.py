"""The staff start page, the health check and the error pages."""

import logging
import sys
from pathlib import Path

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_http_methods

from .permissions import public, requires
from .registries.start_page import links_for as dashboard_links

logger = logging.getLogger(__name__)


@requires("core.view_dashboard")
def dashboard(request):
    return render(request, "core/dashboard.html", {"links": dashboard_links(request)})


@public
@never_cache
def health(request):
    """For the load balancer: 200 when this server can reach the database, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


@public
@require_http_methods(["GET", "HEAD"])
def favicon(request):
    """Browsers ask for /favicon.ico on every site; answer with the service's icon, not 404."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@requires_csrf_token
def server_error(request):
    """A 500 page with a reference, and 503 when the database is down. No details leak."""
    exc = sys.exc_info()[1]
    request_id = getattr(request, "request_id", "")
    if isinstance(exc, (OperationalError, InterfaceError)):
        response = HttpResponse(
            "The service is unavailable. Try again in a minute. Reference: " + request_id,
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "30"
        return response
    try:
        return render(request, "500.html", {"request_id": request_id}, status=500)
    except Exception:
        logger.exception("error page failed to render")
        return HttpResponse(
            "Sorry, there is a problem with the service. Reference: " + request_id,
            status=500,
            content_type="text/plain; charset=utf-8",
        )
