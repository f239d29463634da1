"""The parent's own page about research use of their records (portal): what research exports
are, whether they have objected, and a button to object or to withdraw the objection. The
parent is always the signed-in one (parents.access.current_parent)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from parent_charter.core.permissions import requires
from parent_charter.parents.access import current_parent

from . import selectors, services
from .models import ObjectionRoute


@requires("portal.use_portal")
@require_GET
def index(request):
    parent = current_parent(request)
    objection = selectors.open_objection(parent)
    services.portal_page_viewed(parent=parent, actor=request.user)
    return render(request, "research/portal_index.html", {"parent": parent, "objection": objection})


def _objection_step(request, step, message):
    """Record or withdraw the signed-in parent's own objection, then back to the page."""
    step(parent=current_parent(request), actor=request.user, via=ObjectionRoute.PORTAL)
    messages.success(request, message)
    return redirect("research_portal:index")


@requires("portal.use_portal")
@require_POST
def object_(request):
    return _objection_step(
        request,
        services.objection_record,
        _("We have recorded that you do not want your records used for research."),
    )


@requires("portal.use_portal")
@require_POST
def withdraw(request):
    return _objection_step(
        request,
        services.objection_withdraw,
        _("Your objection is withdrawn. Your records may be used for approved research."),
    )
