"""Staff pages for a parent living apart from a child: contact, letter-box, costs, proceedings
and grief support. Case workers read; advisers and managers record; managers decide claims."""

import uuid
from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from parent_charter.children.selectors import child_label
from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.permissions import requires
from parent_charter.parents.models import Parent

from . import selectors, services
from .forms import (
    ArrangementForm,
    ClaimForm,
    Decision,
    DecisionForm,
    ExchangeForm,
    FollowUpForm,
    GriefOfferForm,
    PaidForm,
    ProceedingForm,
    SessionForm,
)
from .models import (
    ClaimStatus,
    ContactArrangement,
    ContactKind,
    CostClaim,
    GriefSupportOffer,
    LetterBoxExchange,
    Proceeding,
    Receipt,
)

READ_ONLY = ["GET", "HEAD"]
FORM = ["GET", "POST"]


def _page(parent, anchor: str = "") -> str:
    url = reverse("apart:parent", kwargs={"parent_id": parent.public_id})
    return f"{url}#{anchor}" if anchor else url


def _found(getter, model, **kwargs):
    try:
        return getter(**kwargs)
    except model.DoesNotExist:
        raise Http404 from None


def _parent(parent_id) -> Parent:
    return _found(selectors.parent_for_apart, Parent, public_id=parent_id)


def _token(form):
    return form.cleaned_data.get("form_token") or uuid.uuid4()


def _already_sent(request):
    messages.info(request, _("That form had already been sent. Nothing was added twice."))


def _form_page(request, *, parent, form, title, form_name, caption="", intro="", **extra):
    """The shared form page; showing it is a read of the parent's record, so it is audited."""
    selectors.record_page_viewed(actor=request.user, parent=parent, form=form_name)
    return render(
        request,
        "apart/form.html",
        {
            "parent": parent,
            "form": form,
            "title": title,
            "caption": caption or parent.display_name,
            "intro": intro,
            "back_url": _page(parent),
            **extra,
        },
    )


# --- The living-apart page ------------------------------------------------------------------


@requires("apart.view_living_apart")
@require_http_methods(READ_ONLY)
def living_apart(request, parent_id):
    parent = _parent(parent_id)
    page = selectors.living_apart_page(
        actor=request.user,
        parent=parent,
        with_claims=request.user.has_perm("apart.view_claims"),
    )
    return render(
        request,
        "apart/living_apart.html",
        {"parent": parent, "page": page, "LETTER_BOX": ContactKind.LETTER_BOX},
    )


# --- Contact arrangements, sessions and letter-box ------------------------------------------


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def arrangement_add(request, parent_id):
    parent = _parent(parent_id)
    apart = selectors.apart_children(parent)
    kwargs = {"children": selectors.children_among(apart)}
    if request.method == "POST" and apart:
        form = ArrangementForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.arrangement_add(
                    parent=parent,
                    child=form.cleaned_data["child"],
                    actor=request.user,
                    form_token=_token(form),
                    **{k: v for k, v in form.record_fields().items() if k != "ended_on"},
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("Contact arrangement added"))
            return redirect(_page(parent, "contact"))
    else:
        initial = {"form_token": uuid.uuid4()}
        if len(apart) == 1:
            initial["child"] = apart[0].child.public_id
        form = ArrangementForm(initial=initial, **kwargs)
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Add a contact arrangement"),
        form_name="apart.arrangement.add",
        no_children=not apart,
        submit=_("Add the arrangement"),
    )


