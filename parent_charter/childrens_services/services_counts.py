"""Counting refused attempts at a referral to children's services, for the council's figures:
a ground that named care status or history, evidence with no current event, a manager's reason
for sending that did not rest on current evidence. Each count is audited with codes only."""

from django.db import transaction

from parent_charter.audit import services as audit

from .models import GuardEvent, GuardEventKind, ReferralKind


def _count_refusal(
    *, council, actor, obj, kind, referral_kind, action, detail=None, referral=None
) -> GuardEvent:
    """Count a refused attempt for the figures and audit it, in one transaction."""
    with transaction.atomic():
        event = GuardEvent.objects.create(
            council=council, kind=kind, referral_kind=referral_kind, referral=referral
        )
        audit.record(actor=actor, council=council, action=action, obj=obj, detail=detail)
    return event


def _known_kind(kind: str) -> str:
    """The referral kind the form named, or a plain referral when it named none we know."""
    return kind if kind in ReferralKind.values else ReferralKind.REFERRAL


def record_refused_ground(*, council, actor, parent, kind: str, refused: int) -> GuardEvent:
    """Count an attempt that named care status or history as a ground. Nothing else is saved."""
    kind = _known_kind(kind)
    return _count_refusal(
        council=council,
        actor=actor,
        obj=parent,
        kind=GuardEventKind.REFUSED_GROUND,
        referral_kind=kind,
        action="safeguards.ground_refused",
        detail={"kind": kind, "refused": refused},
    )


def record_refused_evidence(*, council, actor, parent, kind: str) -> GuardEvent:
    """Count an attempt refused because no piece of its evidence was a current event."""
    kind = _known_kind(kind)
    return _count_refusal(
        council=council,
        actor=actor,
        obj=parent,
        kind=GuardEventKind.REFUSED_EVIDENCE,
        referral_kind=kind,
        action="safeguards.evidence_refused",
        detail={"kind": kind},
    )


def record_refused_reason(*, referral, actor) -> GuardEvent:
    """Count a manager's reason for sending that was refused (it said nothing, or the past)."""
    return _count_refusal(
        council=referral.council,
        actor=actor,
        obj=referral,
        kind=GuardEventKind.REFUSED_REASON,
        referral_kind=referral.kind,
        action="safeguards.reason_refused",
        referral=referral,
    )
