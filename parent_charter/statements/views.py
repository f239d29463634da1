"""The privacy notice, accessibility statement, cookies and feedback pages, and the council
administrator's page for the details they show.

The public pages hold no personal data. Each exists for one council (its name, its data
protection officer, its retention schedule, where to send feedback); the general address uses
the signed-in person's council, or asks which council.
"""

import datetime

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.authorities.models import Council
from parent_charter.core.edit_views import council_setting_page
from parent_charter.core.permissions import public, requires
from parent_charter.retention.selectors import public_schedule

from . import services
from .forms import CouncilDetailsForm

# When the statements were last checked against the service; shown on the pages.
LAST_REVIEWED = datetime.date(2026, 12, 6)


def _language() -> str:
    return (get_language() or "en")[:2]


def _council_page(request, template: str, council: Council, extra=None):
    context = {
        "council": council,
        "council_name": council.display_name(_language()),
        "last_reviewed": LAST_REVIEWED,
        **(extra or {}),
    }
    return render(request, template, context)


def _choose_or_own(request, template_name: str, url_name: str):
    """The general page: the signed-in person's council, else a list of councils to choose."""
    user = request.user
    council_id = getattr(user, "council_id", None) if user.is_authenticated else None
    if council_id:
        return redirect(url_name, slug=user.council.slug)
    language = _language()
    councils = [(c.slug, c.display_name(language)) for c in Council.objects.order_by("name")]
    return render(
        request,
        "statements/choose_council.html",
        {"councils": councils, "url_name": url_name, "page_title": template_name},
    )


@public
def privacy(request):
    return _choose_or_own(request, _("Privacy notice"), "statements:privacy_council")


@public
def privacy_council(request, slug):
    council = get_object_or_404(Council, slug=slug)
    return _council_page(
        request, "statements/privacy.html", council, {"schedule": public_schedule(council)}
    )


@public
def accessibility(request):
    return _choose_or_own(request, _("Accessibility statement"), "statements:accessibility_council")


@public
def accessibility_council(request, slug):
    council = get_object_or_404(Council, slug=slug)
    return _council_page(request, "statements/accessibility.html", council)


@public
def cookies(request):
    names = {
        "session": settings.SESSION_COOKIE_NAME,
        "csrf": settings.CSRF_COOKIE_NAME,
        "language": settings.LANGUAGE_COOKIE_NAME,
        "messages": getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
    }
    return render(
        request,
        "statements/cookies.html",
        {
            "last_reviewed": LAST_REVIEWED,
            "cookie_names": names,
            "idle_minutes": settings.PARENT_CHARTER_SESSION_IDLE_SECONDS // 60,
        },
    )


@public
def feedback(request):
    return _choose_or_own(request, _("Give feedback"), "statements:feedback_council")


@public
def feedback_council(request, slug):
    council = get_object_or_404(Council, slug=slug)
    return _council_page(request, "statements/feedback.html", council)


@requires("statements.change_details")
@require_http_methods(["GET", "POST"])
def council_details(request):
    return council_setting_page(
        request,
        request.user.council,
        form_class=CouncilDetailsForm,
        update=services.update_details,
        template="statements/council_details.html",
        done="core:dashboard",
        record_name="council",
    )