def _arrangement(public_id) -> ContactArrangement:
    return _found(selectors.arrangement_for_change, ContactArrangement, public_id=public_id)


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def arrangement_edit(request, public_id):
    arrangement = _arrangement(public_id)
    parent = arrangement.parent
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            ArrangementForm(request.POST, editing=True),
            partial(services.arrangement_update, arrangement=arrangement, actor=request.user),
            rebind_kwargs=lambda current: {"editing": True},
        )
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect(_page(parent, "contact"))
    else:
        form = ArrangementForm(initial=ArrangementForm.initial_for(arrangement), editing=True)
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Change a contact arrangement"),
        caption=_("%(parent)s and %(child)s")
        % {"parent": parent.display_name, "child": child_label(arrangement.child)},
        form_name="apart.arrangement.edit",
        conflict=conflict,
        submit=_("Save"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def session_add(request, public_id):
    arrangement = _arrangement(public_id)
    if arrangement.kind == ContactKind.LETTER_BOX:
        raise Http404
    parent = arrangement.parent
    if request.method == "POST":
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                services.session_log(
                    arrangement=arrangement,
                    actor=request.user,
                    form_token=_token(form),
                    **form.service_fields(),
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("Contact session recorded"))
            return redirect(_page(parent, "contact"))
    else:
        form = SessionForm(initial={"form_token": uuid.uuid4()})
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Record a contact session"),
        caption=_("%(parent)s and %(child)s")
        % {"parent": parent.display_name, "child": child_label(arrangement.child)},
        form_name="apart.session.add",
        submit=_("Record the session"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def exchange_add(request, public_id):
    arrangement = _arrangement(public_id)
    if arrangement.kind != ContactKind.LETTER_BOX:
        raise Http404
    parent = arrangement.parent
    if request.method == "POST":
        form = ExchangeForm(request.POST)
        if form.is_valid():
            try:
                services.exchange_add(
                    arrangement=arrangement,
                    actor=request.user,
                    form_token=_token(form),
                    **form.record_fields(),
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("Letter-box date added"))
            return redirect(_page(parent, "contact"))
    else:
        initial = {"form_token": uuid.uuid4(), "goes_through": arrangement.arranged_by}
        form = ExchangeForm(initial=initial)
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Add a letter-box date"),
        caption=_("%(parent)s and %(child)s")
        % {"parent": parent.display_name, "child": child_label(arrangement.child)},
        form_name="apart.letter_box.add",
        intro=_(
            "The parent's adviser is reminded a few days before the letter is due, until the "
            "date it was sent is recorded."
        ),
        submit=_("Add the date"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def exchange_edit(request, public_id):
    exchange = _found(selectors.exchange_for_change, LetterBoxExchange, public_id=public_id)
    parent = exchange.arrangement.parent
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            ExchangeForm(request.POST, editing=True),
            partial(services.exchange_update, exchange=exchange, actor=request.user),
            rebind_kwargs=lambda current: {"editing": True},
        )
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect(_page(parent, "contact"))
    else:
        form = ExchangeForm(initial=ExchangeForm.initial_for(exchange), editing=True)
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Change a letter-box date"),
        caption=_("%(parent)s and %(child)s")
        % {"parent": parent.display_name, "child": child_label(exchange.arrangement.child)},
        form_name="apart.letter_box.edit",
        conflict=conflict,
        submit=_("Save"),
    )


# --- Money ----------------------------------------------------------------------------------


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def claim_add(request, parent_id):
    parent = _parent(parent_id)
    arrangements = selectors.active_arrangements(parent)
    if request.method == "POST":
        form = ClaimForm(request.POST, request.FILES, arrangements=arrangements)
        if form.is_valid():
            try:
                claim = services.claim_add(
                    parent=parent,
                    actor=request.user,
                    form_token=_token(form),
                    **form.service_fields(),
                )
            except services.DuplicateSubmission as duplicate:
                _already_sent(request)
                if duplicate.existing is None:
                    return redirect(_page(parent, "money"))
                claim = duplicate.existing
            else:
                messages.success(
                    request, _("Claim recorded. A team manager has been asked to approve it.")
                )
            return redirect("apart:claim", public_id=claim.public_id)
    else:
        form = ClaimForm(initial={"form_token": uuid.uuid4()}, arrangements=arrangements)
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Claim the costs of contact"),
        form_name="apart.claim.add",
        intro=_(
            "Travel and other costs of seeing or keeping in touch with a child. A team manager "
            "approves each claim; the person who makes a claim cannot approve it."
        ),
        submit=_("Send for approval"),
    )


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
    claim = _found(selectors.claim_for_view, CostClaim, actor=request.user, public_id=public_id)
    return _claim_page(request, claim)


RULE_MESSAGES = {
    services.ClaimRuleBroken.OWN_CLAIM: gettext_lazy(
        "You made this claim, so another team manager must decide it."
    ),
    services.ClaimRuleBroken.NOT_WAITING: gettext_lazy(
        "This claim has already been decided. Nothing was changed."
    ),
    services.ClaimRuleBroken.NOT_APPROVED: gettext_lazy(
        "Only an approved claim can be recorded as paid. Nothing was changed."
    ),
}


@requires("apart.decide_claim")
@require_POST
def claim_decide(request, public_id):
    claim = _found(selectors.claim_for_view, CostClaim, actor=request.user, public_id=public_id)
    if claim.claimed_by_id == request.user.pk:
        return _claim_page(
            request,
            claim,
            problem=str(RULE_MESSAGES[services.ClaimRuleBroken.OWN_CLAIM]),
            status=403,
        )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _claim_page(request, claim, decision_form=form)
    approve = form.cleaned_data["decision"] == Decision.APPROVE
    try:
        services.claim_decide(
            claim=claim, actor=request.user, approve=approve, reason=form.cleaned_data["reason"]
        )
    except services.ClaimRuleBroken as broken:
        current = selectors.claim_for_change(public_id=public_id)
        status = 403 if broken.code == broken.OWN_CLAIM else 409
        return _claim_page(
            request, current, problem=str(RULE_MESSAGES.get(broken.code, "")), status=status
        )
    messages.success(request, _("Claim approved") if approve else _("Claim not approved"))
    return redirect("apart:claim", public_id=claim.public_id)


