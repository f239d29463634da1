"""Writes for referrals to children's services. Each runs in one transaction with its audit event.

Submitting runs the guard over every piece of evidence. Clean evidence is recorded as sent to
the children's services front door; evidence that rests on the parent's own past holds the
referral for a team manager, tells the managers and tells the parent. Every refused or held
attempt is counted (GuardEvent) for the council's figures. Audit details hold codes and counts,
never the evidence or anyone's name.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.core.concurrency import (
    EditConflict,
    claim_submission,
    complete_submission,
    save_if_unchanged,
)
from parent_charter.notifications import services as notifications

from . import guard
from .evidence import current_from, is_current, is_label_only
from .models import (
    ChildrenServicesReferral,
    Destination,
    Ground,
    GuardEvent,
    GuardEventKind,
    ReferralEvidence,
    ReferralKind,
    ReferralStep,
    SourceKind,
    Status,
    StepKind,
    is_forbidden_ground,
)

__all__ = ["EditConflict"]


class DuplicateSubmission(Exception):
    """The form was sent before; `existing` is what it made (None while that is unfinished)."""

    def __init__(self, existing=None):
        super().__init__("This form was already submitted.")
        self.existing = existing


class NotWaiting(Exception):
    """The referral is no longer in the state this action needs (someone acted first)."""

    def __init__(self, referral):
        super().__init__("The referral is not in the state this action needs.")
        self.referral = referral


class OwnReferral(Exception):
    """The person deciding made (or rewrote) the referral: another manager must decide it."""


class ReasonRefused(Exception):
    """A manager's reason for sending does not rest on current evidence (counted)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Decision:
    SEND = "send"
    RETURN = "return"
    WITHDRAW = "withdraw"
    ALL = (SEND, RETURN, WITHDRAW)


@dataclass(frozen=True)
class EvidenceInput:
    what: str
    seen_on: datetime.date
    source_kind: str
    source_detail: str
    impact: str = ""


# The free-text fields of a piece of evidence the guard reads, and how each is shown.
READ_FIELDS = ("what", "source_detail", "impact")


# What the parent is told, by kind of referral and what happened (kinds registered in apps.py).
PARENT_NOTICE = {
    (ReferralKind.REFERRAL, "held"): "safeguards.parent.referral_held",
    (ReferralKind.PRE_BIRTH, "held"): "safeguards.parent.request_held",
    (ReferralKind.REFERRAL, Decision.SEND): "safeguards.parent.referral_sent_after_check",
    (ReferralKind.PRE_BIRTH, Decision.SEND): "safeguards.parent.request_sent_after_check",
    (ReferralKind.REFERRAL, Decision.RETURN): "safeguards.parent.referral_returned",
    (ReferralKind.PRE_BIRTH, Decision.RETURN): "safeguards.parent.request_returned",
    (ReferralKind.REFERRAL, Decision.WITHDRAW): "safeguards.parent.referral_withdrawn",
    (ReferralKind.PRE_BIRTH, Decision.WITHDRAW): "safeguards.parent.request_withdrawn",
}
WORKER_NOTICE = {
    Decision.SEND: "safeguards.sent_after_check",
    Decision.RETURN: "safeguards.returned_to_you",
    Decision.WITHDRAW: "safeguards.withdrawn",
}
DECISION_STEP = {
    Decision.SEND: (StepKind.SENT_AFTER_CHECK, Status.SENT, GuardEventKind.SENT_AFTER_CHECK),
    Decision.RETURN: (StepKind.RETURNED, Status.RETURNED, GuardEventKind.RETURNED),
    Decision.WITHDRAW: (StepKind.WITHDRAWN, Status.WITHDRAWN, GuardEventKind.WITHDRAWN),
}


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


def record_refused_ground(*, council, actor, parent, kind: str, refused: int) -> GuardEvent:
    """Count an attempt that named care status or history as a ground. Nothing else is saved."""
    if kind not in ReferralKind.values:
        kind = ReferralKind.REFERRAL
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
    if kind not in ReferralKind.values:
        kind = ReferralKind.REFERRAL
    return _count_refusal(
        council=council,
        actor=actor,
        obj=parent,
        kind=GuardEventKind.REFUSED_EVIDENCE,
        referral_kind=kind,
        action="safeguards.evidence_refused",
        detail={"kind": kind},
    )


