"""What the plans app adds to a parent's page (owned by the parents app), registered in
apps.py: the plan and reviews sections. Each reads a fixed number of rows and writes no audit
row: the parent's page records one `parent.viewed`.
"""

from parent_charter.core.registries.parent_reminders import DueReminder, window
from parent_charter.parents.models import Parent

from . import selectors
from .models import FINISHED_STATUSES, PlanItem


def plan_section(request, parent) -> dict:
    return {"parent": parent, "plan_summary": selectors.plan_summary(parent)}


def reviews_section(request, parent) -> dict:
    return {
        "parent": parent,
        "review_summary": selectors.reviews_summary(parent),
        "can_record_review": request.user.has_perm("plans.change_plan"),
    }


# --- Reminders to the parent (core.registries.parent_reminders) ---------------------------

# The plan milestones a parent is reminded of, and the message kind of each.
REMINDED_MILESTONES = {
    "register-birth": "reminder_register_birth",
    "healthy-start": "reminder_healthy_start",
    "first-scan": "reminder_first_scan",
}


def milestone_reminders(council, today):
    """Open milestone items of the reminded kinds due within the reminder window: two queries."""
    start, end = window(today)
    items = (
        PlanItem.objects.filter(
            council=council,
            closed_at__isnull=True,
            milestone_key__in=REMINDED_MILESTONES,
            due_date__gte=start,
            due_date__lte=end,
        )
        .exclude(status__in=FINISHED_STATUSES)
        .select_related("plan__parent__council")
        .order_by("due_date", "pk")
    )
    return [
        DueReminder(
            parent=item.plan.parent,
            kind=REMINDED_MILESTONES[item.milestone_key],
            key=f"plan-item:{item.public_id}:{item.due_date.isoformat()}",
            date=item.due_date,
        )
        for item in items
    ]


def review_reminders(council, today):
    """Parents whose plan review falls due within the reminder window: two queries."""
    start, end = window(today)
    offer = selectors.offer_for(council)
    parents = selectors.with_last_review(
        Parent.objects.filter(council=council, support_plan__isnull=False).select_related(
            "council", "support_plan"
        )
    )
    found = []
    for parent in parents:
        due = selectors.review_due(
            plan=parent.support_plan, offer=offer, today=today, last_held_on=parent.last_review_on
        )
        if due.due_on is not None and start <= due.due_on <= end:
            found.append(
                DueReminder(
                    parent=parent,
                    kind="reminder_plan_review",
                    key=f"review:{parent.support_plan.public_id}:{due.due_on.isoformat()}",
                    date=due.due_on,
                )
            )
    return found
