"""Support with grief and loss offered to a parent, and each follow-up at the parent's pace."""

import datetime

from parent_charter.core.adding import add_once
from parent_charter.parents.models import Parent

from ..models import GriefFollowUp, GriefSupportOffer
from .common import save_changes


def grief_offer_add(
    *,
    parent: Parent,
    actor,
    form_token,
    offered_on: datetime.date,
    offered_by: str,
    kind: str,
    answer: str,
    notes: str = "",
) -> GriefSupportOffer:
    return add_once(
        GriefSupportOffer,
        form_token=form_token,
        object_type="apart.grief",
        actor=actor,
        action="apart.grief_support.offered",
        audit_detail={"kind": kind, "answer": answer},
        council=parent.council,
        parent=parent,
        offered_on=offered_on,
        offered_by=offered_by,
        kind=kind,
        answer=answer,
        notes=notes,
        created_by=actor,
    )


def grief_offer_update(
    *, offer: GriefSupportOffer, actor, expected_version: int, **fields
) -> list[str]:
    return save_changes(
        offer,
        names=GriefSupportOffer.EDITABLE_FIELDS,
        fields=fields,
        actor=actor,
        expected_version=expected_version,
        action="apart.grief_support.updated",
        detail={"answer": fields.get("answer", offer.answer)},
    )


def grief_follow_up_add(
    *, offer: GriefSupportOffer, actor, form_token, on: datetime.date, note: str
) -> GriefFollowUp:
    return add_once(
        GriefFollowUp,
        form_token=form_token,
        object_type="apart.grief_follow_up",
        actor=actor,
        action="apart.grief_support.followed_up",
        about=offer,
        council=offer.council,
        offer=offer,
        on=on,
        note=note,
        recorded_by=actor,
    )
