"""A parent's challenge to the council: raised, answered, escalated when overdue, and settled.

The response is due a number of working days after the challenge (the council's setting,
ten by default), counted without weekends and the nation's bank holidays. Every step adds a
row to the challenge's timeline and an audit event in the same transaction.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.core import council_settings
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    EditConflict,
    claim_or_raise,
    complete_submission,
    save_if_unchanged,
)
from parent_charter.notifications.services import notify_parent, notify_staff

from .models import (
    AWAITING_COUNCIL,
    DEFAULT_RESPONSE_WORKING_DAYS,
    Challenge,
    ChallengeEvent,
    ChallengeEventKind,
    ChallengeStatus,
    PortalSettings,
)

__all__ = ["DuplicateSubmission"]  # raised by challenge_raise; views catch it from here


class WrongState(Exception):
    """The challenge has moved on (for example it was answered) since the page was opened."""

    def __init__(self, current: Challenge):
        super().__init__("The challenge is not in a state that allows this.")
        self.current = current


# --- When a response is due ------------------------------------------------------------------


def response_working_days(council) -> int:
    row = PortalSettings.objects.filter(council=council).only("challenge_response_working_days")
    found = row.first()
    return found.challenge_response_working_days if found else DEFAULT_RESPONSE_WORKING_DAYS


def response_due_on(council, start: datetime.date) -> datetime.date:
    """`start` plus the council's working days, skipping weekends and its nation's holidays."""
    from parent_charter.availability.calendar import add_working_days

    return add_working_days(start, response_working_days(council), council.nation)


def team_managers(council) -> list:
    return list(
        User.objects.filter(
            council=council, is_active=True, role_grants__role=Role.TEAM_MANAGER
        ).distinct()
    )


def _staff_url(challenge: Challenge) -> str:
    return reverse("portal_staff:challenge", kwargs={"challenge_id": challenge.public_id})


def _event(challenge, kind, *, by=None, text="", at=None) -> ChallengeEvent:
    return ChallengeEvent.objects.create(
        council_id=challenge.council_id,
        challenge=challenge,
        kind=kind,
        text=text,
        at=at or timezone.now(),
        by=by,
    )


# --- The parent raises one ------------------------------------------------------------------


def challenge_raise(
    *,
    parent,
    actor,
    form_token,
    what_happened: str,
    what_would_help: str = "",
    plan_item=None,
    commitment=None,
    local_commitment=None,
) -> Challenge:
    """Record the challenge, tell the parent's adviser (or the team managers if none)."""
    if plan_item is not None and plan_item.plan.parent_id != parent.pk:
        raise ValueError("A challenge may only name the parent's own plan items.")
    if sum(x is not None for x in (plan_item, commitment, local_commitment)) != 1:
        raise ValueError("Name exactly one promise.")
    with transaction.atomic():
        claim = claim_or_raise(form_token, object_type="portal.challenge", model=Challenge)
        now = timezone.now()
        challenge = Challenge.objects.create(
            council=parent.council,
            parent=parent,
            plan_item=plan_item,
            commitment=commitment,
            local_commitment=local_commitment,
            what_happened=what_happened.strip(),
            what_would_help=what_would_help.strip(),
            raised_at=now,
            raised_by=actor,
            due_on=response_due_on(parent.council, timezone.localdate(now)),
        )
        complete_submission(claim, challenge)
        _event(challenge, ChallengeEventKind.RAISED, by=actor, at=now)
        recipients = [parent.personal_adviser] if parent.personal_adviser_id else []
        notify_staff(
            council=parent.council,
            recipients=recipients or team_managers(parent.council),
            kind="portal.challenge_raised",
            params={"parent": parent.display_name},
            url=_staff_url(challenge),
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="portal.challenge.raised",
            obj=parent,
            detail={
                "challenge": str(challenge.public_id),
                "promise": "plan_item" if plan_item else "commitment" if commitment else "local",
                "due_on": challenge.due_on.isoformat(),
            },
        )
    return challenge


def _locked(challenge: Challenge) -> Challenge:
    return (
        Challenge.objects.select_for_update(of=("self",))
        .select_related("parent__council", "parent__personal_adviser")
        .get(pk=challenge.pk)
    )


# --- The council responds -------------------------------------------------------------------


