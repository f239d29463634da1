"""A member of staff's notifications. Showing the list marks the new ones as seen."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from parent_charter.core.permissions import requires

from . import selectors, services


@requires("notifications.view_own")
@require_http_methods(["GET"])
def notification_list(request):
    notifications = selectors.for_user(request.user)
    # Shown as new on this visit, and seen from then on.
    services.mark_all_read(user=request.user)
    return render(request, "notifications/list.html", {"notifications": notifications})