@requires("apart.record_living_apart")
@require_POST
def claim_paid(request, public_id):
    claim = _found(selectors.claim_for_view, CostClaim, actor=request.user, public_id=public_id)
    if claim.status != ClaimStatus.APPROVED:
        return _claim_page(
            request,
            claim,
            problem=str(RULE_MESSAGES[services.ClaimRuleBroken.NOT_APPROVED]),
            status=409 if claim.status == ClaimStatus.PAID else 200,
        )
    form = PaidForm(request.POST, claim=claim)
    if not form.is_valid():
        return _claim_page(request, claim, paid_form=form)
    try:
        services.claim_mark_paid(
            claim=claim, actor=request.user, paid_on=form.cleaned_data["paid_on"]
        )
    except services.ClaimRuleBroken:
        current = selectors.claim_for_change(public_id=public_id)
        return _claim_page(
            request,
            current,
            problem=str(RULE_MESSAGES[services.ClaimRuleBroken.NOT_APPROVED]),
            status=409,
        )
    messages.success(request, _("Payment recorded"))
    return redirect("apart:claim", public_id=claim.public_id)


@requires("apart.view_claims")
@require_http_methods(READ_ONLY)
def receipt_download(request, public_id):
    receipt = _found(selectors.receipt_for_download, Receipt, public_id=public_id)
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


# --- Proceedings and meetings ---------------------------------------------------------------


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def proceeding_add(request, parent_id):
    parent = _parent(parent_id)
    kwargs = {"children": selectors.children_choices(parent)}
    if request.method == "POST":
        form = ProceedingForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.proceeding_add(
                    parent=parent,
                    actor=request.user,
                    form_token=_token(form),
                    **form.record_fields(),
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("Hearing or meeting added"))
            return redirect(_page(parent, "proceedings"))
    else:
        form = ProceedingForm(initial={"form_token": uuid.uuid4()}, **kwargs)
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Add a hearing or meeting"),
        form_name="apart.proceeding.add",
        submit=_("Add the hearing or meeting"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def proceeding_edit(request, public_id):
    proceeding = _found(selectors.proceeding_for_change, Proceeding, public_id=public_id)
    parent = proceeding.parent
    kwargs = {"children": selectors.children_choices(parent), "editing": True}
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            ProceedingForm(request.POST, **kwargs),
            partial(services.proceeding_update, proceeding=proceeding, actor=request.user),
            rebind_kwargs=lambda current: kwargs,
        )
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect(_page(parent, "proceedings"))
    else:
        form = ProceedingForm(initial=ProceedingForm.initial_for(proceeding), **kwargs)
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Change a hearing or meeting"),
        form_name="apart.proceeding.edit",
        conflict=conflict,
        submit=_("Save"),
    )


# --- Grief and loss -------------------------------------------------------------------------


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def grief_add(request, parent_id):
    parent = _parent(parent_id)
    if request.method == "POST":
        form = GriefOfferForm(request.POST)
        if form.is_valid():
            try:
                services.grief_offer_add(
                    parent=parent,
                    actor=request.user,
                    form_token=_token(form),
                    **form.record_fields(),
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("Support offered has been recorded"))
            return redirect(_page(parent, "grief"))
    else:
        form = GriefOfferForm(
            initial={"form_token": uuid.uuid4(), "offered_by": request.user.full_name}
        )
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Record support with grief and loss"),
        form_name="apart.grief.add",
        intro=_(
            "Offer support at the parent's pace. A parent who says no now can be asked again "
            "later: record each follow-up on the offer."
        ),
        submit=_("Record the offer"),
    )


def _grief_offer(public_id) -> GriefSupportOffer:
    return _found(selectors.grief_offer_for_change, GriefSupportOffer, public_id=public_id)


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def grief_edit(request, public_id):
    offer = _grief_offer(public_id)
    parent = offer.parent
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            GriefOfferForm(request.POST, editing=True),
            partial(services.grief_offer_update, offer=offer, actor=request.user),
            rebind_kwargs=lambda current: {"editing": True},
        )
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect(_page(parent, "grief"))
    else:
        form = GriefOfferForm(initial=GriefOfferForm.initial_for(offer), editing=True)
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Change support with grief and loss"),
        form_name="apart.grief.edit",
        conflict=conflict,
        submit=_("Save"),
    )


@requires("apart.record_living_apart")
@require_http_methods(FORM)
def follow_up_add(request, public_id):
    offer = _grief_offer(public_id)
    parent = offer.parent
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.grief_follow_up_add(
                    offer=offer,
                    actor=request.user,
                    form_token=_token(form),
                    on=form.cleaned_data["on"],
                    note=form.cleaned_data["note"].strip(),
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("Follow-up recorded"))
            return redirect(_page(parent, "grief"))
    else:
        form = FollowUpForm(initial={"form_token": uuid.uuid4()})
    return _form_page(
        request,
        parent=parent,
        form=form,
        title=_("Record a follow-up"),
        caption=_("%(parent)s: %(support)s")
        % {"parent": parent.display_name, "support": offer.get_kind_display()},
        form_name="apart.grief.follow_up",
        submit=_("Record the follow-up"),
    )
