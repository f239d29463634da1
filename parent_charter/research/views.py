"""Staff pages of research exports: the council's data-sharing agreements, recording one, an
agreement's exports with their progress, a file's download (the approver only), and a
parent's objection to research use, recorded or withdrawn from the parent's page."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import requires
from parent_charter.parents.selectors import parent_or_404

from . import catalogue, selectors, services
from .forms import AgreementForm
from .models import ObjectionRoute


@requires("research.manage_agreement")
@require_GET
def index(request):
    return render(
        request,
        "research/index.html",
        {"agreements": list(selectors.agreements()), "today": timezone.localdate()},
    )


@requires("research.manage_agreement")
@require_http_methods(["GET", "POST"])
def add(request):
    council = request.user.council
    if request.method == "POST":
        form = AgreementForm(request.POST, council=council)
        added = submit_once(
            request,
            form,
            lambda token: services.agreement_create(
                council=council, actor=request.user, form_token=token, **form.service_fields()
            ),
        )
        if added.saved:
            messages.success(request, _("Data-sharing agreement recorded"))
        if added.obj is not None:
            return redirect("research:agreement", public_id=added.obj.public_id)
        if added.duplicate:
            return redirect("research:index")
    else:
        form = AgreementForm(council=council, initial={"form_token": uuid.uuid4()})
    return render(request, "research/add.html", {"form": form})


@requires("research.manage_agreement")
@require_GET
def agreement(request, public_id):
    found = or_404(selectors.agreement, public_id)
    services.agreement_viewed(agreement=found, actor=request.user)
    today = timezone.localdate()
    return render(
        request,
        "research/agreement.html",
        {
            "agreement": found,
            "exports": selectors.exports_of(found),
            "field_labels": [group.label for group in catalogue.groups(found.fields)],
            "in_force": found.in_force_on(today),
            "ended": found.ended_by(today),
            "is_approver": found.approver_id == request.user.pk,
        },
    )


@requires("research.manage_agreement")
@require_POST
def build(request, public_id):
    found = or_404(selectors.agreement, public_id)
    try:
        services.request_export(agreement=found, actor=request.user)
    except services.ExportRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("The export is being built. Refresh this page to see when it is ready.")
        )
    return redirect(
        reverse("research:agreement", kwargs={"public_id": found.public_id}) + "#exports"
    )


@requires("research.download_export")
@require_GET
def download(request, public_id, file):
    if file not in services.FILES:
        raise Http404
    export = or_404(selectors.export, public_id)
    if export.agreement.approver_id != request.user.pk:
        services.download_refused(
            export=export, actor=request.user, file=file, why="not the approver"
        )
        raise PermissionDenied
    try:
        services.check_download(export=export, today=timezone.localdate())
    except services.ExportRefused as refusal:
        services.download_refused(export=export, actor=request.user, file=file, why="unavailable")
        messages.error(request, str(refusal))
        return redirect(
            reverse("research:agreement", kwargs={"public_id": export.agreement.public_id})
            + "#exports"
        )
    services.export_downloaded(export=export, actor=request.user, file=file)
    response = HttpResponse(getattr(export, file), content_type="text/csv; charset=utf-8")
    name = f"research-{str(export.public_id)[:8]}-{file}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _objection_step(request, public_id, step, message):
    """Record or withdraw the parent's objection as their adviser, then back to their page."""
    parent = parent_or_404(actor=request.user, public_id=public_id, page="research")
    step(parent=parent, actor=request.user, via=ObjectionRoute.ADVISER)
    messages.success(request, message)
    return redirect(reverse("parents:detail", kwargs={"public_id": parent.public_id}) + "#research")


@requires("research.record_objection")
@require_POST
def object_(request, public_id):
    return _objection_step(
        request, public_id, services.objection_record, _("Objection to research use recorded")
    )


@requires("research.record_objection")
@require_POST
def withdraw(request, public_id):
    return _objection_step(
        request, public_id, services.objection_withdraw, _("Objection to research use withdrawn")
    )
