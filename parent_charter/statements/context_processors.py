"""The footer's links (privacy, accessibility, cookies, feedback) on every page.

On a public page about one council (its offer, who to contact now, its statements) the links
name that council. Elsewhere they go to the general pages, which use the signed-in person's
council or ask which council. No database query: this runs on every page.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

COUNCIL_PAGES = {"public_offers", "contact", "statements"}


def council_slug(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace not in COUNCIL_PAGES:
        return None
    return match.kwargs.get("slug")


def footer(request) -> dict:
    slug = council_slug(request) if request is not None else None

    def url(name: str) -> str:
        if slug:
            return reverse(f"statements:{name}_council", kwargs={"slug": slug})
        return reverse(f"statements:{name}")

    return {
        "footer_links": [
            {"href": url("privacy"), "text": _("Privacy")},
            {"href": url("accessibility"), "text": _("Accessibility statement")},
            {"href": reverse("statements:cookies"), "text": _("Cookies")},
            {"href": url("feedback"), "text": _("Feedback")},
        ],
        "feedback_url": url("feedback"),
    }
