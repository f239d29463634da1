"""Small builders for caseload tests: plans, items, reviews and stages of a parent.

Call them inside a council scope (or with scopes disabled). Kept here rather than in
tests/factories.py so they do not clash with the plans area's own factories.
"""

import datetime
import itertools

from django.utils import timezone

from parent_charter.parents.models import ParentStage
from parent_charter.plans.milestones import MILESTONES
from parent_charter.plans.models import (
    ItemSource,
    PlanItem,
    PlanItemStatus,
    PlanReview,
    SupportPlan,
)
from tests.factories import ParentFactory
from tests.helpers import today

_keys = itertools.cycle(milestone.key for milestone in MILESTONES)


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def plan_for(parent, *, created_days_ago: int = 0) -> SupportPlan:
    plan = SupportPlan.objects.filter(parent=parent).first()
    if plan is None:
        plan = SupportPlan.objects.create(council=parent.council, parent=parent)
    if created_days_ago:
        SupportPlan.objects.filter(pk=plan.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=created_days_ago)
        )
        plan.refresh_from_db()
    return plan


def item(parent, *, due=None, status="to_discuss", owner=None, closed=False, key=None):
    plan = plan_for(parent)
    row = PlanItem.objects.create(
        council=parent.council,
        plan=plan,
        source=ItemSource.MILESTONE,
        milestone_key=key or next(_keys),
        stage="expecting_or_parenting",
        status=status,
        owner=owner,
        due_date=due,
        closed_at=timezone.now() if closed else None,
    )
    return row


def status(plan_item, *, status, at, by=None, note=""):
    return PlanItemStatus.objects.create(
        council=plan_item.council, item=plan_item, status=status, at=at, by=by, note=note
    )


def review(parent, *, held_on, by, summary="We talked about nursery places."):
    return PlanReview.objects.create(
        council=parent.council,
        plan=plan_for(parent),
        held_on=held_on,
        attendees="The parent and their adviser",
        participation="in_person",
        summary=summary,
        recorded_by=by,
    )


def stages(parent, *codes):
    for code in codes:
        ParentStage.objects.create(
            council=parent.council, parent=parent, stage=code, since=timezone.now()
        )


def busy_parent(council, adviser, n: int):
    """A parent with everything a caseload row counts: stages, items, a review."""
    parent = ParentFactory(council=council, personal_adviser=adviser)
    stages(parent, "throughout", "expecting_or_parenting", "living_apart")
    item(parent, due=days(-3 - n % 5), owner=adviser)
    item(parent, due=days(5), owner=adviser)
    item(parent, due=days(-10), status="delivered", owner=adviser)
    review(parent, held_on=days(-30 if n % 2 else -190), by=adviser)
    return parent
