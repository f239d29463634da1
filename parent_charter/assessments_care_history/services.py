"""Writes of assessments and of the sealed care history. Each runs in one transaction with its
audit event.

Opening a care history is itself a write: it adds a row to the list the parent reads (who
opened it, when, in what role and why), and a break-glass opening also tells the council's team
managers. The reason someone writes stays in that row, never in the audit trail's detail.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import (  # noqa: F401 (DuplicateSubmission: views catch it here)
    DuplicateSubmission,
    claim_or_raise,
    complete_submission,
    save_audited,
    save_if_unchanged,
)
from parent_charter.notifications.services import notify_staff
from parent_charter.parents.models import Parent

from . import selectors
from .models import (
    AccessKind,
    CareHistory,
    CareHistoryAccess,
    CareHistoryEntry,
    ParentingAssessment,
)
from .rules import break_glass_role, normal_access_role

# How long a break-glass opening lasts before the reason must be written again. Also how long
# repeated normal openings by one person count as one visit in the list the parent reads.
GRANT_MINUTES = 30
BREAK_GLASS_KIND = "assessments.care_history_break_glass"

ASSESSMENT_FIELDS = ("kind", "assessor", "started_on", "completed_on", "outcome", "summary")
ENTRY_FIELDS = ("from_date", "to_date", "placement_type", "placing_authority", "details")


class NormalAccessNeeded(PermissionError):
    """Only the parent's adviser and the team managers change a care history."""


# --- Assessments ------------------------------------------------------------------------------


def assessment_add(
    *,
    parent: Parent,
    actor,
    form_token,
    kind: str,
    assessor,
    started_on: datetime.date,
    summary: str,
    completed_on: datetime.date | None = None,
    outcome: str = "",
) -> ParentingAssessment:
    if assessor.council_id != parent.council_id:
        raise ValueError("The assessor must work for the parent's council.")
    return add_once(
        ParentingAssessment,
        form_token=form_token,
        object_type="assessments.assessment",
        actor=actor,
        action="assessment.added",
        audit_detail={"kind": kind, "completed": completed_on is not None},
        council=parent.council,
        parent=parent,
        kind=kind,
        assessor=assessor,
        started_on=started_on,
        completed_on=completed_on,
        outcome=outcome,
        summary=summary,
        recorded_by=actor,
    )


def assessment_update(
    *, assessment: ParentingAssessment, actor, expected_version: int, **fields
) -> list[str]:
    """Save changed fields unless someone else saved first (raises EditConflict)."""
    if "assessor" in fields and fields["assessor"].council_id != assessment.council_id:
        raise ValueError("The assessor must work for the parent's council.")
    return save_audited(
        assessment,
        expected_version=expected_version,
        fields={name: fields[name] for name in ASSESSMENT_FIELDS if name in fields},
        actor=actor,
        action="assessment.updated",
        only_changed=True,
    )


# --- Opening the care history -----------------------------------------------------------------


def record_opening(
    *, parent: Parent, actor, access: selectors.Access, form: str = ""
) -> CareHistoryAccess | None:
    """Audit one opening of the care history page (or a form that shows it).

    A normal opening adds a row to the list the parent reads, unless this person opened it
    within the last half hour (one visit, one row). Under a break-glass grant the row was made
    when the reason was written, so only the audit event is added.
    """
    if not access.allowed:
        raise PermissionError("This person may not open the care history.")
    now = timezone.now()
    row = None
    with transaction.atomic():
        if access.normal_role and not selectors.recent_normal_opening(
            parent=parent, user=actor, since=now - datetime.timedelta(minutes=GRANT_MINUTES)
        ):
            row = CareHistoryAccess.objects.create(
                council=parent.council,
                parent=parent,
                opened_by=actor,
                role=access.normal_role,
                kind=AccessKind.NORMAL,
                opened_at=now,
            )
        detail = {"access": access.kind}
        if form:
            detail["form"] = form
        audit.record(
            actor=actor,
            council=parent.council,
            action="care_history.viewed",
            obj=parent,
            detail=detail,
        )
    return row


def break_glass(*, parent: Parent, actor, reason: str, form_token) -> CareHistoryAccess:
    """Open a sealed care history with a written reason, for a limited time.

    Audited without the reason (free text stays out of the trail), listed for the parent with
    it, and every team manager of the council is told.
    """
    reason = reason.strip()
    if not reason:
        raise ValueError("A break-glass opening needs a reason.")
    now = timezone.now()
    with transaction.atomic():
        grant = add_once(
            CareHistoryAccess,
            form_token=form_token,
            object_type="assessments.break_glass",
            actor=actor,
            action="care_history.break_glass",
            about=parent,
            audit_detail=lambda grant: {"access": str(grant.public_id), "minutes": GRANT_MINUTES},
            council=parent.council,
            parent=parent,
            opened_by=actor,
            role=break_glass_role(actor),
            kind=AccessKind.BREAK_GLASS,
            reason=reason,
            opened_at=now,
            expires_at=now + datetime.timedelta(minutes=GRANT_MINUTES),
        )
        notify_staff(
            council=parent.council,
            recipients=[m for m in selectors.team_managers_of(parent.council) if m.pk != actor.pk],
            kind=BREAK_GLASS_KIND,
            params={"person": actor.full_name, "parent": parent.display_name},
            url=reverse("parents:detail", kwargs={"public_id": parent.public_id}) + "#care-history",
        )
    return grant


# --- Changing the care history ----------------------------------------------------------------


def entry_add(*, parent: Parent, actor, form_token, kind: str, **fields) -> CareHistoryEntry:
    """Add an entry, starting the parent's care history if this is its first."""
    if normal_access_role(actor, parent) is None:
        raise NormalAccessNeeded("Only the parent's adviser or a team manager adds entries.")
    # An entry sent twice starts no history either: both are in one transaction.
    with transaction.atomic():
        history, created = CareHistory.objects.get_or_create(
            parent=parent, defaults={"council": parent.council, "created_by": actor}
        )
        return add_once(
            CareHistoryEntry,
            form_token=form_token,
            object_type="assessments.care_history_entry",
            actor=actor,
            action="care_history.entry.added",
            about=parent,
            audit_detail=lambda entry: {
                "entry": str(entry.public_id),
                "kind": kind,
                "history_started": created,
            },
            council=parent.council,
            history=history,
            kind=kind,
            recorded_by=actor,
            **{name: fields[name] for name in ENTRY_FIELDS if name in fields},
        )


def entry_update(*, entry: CareHistoryEntry, actor, expected_version: int, **fields) -> list[str]:
    """Save changed fields unless someone else saved first (raises EditConflict)."""
    parent = entry.history.parent
    if normal_access_role(actor, parent) is None:
        raise NormalAccessNeeded("Only the parent's adviser or a team manager changes entries.")
    changed = [
        name for name in ENTRY_FIELDS if name in fields and getattr(entry, name) != fields[name]
    ]
    with transaction.atomic():
        save_if_unchanged(
            entry,
            expected_version=expected_version,
            fields={name: fields[name] for name in changed},
        )
        audit.record(
            actor=actor,
            council=entry.council,
            action="care_history.entry.updated",
            obj=parent,
            detail={"entry": str(entry.public_id), "kind": entry.kind, "changed": changed},
        )
    return changed
