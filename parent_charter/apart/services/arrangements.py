"""Contact arrangements between a parent and a child who lives apart, and the sessions held."""

import datetime

from parent_charter.children.models import Child
from parent_charter.core.adding import add_once
from parent_charter.parents.models import Parent

from ..models import ContactArrangement, ContactSession
from .common import check_child_of, save_changes


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
    check_child_of(parent, child)
    return add_once(
        ContactArrangement,
        form_token=form_token,
        object_type="apart.arrangement",
        actor=actor,
        action="apart.arrangement.added",
        audit_detail={"kind": kind, "frequency": frequency},
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


def arrangement_update(
    *, arrangement: ContactArrangement, actor, expected_version: int, **fields
) -> list[str]:
    """Save changed details unless someone else saved first (raises EditConflict)."""
    ended_on = fields.get("ended_on", arrangement.ended_on)
    return save_changes(
        arrangement,
        names=ContactArrangement.EDITABLE_FIELDS,
        fields=fields,
        actor=actor,
        expected_version=expected_version,
        action="apart.arrangement.updated",
        detail={"ended": ended_on is not None},
    )


def session_log(
    *,
    arrangement: ContactArrangement,
    actor,
    form_token,
    held_on: datetime.date,
    outcome: str,
    notes: str = "",
) -> ContactSession:
    return add_once(
        ContactSession,
        form_token=form_token,
        object_type="apart.session",
        actor=actor,
        action="apart.session.logged",
        audit_detail={"outcome": outcome, "arrangement": str(arrangement.public_id)},
        council=arrangement.council,
        arrangement=arrangement,
        held_on=held_on,
        outcome=outcome,
        notes=notes,
        recorded_by=actor,
    )
