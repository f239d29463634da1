"""Claims for the costs of contact: recorded by an adviser, decided by another team manager,
then recorded as paid."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import save_if_unchanged
from parent_charter.core.pages import read_audited
from parent_charter.notifications.services import notify_parent, notify_staff
from parent_charter.parents.models import Parent

from ..models import ClaimStatus, ContactArrangement, CostClaim, Receipt
from ..receipts import ReceiptFile


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


def team_managers(council, *, except_user=None) -> list[User]:
    managers = User.objects.filter(
        council=council, is_active=True, role_grants__role=Role.TEAM_MANAGER
    ).distinct()
    if except_user is not None:
        managers = managers.exclude(pk=except_user.pk)
    return list(managers.order_by("pk"))


def _claim_url(claim: CostClaim) -> str:
    return reverse("apart:claim", kwargs={"public_id": claim.public_id})


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
        claim = add_once(
            CostClaim,
            form_token=form_token,
            object_type="apart.claim",
            actor=actor,
            action="apart.claim.added",
            audit_detail={"kind": kind, "receipt": receipt is not None},
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
        notify_staff(
            council=parent.council,
            recipients=team_managers(parent.council, except_user=actor),
            kind="apart.claim_waiting",
            params={"parent": parent.display_name},
            url=_claim_url(claim),
        )
    return claim


def _locked(claim: CostClaim) -> CostClaim:
    # Locked, so two managers deciding (or paying) at once cannot both win.
    return CostClaim.objects.select_for_update().select_related("parent").get(pk=claim.pk)


def claim_decide(*, claim: CostClaim, actor, approve: bool, reason: str = "") -> CostClaim:
    """A team manager approves or rejects a waiting claim; never their own."""
    reason = reason.strip()
    if not approve and not reason:
        raise ClaimRuleBroken(ClaimRuleBroken.REASON_NEEDED, claim)
    with transaction.atomic():
        current = _locked(claim)
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
            url=_claim_url(current),
        )
        if approve:
            _tell_parent(current, "apart.claim_approved_parent")
    _copy(current, claim)
    return claim


def claim_mark_paid(*, claim: CostClaim, actor, paid_on: datetime.date) -> CostClaim:
    with transaction.atomic():
        current = _locked(claim)
        if current.status != ClaimStatus.APPROVED:
            raise ClaimRuleBroken(ClaimRuleBroken.NOT_APPROVED, current)
        save_if_unchanged(
            current,
            expected_version=current.version,
            fields={"status": ClaimStatus.PAID, "paid_on": paid_on, "paid_recorded_by": actor},
        )
        audit.record(actor=actor, council=current.council, action="apart.claim.paid", obj=current)
        _tell_parent(current, "apart.claim_paid_parent")
    _copy(current, claim)
    return claim


def _tell_parent(claim: CostClaim, kind: str) -> None:
    notify_parent(parent=claim.parent, kind=kind, params={"amount": f"{claim.amount:,.2f}"})


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
    read_audited(
        actor=actor, council=receipt.council, action="apart.receipt.downloaded", obj=receipt.claim
    )
