"""The portal's own service navigation, for every page a parent reads in the portal.

Pages of other apps meant for parents can extend "portal/base.html" to get it too: the links
come from the request alone, so their views need pass nothing.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

register = template.Library()


def _optional(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


@register.inclusion_tag("portal/_navigation.html", takes_context=True)
def portal_navigation(context):
    request = context.get("request")
    items = [
        (reverse("portal:home"), _("Home")),
        (reverse("portal:plan"), _("Your plan")),
        (reverse("portal:messages"), _("Messages")),
    ]
    rights = _optional("entitlements:mine")
    if rights:
        items.append((rights, _("Your rights")))
    items += [
        (reverse("portal:challenges"), _("Challenges")),
        (reverse("portal:my_data"), _("Your information")),
    ]
    path = request.path if request is not None else ""
    home = reverse("portal:home")
    current = max(
        (href for href, _text in items if path == href or (href != home and path.startswith(href))),
        key=len,
        default=None,
    )
    return {
        "items": [
            {"href": href, "text": text, "active": href == current, "current": href == path}
            for href, text in items
        ]
    }


@register.filter
def item_status_words(status: str) -> str:
    """A plan item's status as the parent reads it ("Done", "Offered to you")."""
    from parent_charter.portal.words import item_status_for_parent

    return item_status_for_parent(status)


@register.filter
def event_words(kind: str) -> str:
    """A step of a challenge's timeline, as the parent reads it."""
    from parent_charter.portal.words import event_for_parent

    return event_for_parent(kind)
