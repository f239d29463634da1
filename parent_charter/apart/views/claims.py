"""Claims for the costs of contact: recorded, decided by a team manager who did not make them,
recorded as paid; their receipts downloaded, and the list waiting for a decision."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from parent_charter.core.pages import or_404
from parent_charter.core.permissions import requires

from .. import selectors
from ..forms.claims import ClaimForm, Decision, DecisionForm, PaidForm
from ..models import ClaimStatus
from ..services import claims as services
from ..services.claims import ClaimRuleBroken
from .common import FORM, READ_ONLY, add_page, page_url, parent_or_404


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def claim_add(request, parent_id):
    parent = parent_or_404(parent_id)
    return add_page(
        request,
        ClaimForm,
        lambda form, form_token: services.claim_add(
            parent=parent,
            actor=request.user,
            form_token=form_token,
            **form.service_fields(),
        ),
        parent=parent,
        # A claim sent twice shows the first; one whose first sending is unfinished, the list.
        done=lambda claim: _claim_url(claim) if claim is not None else page_url(parent, "money"),
        added=_("Claim recorded. A team manager has been asked to approve it."),
        form_kwargs={"arrangements": selectors.active_arrangements(parent)},
        title=_("Claim the costs of contact"),
        form_name="apart.claim.add",
        intro=_(
            "Travel and other costs of seeing or keeping in touch with a child. A team manager "
            "approves each claim; the person who makes a claim cannot approve it."
        ),
        submit=_("Send for approval"),
    )


def _claim_url(claim) -> str:
    return reverse("apart:claim", kwargs={"public_id": claim.public_id})


def _claim_or_404(request, public_id):
    return or_404(selectors.claim_for_view, actor=request.user, public_id=public_id)


def _claim_page(request, claim, *, decision_form=None, paid_form=None, problem="", status=200):
    user = request.user
    can_decide = (
        claim.status == ClaimStatus.WAITING
        and user.has_perm("apart.decide_claim")
        and claim.claimed_by_id != user.pk
    )
    can_pay = claim.status == ClaimStatus.APPROVED and user.has_perm("apart.record_living_apart")
    return render(
        request,
        "apart/claim_detail.html",
        {
            "claim": claim,
            "parent": claim.parent,
            "receipt": selectors.receipt_of(claim),
            "own_claim": claim.claimed_by_id == user.pk,
            "can_decide": can_decide,
            "decision_form": decision_form or (DecisionForm() if can_decide else None),
            "can_pay": can_pay,
            "paid_form": paid_form or (PaidForm(claim=claim) if can_pay else None),
            "problem": problem,
        },
        status=status,
    )


@requires("apart.view_claims")
@require_http_methods(READ_ONLY)
def claim_detail(request, public_id):
    return _claim_page(request, _claim_or_404(request, public_id))


RULE_MESSAGES = {
    ClaimRuleBroken.OWN_CLAIM: gettext_lazy(
        "You made this claim, so another team manager must decide it."
    ),
    ClaimRuleBroken.NOT_WAITING: gettext_lazy(
        "This claim has already been decided. Nothing was changed."
    ),
    ClaimRuleBroken.NOT_APPROVED: gettext_lazy(
        "Only an approved claim can be recorded as paid. Nothing was changed."
    ),
}


def _refused(request, claim, code: str, *, status: int):
    """The claim page again, saying which rule stopped the change."""
    return _claim_page(request, claim, problem=str(RULE_MESSAGES.get(code, "")), status=status)


@requires("apart.decide_claim")
@require_POST
def claim_decide(request, public_id):
    claim = _claim_or_404(request, public_id)
    if claim.claimed_by_id == request.user.pk:
        return _refused(request, claim, ClaimRuleBroken.OWN_CLAIM, status=403)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _claim_page(request, claim, decision_form=form)
    approve = form.cleaned_data["decision"] == Decision.APPROVE
    try:
        services.claim_decide(
            claim=claim, actor=request.user, approve=approve, reason=form.cleaned_data["reason"]
        )
    except ClaimRuleBroken as broken:
        current = selectors.claim_for_change(public_id=public_id)
        status = 403 if broken.code == broken.OWN_CLAIM else 409
        return _refused(request, current, broken.code, status=status)
    messages.success(request, _("Claim approved") if approve else _("Claim not approved"))
    return redirect("apart:claim", public_id=claim.public_id)


@requires("apart.record_living_apart")
@require_POST
def claim_paid(request, public_id):
    claim = _claim_or_404(request, public_id)
    if claim.status != ClaimStatus.APPROVED:
        status = 409 if claim.status == ClaimStatus.PAID else 200
        return _refused(request, claim, ClaimRuleBroken.NOT_APPROVED, status=status)
    form = PaidForm(request.POST, claim=claim)
    if not form.is_valid():
        return _claim_page(request, claim, paid_form=form)
    try:
        services.claim_mark_paid(
            claim=claim, actor=request.user, paid_on=form.cleaned_data["paid_on"]
        )
    except ClaimRuleBroken:
        current = selectors.claim_for_change(public_id=public_id)
        return _refused(request, current, ClaimRuleBroken.NOT_APPROVED, status=409)
    messages.success(request, _("Payment recorded"))
    return redirect("apart:claim", public_id=claim.public_id)


@requires("apart.view_claims")
@require_http_methods(READ_ONLY)
def receipt_download(request, public_id):
    receipt = or_404(selectors.receipt_for_download, public_id=public_id)
    services.record_receipt_download(actor=request.user, receipt=receipt)
    response = HttpResponse(bytes(receipt.data), content_type=receipt.content_type)
    response["Content-Disposition"] = content_disposition_header(True, receipt.original_name)
    response["Content-Length"] = str(receipt.size)
    # The file came from outside: never rendered as a page, never cached, never embedded.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@requires("apart.decide_claim")
@require_http_methods(READ_ONLY)
def claims_waiting(request):
    claims = selectors.claims_waiting(actor=request.user)
    return render(request, "apart/claims_waiting.html", {"claims": claims})
