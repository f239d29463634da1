"""Writes to the living-apart records. Each runs in one transaction with its audit event.

Audit details name kinds, fields and counts only: never dates, amounts, places or notes.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.children.models import Child, ChildParent
from parent_charter.core.concurrency import claim_submission, complete_submission, save_if_unchanged
from parent_charter.notifications.services import notify_parent, notify_staff
from parent_charter.parents.models import Parent

from .models import (
    ClaimStatus,
    ContactArrangement,
    ContactSession,
    CostClaim,
    GriefFollowUp,
    GriefSupportOffer,
    LetterBoxExchange,
    Proceeding,
    Receipt,
)
from .receipts import ReceiptFile

ARRANGEMENT_FIELDS = (
    "kind",
    "frequency",
    "next_date",
    "next_place",
    "arranged_by",
    "notes",
    "started_on",
    "ended_on",
)
EXCHANGE_FIELDS = ("due_on", "sent_on", "received_on", "goes_through", "notes")
PROCEEDING_FIELDS = (
    "child",
    "kind",
    "kind_other",
    "held_on",
    "place",
    "supporters",
    "other_supporter",
    "outcome",
)
GRIEF_FIELDS = ("offered_on", "offered_by", "kind", "answer", "notes")


class DuplicateSubmission(Exception):
    """The form was sent before; `existing` is what it made (None while that is unfinished)."""

    def __init__(self, existing=None):
        super().__init__("This form was already submitted.")
        self.existing = existing


class ClaimRuleBroken(Exception):
    """A decision or payment the rules do not allow; `code` says which rule."""

    OWN_CLAIM = "own_claim"
    NOT_WAITING = "not_waiting"
    NOT_APPROVED = "not_approved"
    REASON_NEEDED = "reason_needed"

    def __init__(self, code: str, claim=None):
        super().__init__(code)
        self.code = code
        self.claim = claim


def _claim_token(form_token, object_type: str, model):
    claim = claim_submission(form_token, object_type=object_type)
    if claim.existing_object_id is not None:
        existing = model.objects.filter(public_id=claim.existing_object_id or None).first()
        raise DuplicateSubmission(existing)
    return claim


def _changed(record, fields: dict, names) -> dict:
    return {
        name: fields[name]
        for name in names
        if name in fields and _value(getattr(record, name)) != _value(fields[name])
    }


def _value(value):
    return getattr(value, "pk", value)


def _check_child_of(parent: Parent, child: Child | None) -> None:
    if child is None:
        return
    if not ChildParent.objects.filter(parent=parent, child=child).exists():
        raise ValueError("That child is not linked to this parent.")


def _living_apart_url(parent: Parent) -> str:
    return reverse("apart:parent", kwargs={"parent_id": parent.public_id})


# --- Contact arrangements -------------------------------------------------------------------


def arrangement_add(
    *,
    parent: Parent,
    child: Child,
    actor,
    form_token,
    kind: str,
    frequency: str,
    next_date: datetime.date | None = None,
    next_place: str = "",
    arranged_by: str = "",
    notes: str = "",
    started_on: datetime.date | None = None,
) -> ContactArrangement:
    with transaction.atomic():
        _check_child_of(parent, child)
        claim = _claim_token(form_token, "apart.arrangement", ContactArrangement)
        arrangement = ContactArrangement.objects.create(
            council=parent.council,
            parent=parent,
            child=child,
            kind=kind,
            frequency=frequency,
            next_date=next_date,
            next_place=next_place,
            arranged_by=arranged_by,
            notes=notes,
            started_on=started_on,
            created_by=actor,
        )
        complete_submission(claim, arrangement)
        audit.record(
            actor=actor,
            council=parent.council,
            action="apart.arrangement.added",
            obj=arrangement,
            detail={"kind": kind, "frequency": frequency},
        )
    return arrangement


def arrangement_update(
    *, arrangement: ContactArrangement, actor, expected_version: int, **fields
) -> list[str]:
    """Save changed details unless someone else saved first (raises EditConflict)."""
    changed = _changed(arrangement, fields, ARRANGEMENT_FIELDS)
    with transaction.atomic():
        save_if_unchanged(arrangement, expected_version=expected_version, fields=changed)
        audit.record(
            actor=actor,
            council=arrangement.council,
            action="apart.arrangement.updated",
            obj=arrangement,
            detail={"fields": sorted(changed), "ended": arrangement.ended_on is not None},
        )
    return sorted(changed)


def session_log(
    *,
    arrangement: ContactArrangement,
    actor,
    form_token,
    held_on: datetime.date,
    outcome: str,
    notes: str = "",
) -> ContactSession:
    with transaction.atomic():
        claim = _claim_token(form_token, "apart.session", ContactSession)
        session = ContactSession.objects.create(
            council=arrangement.council,
            arrangement=arrangement,
            held_on=held_on,
            outcome=outcome,
            notes=notes,
            recorded_by=actor,
        )
        complete_submission(claim, session)
        audit.record(
            actor=actor,
            council=arrangement.council,
            action="apart.session.logged",
            obj=session,
            detail={"outcome": outcome, "arrangement": str(arrangement.public_id)},
        )
    return session


# --- Letter-box -----------------------------------------------------------------------------


def exchange_add(
    *,
    arrangement: ContactArrangement,
    actor,
    form_token,
    due_on: datetime.date,
    sent_on: datetime.date | None = None,
    received_on: datetime.date | None = None,
    goes_through: str = "",
    notes: str = "",
) -> LetterBoxExchange:
    with transaction.atomic():
        claim = _claim_token(form_token, "apart.exchange", LetterBoxExchange)
        exchange = LetterBoxExchange.objects.create(
            council=arrangement.council,
            arrangement=arrangement,
            due_on=due_on,
            sent_on=sent_on,
            received_on=received_on,
            goes_through=goes_through,
            notes=notes,
            created_by=actor,
        )
        complete_submission(claim, exchange)
        audit.record(
            actor=actor,
            council=arrangement.council,
            action="apart.letter_box.added",
            obj=exchange,
            detail={"sent": sent_on is not None, "received": received_on is not None},
        )
    return exchange


def exchange_update(
    *, exchange: LetterBoxExchange, actor, expected_version: int, **fields
) -> list[str]:
    changed = _changed(exchange, fields, EXCHANGE_FIELDS)
    with transaction.atomic():
        save_if_unchanged(exchange, expected_version=expected_version, fields=changed)
        audit.record(
            actor=actor,
            council=exchange.council,
            action="apart.letter_box.updated",
            obj=exchange,
            detail={"fields": sorted(changed)},
        )
    return sorted(changed)


# --- Money ----------------------------------------------------------------------------------


def team_managers(council, *, except_user=None) -> list[User]:
    managers = User.objects.filter(
        council=council, is_active=True, role_grants__role=Role.TEAM_MANAGER
    ).distinct()
    if except_user is not None:
        managers = managers.exclude(pk=except_user.pk)
    return list(managers.order_by("pk"))


def claim_add(
    *,
    parent: Parent,
    actor,
    form_token,
    kind: str,
    description: str,
    amount: Decimal,
    journey_date: datetime.date,
    arrangement: ContactArrangement | None = None,
    receipt: ReceiptFile | None = None,
) -> CostClaim:
    """Record a claim waiting for a team manager's approval, and tell the managers."""
    if not isinstance(amount, Decimal) or amount <= 0:
        raise ValueError("A claim is a positive Decimal amount.")
    if arrangement is not None and arrangement.parent_id != parent.pk:
        raise ValueError("That arrangement is another parent's.")
    with transaction.atomic():
        claim_token = _claim_token(form_token, "apart.claim", CostClaim)
        claim = CostClaim.objects.create(
            council=parent.council,
            parent=parent,
            arrangement=arrangement,
            kind=kind,
            description=description,
            amount=amount,
            journey_date=journey_date,
            claimed_by=actor,
        )
        if receipt is not None:
            Receipt.objects.create(
                council=parent.council,
                claim=claim,
                data=receipt.data,
                content_type=receipt.content_type,
                size=receipt.size,
                original_name=receipt.original_name,
                sha256=receipt.sha256,
                uploaded_by=actor,
            )
        complete_submission(claim_token, claim)
        audit.record(
            actor=actor,
            council=parent.council,
            action="apart.claim.added",
            obj=claim,
            detail={"kind": kind, "receipt": receipt is not None},
        )
        notify_staff(
            council=parent.council,
            recipients=team_managers(parent.council, except_user=actor),
            kind="apart.claim_waiting",
            params={"parent": parent.display_name},
            url=reverse("apart:claim", kwargs={"public_id": claim.public_id}),
        )
    return claim