def reason_problem(reason: str) -> str | None:
    """Why a manager's reason for sending a held referral cannot stand, or None.

    "ok" says nothing; a reason that leans on the parent's past, or on routine, is read as the
    evidence would be. The message names the words so the manager can see what was read.
    """
    from django.utils.translation import gettext as _

    if is_label_only(reason) or len(reason.split()) < 4:
        return _(
            "Write your reason in full: say which current event shows a risk to the child, and "
            "why it is enough to send the referral"
        )
    result = guard.check(reason)
    if result.flagged:
        words = "; ".join(f"“{finding.words}”" for finding in result.findings[:3])
        return _(
            "Your reason rests on the parent's past or on routine (%(words)s). A referral can "
            "only be sent on current evidence of risk: say which event shows it"
        ) % {"words": words}
    return None


def referral_makers(referral: ChildrenServicesReferral) -> set[int]:
    """Who made the referral or wrote a round of it: none of them may decide it."""
    makers = {referral.created_by_id}
    makers.update(
        step.actor_id
        for step in referral.steps.all()
        if step.step in (StepKind.HELD, StepKind.HELD_ROUTINE, StepKind.SENT)
    )
    return makers


def submit_referral(
    *,
    parent,
    actor,
    form_token,
    kind: str,
    grounds: list[str],
    evidence: list[EvidenceInput],
    child=None,
) -> ChildrenServicesReferral:
    """Record a referral and send it, or hold it for a manager if the guard flags its evidence."""
    _check(kind, grounds, evidence, parent=parent, child=child)
    council = parent.council
    with transaction.atomic():
        claim = claim_submission(form_token, object_type="safeguards.referral")
        if claim.existing_object_id is not None:
            existing = ChildrenServicesReferral.objects.filter(
                public_id=claim.existing_object_id or None
            ).first()
            raise DuplicateSubmission(existing)
        referral = ChildrenServicesReferral.objects.create(
            council=council,
            kind=kind,
            parent=parent,
            child=child,
            grounds=list(grounds),
            status=Status.HELD,  # settled by _route below
            created_by=actor,
        )
        complete_submission(claim, referral)
        _route(referral, actor=actor, evidence=evidence, action="safeguards.referral.submitted")
    return referral


def rewrite_referral(
    *,
    referral: ChildrenServicesReferral,
    actor,
    expected_version: int,
    kind: str,
    grounds: list[str],
    evidence: list[EvidenceInput],
    child=None,
) -> ChildrenServicesReferral:
    """A returned referral, with its evidence written again: checked and routed afresh.

    The earlier evidence is kept as an earlier round. Raises EditConflict if someone changed
    the referral since the form was opened, NotWaiting if it is not waiting for a rewrite.
    """
    _check(kind, grounds, evidence, parent=referral.parent, child=child)
    with transaction.atomic():
        current = ChildrenServicesReferral.objects.select_for_update().get(pk=referral.pk)
        if current.version != expected_version:
            raise EditConflict(current=current)
        if current.status != Status.RETURNED:
            raise NotWaiting(current)
        save_if_unchanged(
            referral,
            expected_version=expected_version,
            fields={
                "kind": kind,
                "grounds": list(grounds),
                "child": child,
                "round": current.round + 1,
                "status": Status.HELD,  # settled by _route below
            },
        )
        _route(referral, actor=actor, evidence=evidence, action="safeguards.referral.rewritten")
    return referral


