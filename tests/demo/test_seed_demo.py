"""The demo's casework: children, stages and plans for the demo parents, seeded idempotently."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.children.models import Child, ChildCircumstance, ChildParent
from parent_charter.parents.models import Parent, ParentStage, StageChange
from parent_charter.plans.models import ItemStatus, PlanItem, PlanItemStatus, PlanReview


@pytest.fixture
def demo(demo_seeded_once, db):
    """The seeded demo (seeded once for this module, see tests/conftest.py)."""


def _counts():
    with scopes_disabled():
        return {
            model.__name__: model.objects.count()
            for model in (
                Parent,
                Child,
                ChildParent,
                ChildCircumstance,
                ParentStage,
                StageChange,
                PlanItem,
                PlanItemStatus,
                PlanReview,
                AuditEvent,
            )
        }


def test_seeding_twice_creates_nothing_twice(demo):
    before = _counts()
    last_event = AuditEvent.objects.order_by("pk").last().pk
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = _counts()
    # Loading the charter and the offers again is audited; the casework records nothing new.
    before.pop("AuditEvent"), after.pop("AuditEvent")
    assert after == before
    again = AuditEvent.objects.filter(pk__gt=last_event).values_list("action", flat=True)
    assert not [action for action in again if action.startswith(("plan.", "parent."))]


def test_every_demo_parent_has_a_working_plan(demo):
    with scopes_disabled():
        parents = Parent.objects.filter(council__slug__in=["herefordshire", "cardiff"])
        assert parents.count() == 28
        for parent in parents:
            assert PlanItem.objects.filter(plan__parent=parent).exists(), parent.pk
        moved_on = PlanItem.objects.exclude(status=ItemStatus.TO_DISCUSS)
        delivered = moved_on.filter(status=ItemStatus.DELIVERED)
        assert moved_on.count() >= 10 and delivered.exclude(evidence="").exists()
        assert PlanReview.objects.count() >= 2


def test_the_demo_tells_the_stories_it_promises(demo):
    with scopes_disabled():
        council = {"council__slug": "herefordshire"}
        stages = {}
        for row in ParentStage.objects.filter(**council):
            stages.setdefault(row.parent_id, set()).add(row.stage)
        expecting = Child.objects.filter(date_of_birth__isnull=True, **council)
        assert expecting.count() >= 2
        # A father living apart from his child, who lives with the mother.
        fathers_apart = Parent.objects.filter(parent_role="father", **council).filter(
            pk__in=[pk for pk, s in stages.items() if "living_apart" in s]
        )
        assert fathers_apart.exists()
        # A child in foster care, looked after: the parent is in the child removed stage.
        assert ChildCircumstance.objects.filter(
            lives_with="foster_care", legal_status="looked_after", **council
        ).exists()
        assert any("child_removed" in s for s in stages.values())
        # A couple both supported by the council, linked to the same child.
        shared = [
            child
            for child in Child.objects.filter(**council).prefetch_related("parent_links")
            if sum(1 for link in child.parent_links.all() if link.parent_id) == 2
        ]
        assert shared


def test_a_later_run_keeps_each_story_with_the_same_parents(demo, monkeypatch):
    with scopes_disabled():
        links = set(ChildParent.objects.values_list("child_id", "parent_id"))
    later = timezone.localdate() + datetime.timedelta(days=400)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with scopes_disabled():
        assert set(ChildParent.objects.values_list("child_id", "parent_id")) == links


def test_the_demo_has_a_history_the_council_figures_can_count(demo):
    """The figures page opens on the last full quarter: the demo parents' support began months
    before it, with their plans, so the figures count them and the promises made to them; the
    items' changes of status come in order after the item was added; and seeding again moves
    nothing."""
    from django_scopes import scope

    from parent_charter.authorities.models import Council
    from parent_charter.demo.scenarios import demo_parents
    from parent_charter.figures import periods
    from parent_charter.figures.selectors import council_figures

    quarter = periods.last_full_quarter(timezone.localdate())
    councils = list(Council.objects.filter(slug__in=["herefordshire", "cardiff"]))
    with scopes_disabled():
        begun = {p.pk: p.created_at for c in councils for p in demo_parents(c)}
        assert len(begun) == 28
        # Supported in the quarter: begun by its end, most of them before it began.
        assert all(at.date() <= quarter.end for at in begun.values())
        assert sum(at.date() < quarter.start for at in begun.values()) >= 20
        for item in PlanItem.objects.filter(plan__parent__in=begun).prefetch_related(
            "status_history"
        ):
            rows = sorted(item.status_history.all(), key=lambda row: (row.at, row.pk))
            # Items added by the later stories (a concern raised today) stay where they are.
            if item.created_at < timezone.now() - datetime.timedelta(days=1):
                assert rows[0].at == item.created_at == begun[item.plan.parent_id]
            assert rows[0].at >= item.created_at - datetime.timedelta(seconds=1)
            if item.closed_at:
                assert item.created_at <= item.closed_at <= timezone.now()
    for council in councils:
        with scope(council=council.pk):
            figures = council_figures(council=council, period=quarter)
        supported = figures["parents"]["headline"][0][2][0]
        assert supported.shown and supported.value >= 10
        assert figures["promises"]["applies"].value > 20
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with scopes_disabled():
        assert dict(Parent.objects.filter(pk__in=begun).values_list("pk", "created_at")) == begun
