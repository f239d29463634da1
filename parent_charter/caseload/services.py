"""Changes a team manager makes to caseloads. Each runs in one transaction with its audit event."""

from django.db import transaction
from django.db.models import F

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import save_if_unchanged
from parent_charter.parents.models import Parent
from parent_charter.plans.models import FINISHED_STATUSES, PlanItem


def reassign_parent(
    *, parent: Parent, actor, new_adviser, reason: str, expected_version: int
) -> Parent:
    """Give a parent another personal adviser, with the plan items still to be done.

    Raises EditConflict, changing nothing, if someone saved the parent since the form opened.
    Finished items (delivered, declined, not needed) keep their owner: they record who did
    the work. The reason goes in the audit row; its detail names the advisers by public id.
    """
    old_adviser = parent.personal_adviser
    with transaction.atomic():
        save_if_unchanged(
            parent, expected_version=expected_version, fields={"personal_adviser": new_adviser}
        )
        # The version moves too, so anyone editing one of these items sees the change.
        moved = (
            PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True, owner=old_adviser)
            .exclude(status__in=FINISHED_STATUSES)
            .update(owner=new_adviser, version=F("version") + 1)
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="parent.reassigned",
            obj=parent,
            reason=reason,
            detail={
                "from": str(old_adviser.public_id) if old_adviser else None,
                "to": str(new_adviser.public_id),
                "items_moved": moved,
            },
        )
    return parent
