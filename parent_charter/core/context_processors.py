"""Navigation items for the service navigation, chosen by what the user may do."""

from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        if user.has_perm("core.view_dashboard"):
            items.append((reverse("core:dashboard"), _("Home")))
        if user.has_perm("parents.view_caseload"):
            items.append((reverse("caseload:mine"), _("Caseload")))
        if user.has_perm("parents.view_team"):
            items.append((reverse("caseload:team"), _("Team")))
        if user.has_perm("parents.view_parent"):
            items.append((reverse("parents:list"), _("Parents")))
        if user.has_perm("offers.change_offer"):
            items.append((reverse("offers:manage"), _("Local offer")))
    else:
        items.append((reverse("core:home"), _("Local offers")))
    path = request.path if request is not None else ""
    # The item whose address is the longest prefix of this page is the current one. The start
    # pages ("/" and "/staff/") are current only on themselves, not on every page beneath them.
    exact_only = {reverse("core:home"), reverse("core:dashboard")}
    current = max(
        (
            href
            for href, _text in items
            if path == href or (path.startswith(href) and href not in exact_only)
        ),
        key=len,
        default=None,
    )
    return {
        "nav_items": [
            {"href": href, "text": text, "active": href == current} for href, text in items
        ]
    }
