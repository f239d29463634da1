"""The parent's own page about moving to another council (portal, /my/moving/): what their
adviser proposed, what would go with them, and their answer. The parent is always the
signed-in one (parents.access.current_parent)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.pages import or_404, read_audited
from parent_charter.core.permissions import requires
from parent_charter.parents.access import current_parent

from . import catalogue, selectors, services
from .forms import NO, YES, VersionForm
from .models import ConsentRoute


@requires("portal.use_portal")
@require_GET
def index(request):
    parent = current_parent(request)
    transfers = selectors.for_portal(parent)
    read_audited(
        actor=request.user,
        council=parent.council,
        action="transfer.portal.viewed",
        parent=parent,
        detail={"shown": len(transfers)},
    )
    rows = [(row, catalogue.groups(row.information)) for row in transfers]
    return render(request, "transfers/portal_index.html", {"parent": parent, "rows": rows})


@requires("portal.use_portal")
@require_POST
def answer(request, public_id):
    parent = current_parent(request)
    transfer = or_404(selectors.portal_transfer, parent, public_id)
    form = VersionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["answer"] not in (YES, NO):
        messages.error(request, _("Choose yes or no"))
        return redirect("transfers_portal:index")
    agreed = form.cleaned_data["answer"] == YES
    try:
        services.record_answer(
            transfer=transfer,
            actor=request.user,
            expected_version=form.cleaned_data["version"] or 0,
            agreed=agreed,
            on=timezone.localdate(),
            route=ConsentRoute.PORTAL,
        )
    except (services.StepNotAllowed, EditConflict):
        messages.info(
            request, _("This has changed since you opened the page. Please check it again.")
        )
    else:
        messages.success(
            request,
            _("Thank you. We have told the other council, and they will be in touch.")
            if agreed
            else _("Thank you. Nothing about you goes to the other council."),
        )
    return redirect("transfers_portal:index")
