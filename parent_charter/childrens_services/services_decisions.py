"""A team manager's decision on a held referral to children's services: send it as it is,
return it to be written again, or withdraw it. Four eyes: whoever made or rewrote it never
decides it. Runs in one transaction with its audit event, the count for the figures and the
notices to the worker and the parent."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import EditConflict, save_if_unchanged
from parent_charter.notifications import services as notifications

from . import guard
from .evidence import current_from, is_current, is_label_only
from .models import (
    ChildrenServicesReferral,
    Destination,
    GuardEventKind,
    ReferralKind,
    Status,
    StepKind,
)
from .services import NotWaiting, add_step, count_event
from .services_counts import record_refused_reason


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


# What the parent is told, by kind of referral and the decision (kinds registered in apps.py).
PARENT_NOTICE = {
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
        add_step(
            referral,
            step,
            actor=actor,
            at=now,
            reason=reason,
            relied_on=relied_on if decision == Decision.SEND else [],
        )
        count_event(referral, counted, at=now)
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


def _path(referral) -> str:
    return reverse("safeguards:detail", kwargs={"public_id": referral.public_id})
