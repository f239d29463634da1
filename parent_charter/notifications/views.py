"""A member of staff's notifications. Showing the list marks the new ones as seen and audits
the read (the texts name parents)."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from parent_charter.core.permissions import requires

from . import services


@requires("notifications.view_own")
@require_http_methods(["GET"])
def notification_list(request):
    # Shown as new on this visit, and seen from then on; the read is audited.
    notifications = services.list_for_reading(user=request.user)
    return render(request, "notifications/list.html", {"notifications": notifications})
