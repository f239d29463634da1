"""The parent's own view on an item of their plan, written by the parent from the portal.

Only `parent_view` changes, at the version the parent's page was opened at: if a worker saved
the item meanwhile, nothing is written and the parent sees what is stored now (EditConflict),
so neither person's words are silently lost (docs/adr/0008).
"""

from dataclasses import dataclass

from django.db import transaction

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import EditConflict, save_if_unchanged

from .models import PlanItem
from .services_items import ItemClosed


@dataclass(frozen=True)
class ParentViewSaved:
    item: PlanItem
    changed: bool


def parent_view_save(
    *, item: PlanItem, parent, actor, expected_version: int, parent_view: str
) -> ParentViewSaved:
    """Save the parent's view on their own plan item (raises ItemClosed or EditConflict)."""
    parent_view = parent_view.strip()
    with transaction.atomic():
        current = (
            PlanItem.objects.select_for_update(of=("self",)).select_related("plan").get(pk=item.pk)
        )
        if current.plan.parent_id != parent.pk:
            raise PlanItem.DoesNotExist
        if current.closed_at is not None:
            raise ItemClosed
        if current.version != expected_version:
            raise EditConflict(current=current)
        if current.parent_view == parent_view:
            return ParentViewSaved(item=item, changed=False)
        save_if_unchanged(
            item, expected_version=expected_version, fields={"parent_view": parent_view}
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="plan.item.parent_view_saved",
            obj=parent,
            detail={
                "item": str(item.public_id),
                "by_parent": True,
                "cleared": not parent_view,
            },
        )
    return ParentViewSaved(item=item, changed=True)
