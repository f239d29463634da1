"""Staff pages for referrals to children's services and pre-birth assessment requests.

A case worker makes one from the parent's page; the guard sends it or holds it; a team manager
decides on held ones; a returned one is rewritten. Managers and analysts read the guard's
figures. Advisers record that they have told a parent what the service told them.
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict, ErrorList
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parent_charter.children.selectors import child_label
from parent_charter.core.conflicts import rebound_at
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import requires
from parent_charter.notifications import services as notifications

from . import selectors, services, services_counts, services_decisions
from .evidence import recency_months
from .forms import DecisionForm, ReferralForm, evidence_formset
from .models import ChildrenServicesReferral, Status, StepKind

READ_ONLY = ["GET", "HEAD"]
PAGE_SIZE = 50
ADD_EVIDENCE = "add_evidence"


def _referral_for_change(public_id) -> ChildrenServicesReferral:
    return or_404(selectors.referral_for_change, public_id=public_id)


def _quiet(form, formset) -> None:
    """Keep what was typed but show no errors: "add another" is not a submission."""
    form._errors = ErrorDict()
    form.cleaned_data = {}
    formset._errors = []
    formset._non_form_errors = ErrorList()
    for piece in formset.forms:
        piece._errors = ErrorDict()
        piece.cleaned_data = {}
        formset._errors.append(ErrorDict())


def _bind(request, parent):
    form = ReferralForm(request.POST, parent=parent)
    adding = ADD_EVIDENCE in request.POST
    evidence = evidence_formset(request.POST, parent=parent, user=request.user, add_one=adding)
    if adding:
        _quiet(form, evidence)
        return form, evidence, False
    valid = form.is_valid() & evidence.is_valid()  # both, so every error shows at once
    if form.refused_forbidden_ground:
        services_counts.record_refused_ground(
            council=parent.council,
            actor=request.user,
            parent=parent,
            kind=request.POST.get("kind", ""),
            refused=form.forbidden_count(),
        )
    elif not valid and evidence.refused_for_evidence:
        services_counts.record_refused_evidence(
            council=parent.council,
            actor=request.user,
            parent=parent,
            kind=request.POST.get("kind", ""),
        )
    return form, evidence, valid


def _held_message(request, referral) -> None:
    if referral.status == Status.HELD and _held_as_routine(referral):
        messages.warning(
            request,
            _(
                "Not sent: held for a team manager's decision as a routine referral. It rests "
                "on a policy, a team or the parent's status, not on something that happened. "
                "The words are highlighted below. The parent will be told."
            ),
        )
    elif referral.status == Status.HELD:
        messages.warning(
            request,
            _(
                "Not sent: held for a team manager's decision. Some of the evidence may rest on "
                "the parent's own past. The words are highlighted below. The parent will be told."
            ),
        )
    else:
        messages.success(request, _("Sent to the children's services front door"))


@requires("safeguards.make_referral")
@require_http_methods(["GET", "POST"])
def referral_create(request, parent_id):
    parent = or_404(selectors.parent_for_referral, actor=request.user, public_id=parent_id)
    if request.method == "POST":
        form, evidence, valid = _bind(request, parent)
        if valid:
            added = submit_once(
                request,
                form,
                lambda token: services.submit_referral(
                    parent=parent,
                    actor=request.user,
                    form_token=token,
                    evidence=evidence.inputs(),
                    **form.record_fields(),
                ),
                duplicate_message=_("That form had already been sent. Nothing was sent twice."),
            )
            if added.obj is None:
                return redirect("parents:detail", public_id=parent.public_id)
            if added.saved:
                _held_message(request, added.obj)
            return redirect("safeguards:detail", public_id=added.obj.public_id)
    else:
        form = ReferralForm(parent=parent, initial={"form_token": uuid.uuid4()})
        evidence = evidence_formset(parent=parent, user=request.user)
    return _form_page(request, form, evidence, parent, referral=None)


def _form_page(request, form, evidence, parent, **extra):
    """The referral form with its evidence, to make or to rewrite a referral."""
    return render(
        request,
        "safeguards/form.html",
        {
            "form": form,
            "evidence": evidence,
            "parent": parent,
            "recency_months": recency_months(parent.council),
            **extra,
        },
    )


@requires("safeguards.make_referral")
@require_http_methods(["GET", "POST"])
def referral_rewrite(request, public_id):
    referral = _referral_for_change(public_id)
    parent = referral.parent
    if not referral.is_returned and request.method == "GET":
        messages.info(request, _("This referral is not waiting to be rewritten."))
        return redirect("safeguards:detail", public_id=referral.public_id)
    closed = conflict = False
    if request.method == "POST":
        form, evidence, valid = _bind(request, parent)
        if valid:
            try:
                services.rewrite_referral(
                    referral=referral,
                    actor=request.user,
                    expected_version=form.expected_version,
                    evidence=evidence.inputs(),
                    **form.record_fields(),
                )
            except services.NotWaiting:
                closed = True
            except services.EditConflict as error:
                conflict = True
                form = rebound_at(request, ReferralForm, error.current, parent=parent)
            else:
                _held_message(request, referral)
                return redirect("safeguards:detail", public_id=referral.public_id)
    else:
        form = ReferralForm(parent=parent, initial=ReferralForm.initial_for(referral))
        evidence = evidence_formset(
            parent=parent, user=request.user, initial=selectors.current_evidence_initial(referral)
        )
    selectors.record_viewed(actor=request.user, referral=referral, form="rewrite")
    return _form_page(
        request,
        form,
        evidence,
        parent,
        referral=referral,
        returned_step=_last_step(referral),
        closed=closed or not referral.is_returned,
        conflict=conflict,
    )


@requires("safeguards.view_referral")
@require_http_methods(READ_ONLY)
def referral_detail(request, public_id):
    referral = or_404(selectors.referral_for_view, actor=request.user, public_id=public_id)
    return render(request, "safeguards/detail.html", _page_context(request, referral))


@requires("safeguards.decide_referral")
@require_http_methods(["GET", "POST"])
def referral_decide(request, public_id):
    referral = _referral_for_change(public_id)
    own = request.user.pk in services_decisions.referral_makers(referral)
    overtaken = False
    if own:
        # Four eyes: whoever made or rewrote a referral never decides it. The page says so
        # and offers no form; a decision sent anyway is refused.
        form = None
    elif request.method == "POST" and not referral.is_held:
        # Decided, or returned, by someone else while this page was open.
        form, overtaken = _decision_form(referral, request.POST), True
    elif request.method == "POST":
        form = _decision_form(referral, request.POST)
        if form.is_valid():
            try:
                services_decisions.decide(
                    referral=referral,
                    actor=request.user,
                    expected_version=form.expected_version,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    relied_on=[int(p) for p in form.cleaned_data.get("relied_on") or ()],
                )
            except (services.NotWaiting, services.EditConflict):
                # Someone decided, or the evidence changed, while this page was open.
                overtaken = True
                referral = _referral_for_change(public_id)
            else:
                messages.success(
                    request, _("Decision recorded. The worker and the parent will be told.")
                )
                return redirect("safeguards:detail", public_id=referral.public_id)
        elif form.refused_reason:
            services_counts.record_refused_reason(referral=referral, actor=request.user)
    else:
        form = _decision_form(referral, initial={"version": referral.version})
    selectors.record_viewed(actor=request.user, referral=referral, form="decide")
    context = _page_context(request, referral)
    context.update({"form": form, "overtaken": overtaken, "own_referral": own})
    status = 403 if own and request.method == "POST" else 200
    return render(request, "safeguards/decide.html", context, status=status)


def _decision_form(referral, data=None, **kwargs) -> DecisionForm:
    from .evidence import current_from

    pieces = [e for e in referral.evidence.all() if e.round == referral.round]
    return DecisionForm(
        data, evidence=pieces, current_from=current_from(referral.council), **kwargs
    )


@requires("safeguards.decide_referral")
@require_http_methods(READ_ONLY)
def referral_list(request):
    referrals = selectors.referrals_for_managers()
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(referral, selectors.STATUS_TAGS.get(referral.status, "")) for referral in page]
    selectors.record_list_viewed(actor=request.user, shown=len(rows), page=page.number)
    return render(request, "safeguards/list.html", {"page": page, "rows": rows})


@requires("safeguards.view_guard_figures")
@require_http_methods(READ_ONLY)
def guard_figures(request):
    return render(request, "safeguards/figures.html", {"figures": selectors.guard_figures()})


@requires("safeguards.tell_parent")
@require_POST
def notice_told(request, public_id):
    notice = or_404(selectors.notice_for_telling, public_id=public_id)
    notifications.mark_parent_notice_told(actor=request.user, notice=notice)
    messages.success(request, _("Recorded that you have told them"))
    url = reverse("parents:detail", kwargs={"public_id": notice.parent.public_id})
    return redirect(f"{url}#things-to-tell")


def _held_as_routine(referral) -> bool:
    steps = [step for step in referral.steps.all() if step.round == referral.round]
    return bool(steps) and steps[-1].step == StepKind.HELD_ROUTINE


def _last_step(referral):
    steps = list(referral.steps.all())
    return steps[-1] if steps else None


def _page_context(request, referral) -> dict:
    rounds = selectors.evidence_by_round(referral)
    current = rounds[0][1] if rounds else []
    return {
        "referral": referral,
        "child_label": child_label(referral.child) if referral.child_id else "",
        "status_tag": selectors.STATUS_TAGS.get(referral.status, ""),
        "current_round": current,
        "earlier_rounds": rounds[1:],
        "flagged": any(piece.findings for piece in current),
        "steps": list(referral.steps.all()),
        "can_decide": referral.is_held
        and request.user.has_perm("safeguards.decide_referral")
        and request.user.pk not in services_decisions.referral_makers(referral),
        "held_as_routine": _held_as_routine(referral),
        "can_rewrite": referral.is_returned and request.user.has_perm("safeguards.make_referral"),
    }
