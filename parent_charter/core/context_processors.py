"""Navigation items for the service navigation, chosen by what the user may do."""

from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        if user.has_perm("core.view_dashboard"):
            items.append((reverse("core:dashboard"), _("Home")))
        if user.has_perm("parents.view_parent"):
            items.append((reverse("parents:list"), _("Parents")))
        if user.has_perm("offers.change_offer"):
            items.append((reverse("offers:manage"), _("Local offer")))
    else:
        items.append((reverse("core:home"), _("Local offers")))
    path = request.path if request is not None else ""
    return {
        "nav_items": [
            {
                "href": href,
                "text": text,
                "active": path.startswith(href) and href != "/" or path == href,
            }
            for href, text in items
        ]
    }
