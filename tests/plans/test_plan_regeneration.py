"""Plans follow the facts: items appear as stages start, close (never vanish) as they end."""

import datetime

import pytest
from django.core.management import call_command
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.charter.models import Commitment, Stage
from parent_charter.offers.models import LocalCommitment
from parent_charter.parents.models import StageChange
from parent_charter.plans import milestones
from parent_charter.plans.models import ItemStatus, PlanItem
from parent_charter.plans.services import refresh_parent
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    LocalOfferFactory,
    ParentFactory,
)

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def offer(hillford):
    call_command("load_charter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from parent_charter.charter.models import CharterVersion

    offer = LocalOfferFactory(council=hillford, charter_version=CharterVersion.objects.get())
    LocalCommitment.objects.create(
        offer=offer,
        key="hillford.first-scan",
        stage=Stage.EXPECTING_OR_PARENTING,
        theme="health",
        title_en="We pay for the first scan",
        wording_en="We pay.",
        guidance="g",
        evidence="e",
    )
    return offer


def _open_keys(parent):
    items = PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True)
    return {(i.commitment.stage if i.commitment else i.stage, i.source) for i in items}, items


def _stage_count(stage):
    """The promises of a stage that go on a parent's plan: the council's own commitments to
    every parent (council_wide) never do (issue 14, item 16)."""
    return Commitment.objects.filter(stage=stage, council_wide=False).count()


def test_a_parent_without_children_gets_the_before_parenthood_promises(offer, hillford, pa):
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford, personal_adviser=pa)
        result = refresh_parent(parent=parent, actor=pa, today=TODAY)
        items = PlanItem.objects.filter(plan__parent=parent)
        assert set(result.stages) == {Stage.BEFORE_PARENTHOOD, Stage.THROUGHOUT}
        assert items.count() == _stage_count(Stage.BEFORE_PARENTHOOD) + _stage_count(
            Stage.THROUGHOUT
        )
        assert all(item.owner == pa and item.status == ItemStatus.TO_DISCUSS for item in items)
        assert all(item.status_history.count() == 1 for item in items)
        # Refreshing again with the same facts changes nothing.
        again = refresh_parent(parent=parent, actor=pa, today=TODAY)
        assert (again.added, again.closed, again.reopened) == (0, 0, 0)


def test_an_expected_child_moves_the_plan_on_without_losing_history(offer, hillford, pa):
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford, personal_adviser=pa)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        before = PlanItem.objects.get(
            plan__parent=parent,
            commitment__stage=Stage.BEFORE_PARENTHOOD,
            commitment__order=Commitment.objects.filter(stage=Stage.BEFORE_PARENTHOOD)
            .order_by("order")
            .first()
            .order,
        )
        before.status = ItemStatus.DELIVERED
        before.evidence = "Talked through contraception on 3 November."
        before.save()

        child = ChildFactory(council=hillford, due_date=datetime.date(2027, 4, 20))
        ChildParentFactory(child=child, parent=parent)
        result = refresh_parent(parent=parent, actor=pa, reason="expecting a baby", today=TODAY)

        assert Stage.EXPECTING_OR_PARENTING in result.entered
        assert Stage.BEFORE_PARENTHOOD in result.left
        before.refresh_from_db()
        assert before.closed_at is not None and "no longer applies" in before.closed_reason_text
        assert before.evidence.startswith("Talked through")  # nothing lost
        assert before.status_history.last().note_text.startswith("Closed:")
        assert before.version == 2  # a form opened before the change will see a conflict
        open_items = PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True)
        assert open_items.filter(local_commitment__key="hillford.first-scan").exists()
        milestone_keys = set(
            open_items.exclude(milestone_key="").values_list("milestone_key", flat=True)
        )
        assert {"first-scan", "healthy-start"} <= milestone_keys
        assert "school-application" not in milestone_keys  # years away: not yet in the plan
        changes = StageChange.objects.filter(parent=parent, at__isnull=False)
        assert changes.filter(stage=Stage.EXPECTING_OR_PARENTING, entered=True).exists()
        assert AuditEvent.objects.filter(
            action="parent.stages.changed", reason="expecting a baby"
        ).exists()
        assert AuditEvent.objects.filter(action="plan.regenerated").count() == 2


