"""The network view for coordinators (the sign-up map, the comparison), and the council
administrator's choice to share the council's figures."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.permissions import requires
from parent_charter.figures import periods

from . import selectors, services
from .forms import SharingForm


@requires("network.view_network")
@require_GET
def index(request):
    return render(request, "network/index.html", {"overview": selectors.sign_up_overview()})


@requires("network.view_network")
@require_GET
def comparison(request):
    period = periods.last_full_quarter(timezone.localdate())
    return render(
        request, "network/comparison.html", {"comparison": selectors.comparison(period=period)}
    )


@requires("network.change_sharing")
@require_http_methods(["GET", "POST"])
def sharing(request):
    council = request.user.council
    conflict = None
    if request.method == "POST":

        def update(*, expected_version, share_figures):
            services.sharing_update(
                council=council,
                actor=request.user,
                expected_version=expected_version,
                share_figures=share_figures,
            )

        form, conflict, saved = submit_locked_edit(request, SharingForm(request.POST), update)
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect("network:sharing")
    else:
        form = SharingForm(initial=SharingForm.initial_for(services.sharing_for(council)))
    return render(
        request,
        "network/sharing.html",
        {"form": form, "conflict": conflict, "sharing": services.sharing_for(council)},
    )
