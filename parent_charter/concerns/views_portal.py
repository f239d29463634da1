"""The parent's own page about concerns (portal): what is happening and what the plan is, in
plain words, and a button to say they have read it. The parent is always the signed-in one
(parents.access.current_parent); a summary of anyone else's concern is not found (404)."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires
from parent_charter.parents.access import current_parent

from . import portal, services_summary


def portal_home_url() -> str:
    try:
        return reverse("portal:home")
    except NoReverseMatch:  # the portal's home page is another app's, and may not exist yet
        return "/my/"


@requires("portal.use_portal")
@require_GET
def concerns_index(request):
    parent = current_parent(request)
    concerns = portal.portal_concerns(actor=request.user, parent=parent)
    return render(
        request,
        "concerns/portal_index.html",
        {"parent": parent, "concerns": concerns, "home_url": portal_home_url()},
    )


@requires("portal.use_portal")
@require_POST
def acknowledge(request):
    parent = current_parent(request)
    try:
        summary_id = uuid.UUID(request.POST.get("summary", ""))
    except ValueError:
        messages.error(request, _("Choose the summary you have read."))
        return redirect("concerns_portal:index")
    summary = or_404(portal.summary_for_parent, parent=parent, public_id=summary_id)
    try:
        done = services_summary.summary_acknowledge(summary=summary, actor=request.user)
    except services_summary.NotLatestSummary:
        messages.info(
            request,
            _("There is a newer version of this summary. Please read it before you say so."),
        )
    else:
        if done:
            messages.success(request, _("Thank you. Your adviser can see that you have read it."))
        else:
            messages.info(request, _("You had already said you have read this version."))
    return redirect("concerns_portal:index")
