"""The daily refresh: one task per council adds milestones as their window opens."""

import datetime
import io

import time_machine
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.plans.models import PlanItem
from parent_charter.plans.services import refresh_parent
from parent_charter.plans.tasks import refresh_council_plans
from tests.factories import ChildFactory, ChildParentFactory, LocalOfferFactory

DUE = datetime.date(2027, 9, 1)


def _milestones(parent) -> set[str]:
    with scopes_disabled():
        return set(
            PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True)
            .exclude(milestone_key="")
            .values_list("milestone_key", flat=True)
        )


def test_the_command_queues_a_refresh_per_council_that_adds_milestones_in_their_window(
    hillford, eastmere, pa, hillford_parent, eastmere_parent
):
    LocalOfferFactory(council=hillford)
    with scope(council=hillford.pk):
        child = ChildFactory(council=hillford, due_date=DUE)
        ChildParentFactory(child=child, parent=hillford_parent)
        refresh_parent(parent=hillford_parent, actor=pa, today=datetime.date(2026, 11, 23))
    before = _milestones(hillford_parent)
    assert "first-scan" in before
    assert "health-visitor" not in before  # two weeks after a birth ten months away

    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2027, 4, 1, 6, 0, tzinfo=datetime.UTC), tick=False):
        call_command("refresh_plans", stdout=out)

    assert "Queued 2 plan refresh tasks" in out.getvalue()
    after = _milestones(hillford_parent)
    assert "health-visitor" in after  # its window opened
    assert before <= after
    # The other council's parent got a plan too (no offer: milestones only, none yet).
    with scopes_disabled():
        assert eastmere_parent.support_plan is not None
    regenerated = AuditEvent.objects.filter(action="plan.regenerated", actor=None)
    assert regenerated.filter(council=hillford).exists()


def test_the_task_is_idempotent_and_reports_how_many_it_refreshed(hillford, hillford_parent):
    first = refresh_council_plans.enqueue(hillford.pk)
    second = refresh_council_plans.enqueue(hillford.pk)
    assert first.return_value == second.return_value == 1
    with scopes_disabled():
        assert PlanItem.objects.filter(plan__parent=hillford_parent).count() == 0
