"""Making and sending referrals to children's services. Each write runs in one transaction
with its audit event. A team manager's decision on a held referral is `services_decisions`;
counting refused attempts is `services_counts`.

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
    DuplicateSubmission,
    EditConflict,
    claim_or_raise,
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

__all__ = ["DuplicateSubmission", "EditConflict"]


class NotWaiting(Exception):
    """The referral is no longer in the state this action needs (someone acted first)."""

    def __init__(self, referral):
        super().__init__("The referral is not in the state this action needs.")
        self.referral = referral


@dataclass(frozen=True)
class EvidenceInput:
    what: str
    seen_on: datetime.date
    source_kind: str
    source_detail: str
    impact: str = ""


# The free-text fields of a piece of evidence the guard reads, and how each is shown.
READ_FIELDS = ("what", "source_detail", "impact")

# What the parent is told when their referral is held (kinds registered in apps.py).
HELD_NOTICE = {
    ReferralKind.REFERRAL: "safeguards.parent.referral_held",
    ReferralKind.PRE_BIRTH: "safeguards.parent.request_held",
}


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
        claim = claim_or_raise(
            form_token, object_type="safeguards.referral", model=ChildrenServicesReferral
        )
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
        add_step(
            referral, StepKind.HELD if past_rules else StepKind.HELD_ROUTINE, actor=actor, at=now
        )
        # Counted for the figures: flagged for the parent's past, held as routine, or both.
        events = [
            (GuardEventKind.FLAGGED, past_rules),
            (GuardEventKind.HELD_ROUTINE, [guard.ROUTINE.key] if routine else []),
        ]
        for kind, event_rules in events:
            if event_rules:
                count_event(referral, kind, at=now, rules=event_rules)
        _tell_deciders(referral, makers={referral.created_by_id, actor.pk})
        notifications.notify_parent(parent=referral.parent, kind=HELD_NOTICE[referral.kind])
    else:
        _set(
            referral,
            status=Status.SENT,
            sent_at=now,
            sent_to=Destination.FRONT_DOOR,
            sent_by=actor,
        )
        add_step(referral, StepKind.SENT, actor=actor, at=now)
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


def add_step(referral: ChildrenServicesReferral, step: str, *, actor, at, **details) -> None:
    """The next line of the referral's history, in its current round."""
    ReferralStep.objects.create(
        council=referral.council,
        referral=referral,
        step=step,
        round=referral.round,
        actor=actor,
        at=at,
        **details,
    )


def count_event(referral: ChildrenServicesReferral, kind: str, *, at, rules=()) -> None:
    """One counted moment of the referral for the council's figures."""
    GuardEvent.objects.create(
        council=referral.council,
        kind=kind,
        referral_kind=referral.kind,
        referral=referral,
        rules=list(rules),
        occurred_at=at,
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
