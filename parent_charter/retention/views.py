"""Staff pages of retention: what is due for disposal, proposing and approving, the register of
disposals, the council's schedule, and the day support for a parent ended."""

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parent_charter.audit import services as audit
from parent_charter.core.conflicts import submit_at_version
from parent_charter.core.edit_views import version_page
from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires
from parent_charter.parents.models import Parent

from . import selectors, services
from .forms import RuleForm, SupportEndForm
from .kinds import KINDS
from .models import DisposalRequest, SupportEnd


def _parent(public_id) -> Parent:
    return or_404(Parent.objects.select_related("council").get, public_id=public_id)


def _proposal(public_id) -> DisposalRequest:
    return or_404(DisposalRequest.objects.get, public_id=public_id)


@requires("retention.manage_disposal")
def due(request):
    council = request.user.council
    items = selectors.due_for_disposal(council)
    register = selectors.disposal_register(council)
    # The page names parents: reading it is recorded, by count only.
    audit.record_now(
        actor=request.user,
        council=council,
        action="retention.due.viewed",
        detail={"due": len(items)},
    )
    return render(request, "retention/due.html", {"items": items, "register": register})


@requires("retention.manage_disposal")
@require_POST
def propose(request, parent_id, kind):
    if kind not in KINDS:
        raise Http404
    parent = _parent(parent_id)
    return _disposal_step(
        request,
        partial(services.propose_disposal, parent=parent, kind=kind, actor=request.user),
        lambda done: _("Disposal proposed. Someone else must now approve it before anything goes."),
    )


def _disposal_step(request, step, message):
    """Take one step of a disposal; a refusal is shown as an error. Back to what is due."""
    try:
        done = step()
    except services.DisposalRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, message(done))
    return redirect("retention:due")


@requires("retention.manage_disposal")
@require_POST
def approve(request, disposal_id):
    proposal = _proposal(disposal_id)
    return _disposal_step(
        request,
        partial(services.approve_disposal, proposal=proposal, actor=request.user),
        lambda done: _("Disposed of: %(kind)s") % {"kind": KINDS[done.kind].label},
    )


@requires("retention.manage_disposal")
@require_POST
def decline(request, disposal_id):
    proposal = _proposal(disposal_id)
    return _disposal_step(
        request,
        partial(services.decline_disposal, proposal=proposal, actor=request.user),
        lambda done: _("Not approved: the records are kept"),
    )


@requires("retention.view_schedule")
def schedule(request):
    return render(
        request,
        "retention/schedule.html",
        {"rules": selectors.schedule_for(request.user.council)},
    )


@requires("retention.change_schedule")
@require_http_methods(["GET", "POST"])
def edit_rule(request):
    # The kind is a query parameter: it names no record, so the page is the same in every
    # council, and an unknown kind goes back to the schedule.
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        return redirect("retention:schedule")
    council = request.user.council
    rule = selectors.rule_for(council, kind)
    return version_page(
        request,
        rule,
        form_class=RuleForm,
        save=lambda form: services.update_rule(
            council=council,
            actor=request.user,
            kind=kind,
            expected_version=form.expected_version,
            keep_for_months=form.cleaned_data["keep_for_months"],
            reason=form.cleaned_data["reason"],
        ),
        template="retention/edit_rule.html",
        done="retention:schedule",
        record_name="rule",
        initial={
            "keep_for_months": rule.keep_for_months,
            "reason": rule.reason,
            "version": rule.version,
        },
    )


@requires("retention.record_support_end")
@require_http_methods(["GET", "POST"])
def support_end(request, parent_id):
    parent = _parent(parent_id)
    current = SupportEnd.objects.filter(parent=parent).first()
    back = reverse("parents:detail", kwargs={"public_id": parent.public_id}) + "#retention"
    conflict = None
    if request.method == "POST":
        if "resume" in request.POST:
            services.clear_support_end(parent=parent, actor=request.user)
            messages.success(request, _("Support has resumed: nothing is due for disposal"))
            return redirect(back)
        form, conflict, saved = submit_at_version(
            request,
            SupportEndForm,
            lambda form: services.record_support_end(
                parent=parent,
                actor=request.user,
                ended_on=form.cleaned_data["ended_on"],
                expected_version=form.expected_version,
            ),
        )
        if saved:
            messages.success(request, _("Date support ended saved"))
            return redirect(back)
        current = conflict or current
    else:
        form = SupportEndForm(
            initial={"ended_on": current.ended_on, "version": current.version} if current else {}
        )
        audit.record_now(
            actor=request.user,
            council=parent.council,
            action="retention.support_end.viewed",
            obj=parent,
        )
    return render(
        request,
        "retention/support_end.html",
        {"form": form, "parent": parent, "current": current, "conflict": conflict, "back": back},
    )