def claim_decide(*, claim: CostClaim, actor, approve: bool, reason: str = "") -> CostClaim:
    """A team manager approves or rejects a waiting claim; never their own."""
    reason = reason.strip()
    if not approve and not reason:
        raise ClaimRuleBroken(ClaimRuleBroken.REASON_NEEDED, claim)
    with transaction.atomic():
        # Locked, so two managers deciding at once cannot both win.
        current = CostClaim.objects.select_for_update().select_related("parent").get(pk=claim.pk)
        if current.claimed_by_id == actor.pk:
            raise ClaimRuleBroken(ClaimRuleBroken.OWN_CLAIM, current)
        if current.status != ClaimStatus.WAITING:
            raise ClaimRuleBroken(ClaimRuleBroken.NOT_WAITING, current)
        fields = {
            "status": ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED,
            "decided_by": actor,
            "decided_at": timezone.now(),
            "decision_reason": reason,
        }
        save_if_unchanged(current, expected_version=current.version, fields=fields)
        audit.record(
            actor=actor,
            council=current.council,
            action="apart.claim.approved" if approve else "apart.claim.rejected",
            obj=current,
            detail={"reason_given": bool(reason)},
        )
        notify_staff(
            council=current.council,
            recipients=[current.claimed_by],
            kind="apart.claim_approved" if approve else "apart.claim_rejected",
            params={"parent": current.parent.display_name},
            url=reverse("apart:claim", kwargs={"public_id": current.public_id}),
        )
        if approve:
            notify_parent(
                parent=current.parent,
                kind="apart.claim_approved_parent",
                params={"amount": f"{current.amount:,.2f}"},
            )
    _copy(current, claim)
    return claim


