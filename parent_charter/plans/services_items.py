"""Writes to plan items and reviews by workers: each in one transaction with its audit events.

A status change is a new immutable `PlanItemStatus` row, written with the item's own `status`
in the same transaction. Items closed because they no longer apply are never changed here.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.charter.models import Stage
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    EditConflict,
    claim_or_raise,
    complete_submission,
    save_if_unchanged,
)

from .models import ItemSource, ItemStatus, PlanItem, PlanItemStatus, PlanReview
from .services import STAGE_ORDER, ensure_plan

__all__ = ["DuplicateSubmission"]  # raised by the adds below; callers catch it from here

EDITABLE_FIELDS = ("status", "owner", "due_date", "parent_view", "evidence")


class ItemClosed(Exception):
    """The item no longer applies to the parent, so it cannot be changed."""


class EvidenceRequired(ValueError):
    """An item cannot be recorded as delivered without evidence of delivery."""


@dataclass
class ItemUpdate:
    item: PlanItem
    changed: list[str] = field(default_factory=list)
    status_changed: bool = False
    noted: bool = False

    @property
    def anything_saved(self) -> bool:
        return bool(self.changed or self.noted)


def _stored(item: PlanItem, name: str):
    return item.owner_id if name == "owner" else getattr(item, name)


def _given(value):
    return getattr(value, "pk", value)


def item_update(
    *,
    item: PlanItem,
    actor,
    expected_version: int,
    status: str,
    note: str = "",
    owner=None,
    due_date: datetime.date | None = None,
    parent_view: str = "",
    evidence: str = "",
) -> ItemUpdate:
    """Save the worker's changes unless someone saved first (raises EditConflict).

    A new status, or a note, adds a status row; the audit trail gets `plan.item.updated` and,
    when the status changes, `plan.item.<status>` (for example `plan.item.delivered`).
    """
    if status == ItemStatus.DELIVERED and not evidence.strip():
        raise EvidenceRequired("Evidence of delivery is required.")
    values = {
        "status": status,
        "owner": owner,
        "due_date": due_date,
        "parent_view": parent_view,
        "evidence": evidence,
    }
    with transaction.atomic():
        # Locked so that a plan refresh closing the item cannot slip in between check and write.
        current = (
            PlanItem.objects.select_for_update(of=("self",))
            .select_related("plan__parent")
            .get(pk=item.pk)
        )
        if current.closed_at is not None:
            raise ItemClosed
        if current.version != expected_version:
            raise EditConflict(current=current)
        changed = [
            name for name in EDITABLE_FIELDS if _stored(current, name) != _given(values[name])
        ]
        result = ItemUpdate(item=item, changed=changed, noted=bool(note.strip()))
        if not result.anything_saved:
            return result
        previous_status = current.status
        save_if_unchanged(
            item,
            expected_version=expected_version,
            fields={name: values[name] for name in changed},
        )
        result.status_changed = "status" in changed
        parent = current.plan.parent
        if result.status_changed or result.noted:
            PlanItemStatus.objects.create(
                council_id=current.council_id,
                item=item,
                status=status,
                note=note.strip(),
                at=timezone.now(),
                by=actor,
            )
        detail = {"item": str(item.public_id), "fields": changed, "noted": result.noted}
        audit.record(
            actor=actor,
            council=parent.council,
            action="plan.item.updated",
            obj=parent,
            detail=detail,
        )
        if result.status_changed:
            audit.record(
                actor=actor,
                council=parent.council,
                action=f"plan.item.{status}",
                obj=parent,
                detail={"item": str(item.public_id), "from": previous_status, "to": status},
            )
    return result


def review_record(*, parent, actor, form_token, **fields) -> PlanReview:
    """Record a plan review held with the parent. A resent form records nothing twice."""
    # A review sent twice makes no plan either: the plan is made in the same transaction.
    with transaction.atomic():
        return add_once(
            PlanReview,
            form_token=form_token,
            object_type="plans.planreview",
            actor=actor,
            action="plan.review.recorded",
            about=parent,
            audit_detail=lambda review: {
                "review": str(review.public_id),
                "participation": review.participation,
                "agreed_actions": bool(review.agreed_actions.strip()),
            },
            council=parent.council,
            plan=ensure_plan(parent),
            recorded_by=actor,
            **fields,
        )


# Support items sort after the stage's charter promises (0–499) and local promises (500–899).
SUPPORT_ORDER = 950


def add_support_item(
    *,
    actor,
    title: str,
    detail: str = "",
    plan=None,
    parent=None,
    concern=None,
    stage: str = Stage.CONCERNS_RAISED,
    support_area: str = "",
    owner=None,
    due_date: datetime.date | None = None,
    form_token=None,
) -> PlanItem:
    """Add support agreed with the parent that is not a charter promise (housing help, a
    course, counselling) to their plan, as an item with a status history like any other.

    Give the plan or the parent. The plan refresh never closes or repeats such items. With a
    `form_token`, a resent form adds nothing twice (raises DuplicateSubmission).
    """
    if plan is None and parent is None:
        raise ValueError("Give the plan or the parent.")
    title = title.strip()
    if not title:
        raise ValueError("A support item needs a title.")
    if stage not in STAGE_ORDER:
        raise ValueError(f"Unknown stage {stage!r}.")
    with transaction.atomic():
        if form_token is not None:
            claim = claim_or_raise(form_token, object_type="plans.planitem", model=PlanItem)
        if plan is None:
            plan = ensure_plan(parent)
        parent = plan.parent
        if concern is not None and concern.parent_id != parent.pk:
            raise ValueError("The concern is about another parent.")
        item = PlanItem.objects.create(
            council=plan.council,
            plan=plan,
            source=ItemSource.SUPPORT,
            stage=stage,
            order=STAGE_ORDER[stage] * 1000 + SUPPORT_ORDER,
            title=title,
            detail=detail.strip(),
            support_area=support_area,
            concern=concern,
            owner=owner if owner is not None else parent.personal_adviser,
            due_date=due_date,
        )
        PlanItemStatus.objects.create(
            council=plan.council,
            item=item,
            status=ItemStatus.TO_DISCUSS,
            at=timezone.now(),
            by=actor if getattr(actor, "is_authenticated", False) else None,
            note="system:added",
        )
        if form_token is not None:
            complete_submission(claim, item)
        audit.record(
            actor=actor,
            council=plan.council,
            action="plan.item.added",
            obj=parent,
            detail={
                "item": str(item.public_id),
                "source": ItemSource.SUPPORT,
                "stage": stage,
                "area": support_area,
                "concern": str(concern.public_id) if concern is not None else "",
            },
        )
    return item
