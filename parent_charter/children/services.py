"""Writes to children's records. Each runs in one transaction with its audit event.

A child's facts decide the stages and milestones of both parents, so every change refreshes
the plan of each linked parent this council supports, inside the same transaction.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    claim_or_raise,
    complete_submission,
    save_audited,
)
from parent_charter.parents import facts
from parent_charter.parents.models import Parent

from .models import Child, ChildCircumstance, ChildParent, LegalStatus, LivesWith

EDITABLE_FIELDS = ("given_name", "due_date", "date_of_birth")


__all__ = ["DuplicateSubmission"]  # raised by the adds below; views catch it from here


def child_add(
    *,
    parent: Parent,
    actor,
    form_token,
    given_name: str = "",
    due_date: datetime.date | None = None,
    date_of_birth: datetime.date | None = None,
    other_parent: Parent | None = None,
    other_parent_name: str = "",
    other_parent_care_experienced: bool = False,
    other_parent_council: str = "",
    lives_with: str = LivesWith.NOT_YET_BORN,
    lives_with_which: str = "",
    legal_status: str = LegalStatus.NONE,
) -> Child:
    """Add a child to `parent`, linked to the other parent if known, with where they live.

    `lives_with_which` is "this" or "other" when the child lives with one parent.
    """
    if other_parent is not None and other_parent.council_id != parent.council_id:
        raise ValueError("Another council's parent is recorded by name, never linked.")
    council = parent.council
    with transaction.atomic():
        claim = claim_or_raise(form_token, object_type="children.child", model=Child)
        child = Child.objects.create(
            council=council, given_name=given_name, due_date=due_date, date_of_birth=date_of_birth
        )
        this_link = ChildParent.objects.create(council=council, child=child, parent=parent)
        other_link = None
        if other_parent is not None:
            other_link = ChildParent.objects.create(
                council=council, child=child, parent=other_parent
            )
        elif other_parent_name:
            other_link = ChildParent.objects.create(
                council=council,
                child=child,
                other_parent_name=other_parent_name,
                other_parent_care_experienced=other_parent_care_experienced,
                other_parent_council=other_parent_council,
            )
        lives_with_parent = None
        if lives_with == LivesWith.ONE_PARENT:
            lives_with_parent = other_link if lives_with_which == "other" else this_link
            if lives_with_parent is None:
                raise ValueError("The child cannot live with an other parent not recorded.")
        ChildCircumstance.objects.create(
            council=council,
            child=child,
            lives_with=lives_with,
            lives_with_parent=lives_with_parent,
            legal_status=legal_status,
            # A born child's first circumstances are "at the start": from the birth, so that
            # any later change can be dated after it. An expected child's, from today.
            from_date=date_of_birth or timezone.localdate(),
            recorded_by=actor,
        )
        complete_submission(claim, child)
        audit.record(
            actor=actor,
            council=council,
            action="child.added",
            obj=child,
            detail={
                "born": child.is_born,
                "other_parent": (
                    "supported" if other_parent else "named" if other_link else "not_recorded"
                ),
                "lives_with": lives_with,
                "legal_status": legal_status,
            },
        )
        _refresh_parents(child, actor=actor, reason="A child was added")
    return child


def child_update(*, child: Child, actor, expected_version: int, **fields) -> list[str]:
    """Save changed details unless someone else saved first (raises EditConflict).

    Recording the date of birth records the birth: both parents' milestones move with it.
    """
    birth_recorded = child.is_expected and fields.get("date_of_birth") is not None
    with transaction.atomic():
        changed = save_audited(
            child,
            expected_version=expected_version,
            fields={name: fields[name] for name in EDITABLE_FIELDS if name in fields},
            only_changed=True,
            actor=actor,
            action="child.updated",
            detail={"birth_recorded": birth_recorded},
        )
        if {"due_date", "date_of_birth"} & set(changed):
            _refresh_parents(
                child,
                actor=actor,
                reason="The child's birth was recorded" if birth_recorded else "Dates changed",
            )
    return changed


def child_circumstances_change(
    *,
    child: Child,
    actor,
    form_token,
    lives_with: str,
    legal_status: str,
    from_date: datetime.date,
    lives_with_parent: ChildParent | None = None,
    note: str = "",
) -> ChildCircumstance:
    """Record where the child lives and their legal position from a date: always a new row."""
    if lives_with == LivesWith.ONE_PARENT and lives_with_parent is None:
        raise ValueError("Say which parent the child lives with.")
    if lives_with_parent is not None and lives_with_parent.child_id != child.pk:
        raise ValueError("That parent is not linked to this child.")
    with transaction.atomic():
        circumstance = add_once(
            ChildCircumstance,
            form_token=form_token,
            object_type="children.circumstance",
            actor=actor,
            action="child.circumstances.changed",
            about=child,
            audit_detail={"lives_with": lives_with, "legal_status": legal_status},
            council=child.council,
            child=child,
            lives_with=lives_with,
            lives_with_parent=lives_with_parent if lives_with == LivesWith.ONE_PARENT else None,
            legal_status=legal_status,
            from_date=from_date,
            note=note,
            recorded_by=actor,
        )
        _refresh_parents(child, actor=actor, reason="The child's circumstances changed")
    return circumstance


def _refresh_parents(child: Child, *, actor, reason: str) -> None:
    """Announce the change for each parent of the child that this council supports: the plans
    app refreshes their stages and plan (parents.facts)."""
    links = ChildParent.objects.filter(child=child, parent__isnull=False).select_related("parent")
    for link in links.order_by("pk"):
        facts.announce(parent=link.parent, actor=actor, reason=reason)
