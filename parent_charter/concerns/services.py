"""Writes about the concern itself: raising, changing and closing it. Each runs in one
transaction with its audit event. The summary for the parent is written in
`services_summary`; offers, the parent's requests, views and support in `services_rights`.

Opening or closing a concern changes the parent's stages, so both refresh the parent's plan
inside the same transaction (plans.services.refresh_parent): the "concerns raised" promises
are added when a concern opens and closed when the last one closes, unless a child's legal
position keeps the stage.
"""

import datetime

from django.db import transaction
from django.urls import reverse

from parent_charter.audit import services as audit
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import (  # noqa: F401 (DuplicateSubmission: for callers)
    DuplicateSubmission,
    EditConflict,
    claim_or_raise,
    complete_submission,
    save_audited,
    save_if_unchanged,
)
from parent_charter.notifications.services import notify_staff
from parent_charter.parents.models import Parent
from parent_charter.plans import services as plans

from .models import Concern, ConcernStatus

EDITABLE_FIELDS = (*Concern.RAISED_FIELDS, "status")


class ConcernClosed(Exception):
    """A closed concern's own record is kept as it was closed."""


def _concern_url(concern: Concern) -> str:
    return reverse("concerns:detail", kwargs={"public_id": concern.public_id})


def _has_portal_account(parent) -> bool:
    # Through the parent's side of the join, so concerns need not import the portal.
    return Parent.objects.filter(pk=parent.pk, portal_account__user__is_active=True).exists()


# --- The concern ----------------------------------------------------------------------------


def concern_raise(
    *,
    parent,
    actor,
    form_token,
    raised_by_role: str,
    raised_on: datetime.date,
    evidence_what: str,
    evidence_when: datetime.date,
    evidence_source: str,
    raised_by_organisation: str = "",
    raised_by_name: str = "",
) -> Concern:
    """Record a concern about the parent's parenting. It opens at once, so the parent's
    "concerns raised" promises apply; their adviser is told if someone else recorded it."""
    with transaction.atomic():
        concern = add_once(
            Concern,
            form_token=form_token,
            object_type="concerns.concern",
            actor=actor,
            action="concern.raised",
            audit_detail=lambda concern: {
                "parent": str(parent.public_id),
                "raised_by_role": raised_by_role,
                "named": bool(concern.raised_by_name),
            },
            council=parent.council,
            parent=parent,
            raised_by_role=raised_by_role,
            raised_by_organisation=raised_by_organisation.strip(),
            raised_by_name=raised_by_name.strip(),
            raised_on=raised_on,
            evidence_what=evidence_what.strip(),
            evidence_when=evidence_when,
            evidence_source=evidence_source.strip(),
            recorded_by=actor,
        )
        plans.refresh_parent(parent=parent, actor=actor, reason="A concern was raised")
        adviser = parent.personal_adviser
        if adviser is not None and adviser != actor:
            notify_staff(
                council=parent.council,
                recipients=[adviser],
                kind="concerns.raised",
                params={"parent": parent.display_name},
                url=_concern_url(concern),
            )
    return concern


def concern_update(*, concern: Concern, actor, expected_version: int, **fields) -> list[str]:
    """Save changed details unless someone else saved first (raises EditConflict). The status
    moves only between open and under assessment here; closing is `concern_close`."""
    if fields.get("status") == ConcernStatus.CLOSED:
        raise ValueError("Close a concern with concern_close, which records the outcome.")
    with transaction.atomic():
        current = Concern.objects.select_for_update().get(pk=concern.pk)
        if current.status == ConcernStatus.CLOSED:
            raise ConcernClosed
        if current.version != expected_version:
            raise EditConflict(current=current)
        changed = [
            name
            for name in EDITABLE_FIELDS
            if name in fields and getattr(current, name) != fields[name]
        ]
        if not changed:
            return []
        return save_audited(
            concern,
            expected_version=expected_version,
            fields={name: fields[name] for name in changed},
            actor=actor,
            action="concern.updated",
            detail={"status": fields.get("status", current.status)},
        )


def concern_close(
    *,
    concern: Concern,
    actor,
    expected_version: int,
    outcome: str,
    closed_on: datetime.date,
    outcome_detail: str = "",
) -> Concern:
    """Close the concern with its outcome. The parent's plan follows: the "concerns raised"
    promises close unless another open concern or a child's legal position keeps the stage."""
    with transaction.atomic():
        current = Concern.objects.select_for_update().get(pk=concern.pk)
        if current.status == ConcernStatus.CLOSED:
            raise ConcernClosed
        save_if_unchanged(
            concern,
            expected_version=expected_version,
            fields={
                "status": ConcernStatus.CLOSED,
                "outcome": outcome,
                "outcome_detail": outcome_detail.strip(),
                "closed_on": closed_on,
                "closed_by": actor,
            },
        )
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.closed",
            obj=concern,
            detail={"outcome": outcome},
        )
        plans.refresh_parent(parent=concern.parent, actor=actor, reason="A concern was closed")
    return concern
