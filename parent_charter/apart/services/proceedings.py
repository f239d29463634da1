"""Court hearings and meetings about a child, and who goes with the parent in support."""

import datetime

from parent_charter.children.models import Child
from parent_charter.core.adding import add_once
from parent_charter.parents.models import Parent

from ..models import Proceeding
from .common import check_child_of, save_changes


def proceeding_add(
    *,
    parent: Parent,
    actor,
    form_token,
    kind: str,
    held_on: datetime.date,
    child: Child | None = None,
    kind_other: str = "",
    place: str = "",
    supporters: list[str] | None = None,
    other_supporter: str = "",
    outcome: str = "",
) -> Proceeding:
    check_child_of(parent, child)
    supporters = list(supporters or [])
    return add_once(
        Proceeding,
        form_token=form_token,
        object_type="apart.proceeding",
        actor=actor,
        action="apart.proceeding.added",
        audit_detail={"kind": kind, "supporters": sorted(supporters)},
        council=parent.council,
        parent=parent,
        child=child,
        kind=kind,
        kind_other=kind_other,
        held_on=held_on,
        place=place,
        supporters=supporters,
        other_supporter=other_supporter,
        outcome=outcome,
        created_by=actor,
    )


def proceeding_update(
    *, proceeding: Proceeding, actor, expected_version: int, **fields
) -> list[str]:
    if "child" in fields:
        check_child_of(proceeding.parent, fields["child"])
    return save_changes(
        proceeding,
        names=Proceeding.EDITABLE_FIELDS,
        fields=fields,
        actor=actor,
        expected_version=expected_version,
        action="apart.proceeding.updated",
    )