def test_items_reopen_when_a_stage_applies_again(offer, hillford, pa):
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford)
        child = ChildFactory(
            council=hillford, date_of_birth=datetime.date(2026, 5, 1), due_date=None
        )
        link = ChildParentFactory(child=child, parent=parent)
        ChildCircumstanceFactory(child=child, lives_with="foster_care", legal_status="looked_after")
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        removed = PlanItem.objects.filter(plan__parent=parent, stage=Stage.CHILD_REMOVED)
        assert removed.exists() and not removed.filter(closed_at__isnull=False).exists()
        # The child comes home: the removal promises close...
        ChildCircumstanceFactory(
            child=child,
            lives_with="one_parent",
            lives_with_parent=link,
            legal_status="child_in_need",
            from_date=datetime.date(2026, 9, 1),
        )
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        assert not removed.filter(closed_at__isnull=True).exists()
        # ...and reopen, with their history, if the child is removed again.
        ChildCircumstanceFactory(
            child=child,
            lives_with="foster_care",
            legal_status="looked_after",
            from_date=datetime.date(2026, 11, 1),
        )
        result = refresh_parent(parent=parent, actor=pa, today=TODAY)
        apart = PlanItem.objects.filter(plan__parent=parent, stage=Stage.LIVING_APART)
        assert result.reopened == removed.count() + apart.count()
        assert removed.first().status_history.count() == 3


def test_milestones_for_a_born_child_and_both_parents(offer, hillford, pa):
    with scope(council=hillford.pk):
        mother = ParentFactory(council=hillford, parent_role="mother")
        father = ParentFactory(council=hillford, parent_role="father")
        child = ChildFactory(
            council=hillford,
            date_of_birth=datetime.date(2026, 11, 10),
            due_date=datetime.date(2026, 11, 20),
        )
        for parent in (mother, father):
            ChildParentFactory(child=child, parent=parent)
        ChildCircumstanceFactory(child=child, lives_with="both_parents")
        for parent in (mother, father):
            refresh_parent(parent=parent, actor=pa, today=TODAY)
            due = dict(
                PlanItem.objects.filter(plan__parent=parent)
                .exclude(milestone_key="")
                .values_list("milestone_key", "due_date")
            )
            assert due["register-birth"] == datetime.date(2026, 12, 22)  # 42 days after birth
            assert due["health-visitor"] == datetime.date(2026, 11, 24)
            assert due["gp-registration"] == datetime.date(2026, 12, 8)
            assert "first-scan" not in due  # the baby is born: no pregnancy milestones


def test_milestone_dates_follow_an_early_birth(offer, hillford, pa):
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford)
        child = ChildFactory(council=hillford, due_date=datetime.date(2026, 12, 20))
        ChildParentFactory(child=child, parent=parent)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        register = PlanItem.objects.get(plan__parent=parent, milestone_key="register-birth")
        assert register.due_date == datetime.date(2027, 1, 31)
        child.date_of_birth = datetime.date(2026, 11, 21)
        child.save()
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        register.refresh_from_db()
        assert register.due_date == datetime.date(2027, 1, 2)


def test_school_application_deadline():
    class Child:
        due_date = None

        def __init__(self, born):
            self.date_of_birth = born

    assert milestones.school_application_deadline(Child(datetime.date(2023, 8, 31))) == (
        datetime.date(2027, 1, 15)
    )
    assert milestones.school_application_deadline(Child(datetime.date(2023, 9, 1))) == (
        datetime.date(2028, 1, 15)
    )