def decide(
    *,
    referral: ChildrenServicesReferral,
    actor,
    expected_version: int,
    decision: str,
    reason: str,
    relied_on: list[int] | None = None,
) -> ChildrenServicesReferral:
    """A team manager's decision on a held referral: send as it is, return, or withdraw.

    Four eyes: whoever made or rewrote the referral never decides it (OwnReferral). To send it,
    the manager names the current evidence it rests on (`relied_on`, positions in this round)
    and a reason the guard reads as it reads evidence (ReasonRefused, counted).
    """
    if decision not in Decision.ALL:
        raise ValueError(f"Unknown decision {decision!r}")
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A decision needs a written reason.")
    if actor.pk in referral_makers(referral):
        raise OwnReferral("The maker of a referral cannot decide it.")
    latest = ChildrenServicesReferral.objects.get(pk=referral.pk)
    if latest.status != Status.HELD:
        raise NotWaiting(latest)
    if latest.version != expected_version:
        raise EditConflict(current=latest)
    relied_on = sorted({int(position) for position in relied_on or ()})
    if decision == Decision.SEND:
        problem = reason_problem(reason)
        if problem:
            record_refused_reason(referral=referral, actor=actor)
            raise ReasonRefused(problem)
        cutoff = current_from(referral.council)
        current = {
            piece.position
            for piece in referral.evidence.filter(round=referral.round)
            if not piece.background and is_current(piece.seen_on, cutoff)
        }
        if not relied_on or not set(relied_on) <= current:
            raise ValueError("Sending needs current evidence of this round to rely on.")
    step, status, counted = DECISION_STEP[decision]
    now = timezone.now()
    with transaction.atomic():
        current = ChildrenServicesReferral.objects.select_for_update().get(pk=referral.pk)
        if current.status != Status.HELD:
            raise NotWaiting(current)
        fields = {"status": status}
        if decision == Decision.SEND:
            fields.update(sent_at=now, sent_to=Destination.FRONT_DOOR, sent_by=actor)
        save_if_unchanged(referral, expected_version=expected_version, fields=fields)
        ReferralStep.objects.create(
            council=referral.council,
            referral=referral,
            step=step,
            round=referral.round,
            actor=actor,
            at=now,
            reason=reason,
            relied_on=relied_on if decision == Decision.SEND else [],
        )
        GuardEvent.objects.create(
            council=referral.council,
            kind=counted,
            referral_kind=referral.kind,
            referral=referral,
            occurred_at=now,
        )
        audit.record(
            actor=actor,
            council=referral.council,
            action="safeguards.referral.decided",
            obj=referral,
            detail={
                "decision": decision,
                "round": referral.round,
                **({"relied_on": relied_on} if decision == Decision.SEND else {}),
            },
        )
        params = {"parent": referral.parent.display_name}
        notifications.notify_staff(
            council=referral.council,
            recipients=[referral.created_by] if referral.created_by_id != actor.pk else [],
            kind=WORKER_NOTICE[decision],
            params=params,
            url=_path(referral),
        )
        notifications.notify_parent(
            parent=referral.parent, kind=PARENT_NOTICE[(referral.kind, decision)]
        )
    return referral


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


def _check(kind, grounds, evidence, *, parent, child) -> None:
    """The rules every write obeys, whatever the form did: a last wall, not the message."""
    if kind not in ReferralKind.values:
        raise ValueError(f"Unknown kind {kind!r}")
    if not grounds:
        raise ValueError("A referral needs at least one current ground.")
    for ground in grounds:
        if is_forbidden_ground(ground) or ground not in Ground.values:
            raise ValueError("Care status or history is never a ground for a referral.")
    if not evidence:
        raise ValueError("A referral needs evidence.")
    for item in evidence:
        filled = (item.what, item.source_detail, item.impact)
        if not (item.seen_on and all(text.strip() for text in filled)):
            raise ValueError("Each piece of evidence needs what, when, who and the effect now.")
        if is_label_only(item.what):
            raise ValueError("Evidence must describe an event, not a label.")
        if item.source_kind not in SourceKind.values:
            raise ValueError(f"Unknown source {item.source_kind!r}")
    cutoff = current_from(parent.council)
    if not any(is_current(item.seen_on, cutoff) for item in evidence):
        raise ValueError("A referral needs at least one current, dated event.")
    if child is not None and not child.parent_links.filter(parent=parent).exists():
        raise ValueError("The child is not this parent's child.")


def read_evidence(item: EvidenceInput) -> tuple[list[dict], set[str]]:
    """The guard's findings over every free-text field of a piece, and the rules that fired."""
    findings, rules = [], set()
    for name in READ_FIELDS:
        result = guard.check(getattr(item, name) or "")
        rules.update(result.rules)
        for finding in result.findings:
            stored = finding.as_dict()
            if name != "what":
                stored["field"] = name
            findings.append(stored)
    return findings, rules