def challenge_respond(*, challenge: Challenge, actor, expected_version: int, response: str):
    """Record the council's response; the parent is told it is there to read."""
    with transaction.atomic():
        current = _locked(challenge)
        if current.version != expected_version:
            raise EditConflict(current=current)
        if current.status not in AWAITING_COUNCIL:
            raise WrongState(current)
        now = timezone.now()
        save_if_unchanged(
            challenge,
            expected_version=expected_version,
            fields={
                "status": ChallengeStatus.RESPONDED,
                "response": response.strip(),
                "responded_at": now,
                "responded_by": actor,
            },
        )
        _event(challenge, ChallengeEventKind.RESPONDED, by=actor, text=response.strip(), at=now)
        parent = current.parent
        notify_parent(
            parent=parent,
            kind="portal.challenge_responded",
            params={},
            message="challenge_answered",
            actor=actor,
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="portal.challenge.responded",
            obj=parent,
            detail={
                "challenge": str(challenge.public_id),
                "late": timezone.localdate(now) > current.due_on,
            },
        )
    return challenge


# --- The parent says whether it resolved things ------------------------------------------------


def challenge_outcome(
    *, challenge: Challenge, actor, expected_version: int, resolved: bool, still_needed: str = ""
):
    """Resolved closes the challenge; not resolved sends it back to the council, due afresh."""
    with transaction.atomic():
        current = _locked(challenge)
        if current.version != expected_version:
            raise EditConflict(current=current)
        if current.status != ChallengeStatus.RESPONDED:
            raise WrongState(current)
        now = timezone.now()
        parent = current.parent
        if resolved:
            fields = {"status": ChallengeStatus.RESOLVED, "closed_at": now, "still_needed": ""}
            kind = ChallengeEventKind.RESOLVED
        else:
            fields = {
                "status": ChallengeStatus.NOT_RESOLVED,
                "still_needed": still_needed.strip(),
                "due_on": response_due_on(parent.council, timezone.localdate(now)),
                # A fresh deadline: if it too passes, the managers hear again.
                "escalated_at": None,
            }
            kind = ChallengeEventKind.NOT_RESOLVED
        save_if_unchanged(challenge, expected_version=expected_version, fields=fields)
        _event(challenge, kind, by=actor, text="" if resolved else still_needed.strip(), at=now)
        people = [current.responded_by, parent.personal_adviser]
        if not resolved:
            people += team_managers(parent.council)
        notify_staff(
            council=parent.council,
            recipients=people,
            kind="portal.challenge_resolved" if resolved else "portal.challenge_not_resolved",
            params={"parent": parent.display_name},
            url=_staff_url(challenge),
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="portal.challenge.resolved" if resolved else "portal.challenge.not_resolved",
            obj=parent,
            detail={"challenge": str(challenge.public_id)},
        )
    return challenge


# --- Overdue challenges go to the team managers -----------------------------------------------


def escalate_overdue(*, council, today: datetime.date | None = None) -> int:
    """Escalate every challenge of the council whose response is overdue, once each.

    Idempotent: a challenge is escalated under a row lock only if it has not been already, so
    running the daily task twice (or two workers at once) tells the managers once.
    """
    today = today or timezone.localdate()
    candidates = list(
        Challenge.objects.filter(
            council=council,
            status__in=sorted(AWAITING_COUNCIL),
            due_on__lt=today,
            escalated_at__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    managers = team_managers(council) if candidates else []
    escalated = 0
    for pk in candidates:
        with transaction.atomic():
            challenge = _locked(Challenge(pk=pk))
            if (
                challenge.escalated_at is not None
                or challenge.status not in AWAITING_COUNCIL
                or challenge.due_on >= today
            ):
                continue
            now = timezone.now()
            Challenge.objects.filter(pk=pk).update(escalated_at=now)
            _event(challenge, ChallengeEventKind.ESCALATED, at=now)
            parent = challenge.parent
            notify_staff(
                council=council,
                recipients=managers,
                kind="portal.challenge_overdue",
                params={"parent": parent.display_name},
                url=_staff_url(challenge),
            )
            notify_parent(parent=parent, kind="portal.challenge_escalated", params={})
            audit.record(
                actor=None,
                council=council,
                action="portal.challenge.escalated",
                obj=parent,
                detail={
                    "challenge": str(challenge.public_id),
                    "due_on": challenge.due_on.isoformat(),
                    "managers": len(managers),
                },
            )
            escalated += 1
    return escalated


# --- The council's setting ---------------------------------------------------------------------


def settings_for(council) -> PortalSettings:
    """The council's portal settings, or the defaults (unsaved) if it has never changed them."""
    return council_settings.settings_for(PortalSettings, council)


def settings_update(*, council, actor, expected_version: int, challenge_response_working_days: int):
    """Change how many working days the council gives itself (applies to new challenges)."""
    return council_settings.update_setting(
        PortalSettings,
        council=council,
        actor=actor,
        expected_version=expected_version,
        name="challenge_response_working_days",
        value=challenge_response_working_days,
        action="portal.settings.updated",
    )