def claim_mark_paid(*, claim: CostClaim, actor, paid_on: datetime.date) -> CostClaim:
    with transaction.atomic():
        current = CostClaim.objects.select_for_update().select_related("parent").get(pk=claim.pk)
        if current.status != ClaimStatus.APPROVED:
            raise ClaimRuleBroken(ClaimRuleBroken.NOT_APPROVED, current)
        save_if_unchanged(
            current,
            expected_version=current.version,
            fields={"status": ClaimStatus.PAID, "paid_on": paid_on, "paid_recorded_by": actor},
        )
        audit.record(actor=actor, council=current.council, action="apart.claim.paid", obj=current)
        notify_parent(
            parent=current.parent,
            kind="apart.claim_paid_parent",
            params={"amount": f"{current.amount:,.2f}"},
        )
    _copy(current, claim)
    return claim


def _copy(source: CostClaim, target: CostClaim) -> None:
    for name in (
        "status",
        "decided_by",
        "decided_at",
        "decision_reason",
        "paid_on",
        "paid_recorded_by",
        "version",
    ):
        setattr(target, name, getattr(source, name))


def record_receipt_download(*, actor, receipt: Receipt) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=receipt.council,
            action="apart.receipt.downloaded",
            obj=receipt.claim,
        )


# --- Proceedings and meetings ---------------------------------------------------------------


def proceeding_add(
    *,
    parent: Parent,
    actor,
    form_token,
    kind: str,
    held_on: datetime.date,
    child: Child | None = None,
    kind_other: str = "",
    place: str = "",
    supporters: list[str] | None = None,
    other_supporter: str = "",
    outcome: str = "",
) -> Proceeding:
    with transaction.atomic():
        _check_child_of(parent, child)
        claim = _claim_token(form_token, "apart.proceeding", Proceeding)
        proceeding = Proceeding.objects.create(
            council=parent.council,
            parent=parent,
            child=child,
            kind=kind,
            kind_other=kind_other,
            held_on=held_on,
            place=place,
            supporters=list(supporters or []),
            other_supporter=other_supporter,
            outcome=outcome,
            created_by=actor,
        )
        complete_submission(claim, proceeding)
        audit.record(
            actor=actor,
            council=parent.council,
            action="apart.proceeding.added",
            obj=proceeding,
            detail={"kind": kind, "supporters": sorted(proceeding.supporters)},
        )
    return proceeding


def proceeding_update(
    *, proceeding: Proceeding, actor, expected_version: int, **fields
) -> list[str]:
    if "child" in fields:
        _check_child_of(proceeding.parent, fields["child"])
    changed = _changed(proceeding, fields, PROCEEDING_FIELDS)
    with transaction.atomic():
        save_if_unchanged(proceeding, expected_version=expected_version, fields=changed)
        audit.record(
            actor=actor,
            council=proceeding.council,
            action="apart.proceeding.updated",
            obj=proceeding,
            detail={"fields": sorted(changed)},
        )
    return sorted(changed)


# --- Grief and loss -------------------------------------------------------------------------


def grief_offer_add(
    *,
    parent: Parent,
    actor,
    form_token,
    offered_on: datetime.date,
    offered_by: str,
    kind: str,
    answer: str,
    notes: str = "",
) -> GriefSupportOffer:
    with transaction.atomic():
        claim = _claim_token(form_token, "apart.grief", GriefSupportOffer)
        offer = GriefSupportOffer.objects.create(
            council=parent.council,
            parent=parent,
            offered_on=offered_on,
            offered_by=offered_by,
            kind=kind,
            answer=answer,
            notes=notes,
            created_by=actor,
        )
        complete_submission(claim, offer)
        audit.record(
            actor=actor,
            council=parent.council,
            action="apart.grief_support.offered",
            obj=offer,
            detail={"kind": kind, "answer": answer},
        )
    return offer


def grief_offer_update(
    *, offer: GriefSupportOffer, actor, expected_version: int, **fields
) -> list[str]:
    changed = _changed(offer, fields, GRIEF_FIELDS)
    with transaction.atomic():
        save_if_unchanged(offer, expected_version=expected_version, fields=changed)
        audit.record(
            actor=actor,
            council=offer.council,
            action="apart.grief_support.updated",
            obj=offer,
            detail={"fields": sorted(changed), "answer": offer.answer},
        )
    return sorted(changed)


def grief_follow_up_add(
    *, offer: GriefSupportOffer, actor, form_token, on: datetime.date, note: str
) -> GriefFollowUp:
    with transaction.atomic():
        claim = _claim_token(form_token, "apart.grief_follow_up", GriefFollowUp)
        follow_up = GriefFollowUp.objects.create(
            council=offer.council, offer=offer, on=on, note=note, recorded_by=actor
        )
        complete_submission(claim, follow_up)
        audit.record(
            actor=actor,
            council=offer.council,
            action="apart.grief_support.followed_up",
            obj=offer,
        )
    return follow_up