def _route(referral: ChildrenServicesReferral, *, actor, evidence, action: str) -> None:
    """Save this round's evidence with the guard's findings, then send or hold the referral."""
    council, now = referral.council, timezone.now()
    cutoff = current_from(council)
    rows, rules = [], set()
    for position, item in enumerate(evidence):
        findings, fired = read_evidence(item)
        rules.update(fired)
        rows.append(
            ReferralEvidence(
                council=council,
                referral=referral,
                round=referral.round,
                position=position,
                what=item.what,
                seen_on=item.seen_on,
                source_kind=item.source_kind,
                source_detail=item.source_detail.strip(),
                impact=item.impact.strip(),
                background=not is_current(item.seen_on, cutoff),
                findings=findings,
                created_at=now,
            )
        )
    ReferralEvidence.objects.bulk_create(rows)
    past_rules = sorted(rules - {guard.ROUTINE.key}) if rules & guard.PAST_FAMILIES else []
    routine = guard.ROUTINE.key in rules
    held = bool(rules)
    if held:
        _set(referral, status=Status.HELD)
        ReferralStep.objects.create(
            council=council,
            referral=referral,
            step=StepKind.HELD if past_rules else StepKind.HELD_ROUTINE,
            round=referral.round,
            actor=actor,
            at=now,
        )
        if past_rules:
            GuardEvent.objects.create(
                council=council,
                kind=GuardEventKind.FLAGGED,
                referral_kind=referral.kind,
                referral=referral,
                rules=past_rules,
                occurred_at=now,
            )
        if routine:
            GuardEvent.objects.create(
                council=council,
                kind=GuardEventKind.HELD_ROUTINE,
                referral_kind=referral.kind,
                referral=referral,
                rules=[guard.ROUTINE.key],
                occurred_at=now,
            )
        _tell_deciders(referral, makers={referral.created_by_id, actor.pk})
        notifications.notify_parent(
            parent=referral.parent, kind=PARENT_NOTICE[(referral.kind, "held")]
        )
    else:
        _set(
            referral,
            status=Status.SENT,
            sent_at=now,
            sent_to=Destination.FRONT_DOOR,
            sent_by=actor,
        )
        ReferralStep.objects.create(
            council=council,
            referral=referral,
            step=StepKind.SENT,
            round=referral.round,
            actor=actor,
            at=now,
        )
    audit.record(
        actor=actor,
        council=council,
        action=action,
        obj=referral,
        detail={
            "kind": referral.kind,
            "grounds": list(referral.grounds),
            "evidence": len(rows),
            "background": sum(1 for row in rows if row.background),
            "round": referral.round,
            "outcome": ("held_routine" if not past_rules else "held") if held else "sent",
            "rules": sorted(rules),
        },
    )


def _tell_deciders(referral, *, makers: set[int]) -> None:
    """Tell the managers who may decide; if there are none, tell the council administrators."""
    council = referral.council
    deciders = [user for user in team_managers(council) if user.pk not in makers]
    params = {"parent": referral.parent.display_name}
    url = reverse("safeguards:decide", kwargs={"public_id": referral.public_id})
    if deciders:
        notifications.notify_staff(
            council=council,
            recipients=deciders,
            kind="safeguards.held_for_decision",
            params=params,
            url=url,
        )
        return
    notifications.notify_staff(
        council=council,
        recipients=council_administrators(council),
        kind="safeguards.no_one_to_decide",
        params=params,
        url=reverse("safeguards:list"),
    )


def _set(referral: ChildrenServicesReferral, **fields) -> None:
    """Settle the outcome of this round. The caller holds the row (just created or locked)."""
    ChildrenServicesReferral.objects.filter(pk=referral.pk).update(**fields)
    for name, value in fields.items():
        setattr(referral, name, value)


def council_administrators(council) -> list[User]:
    return list(
        User.objects.filter(
            council=council, is_active=True, role_grants__role=Role.COUNCIL_ADMIN
        ).distinct()
    )


def team_managers(council) -> list[User]:
    return list(
        User.objects.filter(
            council=council, is_active=True, role_grants__role=Role.TEAM_MANAGER
        ).distinct()
    )


def _path(referral) -> str:
    return reverse("safeguards:detail", kwargs={"public_id": referral.public_id})
