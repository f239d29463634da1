"""What belongs on a parent's plan (issue 14, item 16).

The council's own commitments to every parent ("keep reviewing how we are doing",
"challenging stigma") are never items on a parent's plan; a local promise that covers a
milestone (the first scan) is the plan's one item for it, with the milestone's date; a promise
for while a baby is on the way closes, with the reason, once the baby is born. Items already on
plans are closed with the reason, never deleted, when the plan is next refreshed.
"""

import datetime

import pytest
from django.core.management import call_command
from django_scopes import scope

from parent_charter.charter.models import CharterVersion, Commitment, Stage
from parent_charter.offers.models import LocalCommitment
from parent_charter.plans.models import ItemSource, ItemStatus, PlanItem
from parent_charter.plans.services import refresh_parent
from tests.factories import ChildFactory, ChildParentFactory, LocalOfferFactory, ParentFactory

TODAY = datetime.date(2026, 11, 23)
COUNCIL_WIDE = {"throughout.challenging-stigma", "throughout.keep-reviewing"}
IN_PREGNANCY = "expecting.health-in-pregnancy"


@pytest.fixture
def offer(hillford):
    call_command("load_charter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    offer = LocalOfferFactory(council=hillford, charter_version=CharterVersion.objects.get())
    LocalCommitment.objects.create(
        offer=offer,
        key="hillford.first-scan",
        stage=Stage.EXPECTING_OR_PARENTING,
        theme="home_and_money",
        title_en="We pay for the first scan",
        wording_en="We pay.",
        guidance="g",
        evidence="e",
        milestone="first-scan",
    )
    return offer


def _items(parent):
    return PlanItem.objects.filter(plan__parent=parent).select_related(
        "commitment", "local_commitment"
    )


def _open(parent):
    return _items(parent).filter(closed_at__isnull=True)


def _mother_expecting(hillford, pa, due):
    parent = ParentFactory(council=hillford, personal_adviser=pa, parent_role="mother")
    child = ChildFactory(council=hillford, due_date=due)
    ChildParentFactory(child=child, parent=parent)
    return parent, child


def test_the_charter_marks_the_councils_own_commitments(db):
    call_command("load_charter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    marked = set(Commitment.objects.filter(council_wide=True).values_list("key", flat=True))
    assert marked == COUNCIL_WIDE
    assert Commitment.objects.get(key=IN_PREGNANCY).ends_at_birth


def test_council_wide_commitments_are_not_on_a_parents_plan(offer, hillford, pa):
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford, personal_adviser=pa)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        keys = {item.commitment.key for item in _items(parent) if item.commitment}
    assert keys and not keys & COUNCIL_WIDE
    assert "throughout.challenge-us" in keys  # a parent's own right stays on their plan


def test_items_already_on_plans_close_with_the_reason_and_keep_their_history(offer, hillford, pa):
    """A plan made before the charter said so: the next refresh closes, never deletes."""
    reviewing = Commitment.objects.get(key="throughout.keep-reviewing")
    with scope(council=hillford.pk):
        Commitment.objects.filter(key__in=COUNCIL_WIDE).update(council_wide=False)
        parent = ParentFactory(council=hillford, personal_adviser=pa)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        item = _items(parent).get(commitment=reviewing)
        item.parent_view = "I want to be asked what I think."
        item.save()
        Commitment.objects.filter(key__in=COUNCIL_WIDE).update(council_wide=True)

        result = refresh_parent(parent=parent, actor=pa, today=TODAY)
        assert result.closed == 2
        item.refresh_from_db()
        assert item.closed_at is not None
        assert item.parent_view == "I want to be asked what I think."
        assert item.closed_reason_text == (
            "it is the council's own commitment to every parent, reported in its figures"
        )
        assert item.status_history.last().note_text.startswith("Closed: it is the council's own")
        assert not _open(parent).filter(commitment__council_wide=True).exists()


def test_a_local_promise_covering_a_milestone_is_one_item_with_its_date(offer, hillford, pa):
    due = datetime.date(2027, 5, 20)
    with scope(council=hillford.pk):
        parent, _child = _mother_expecting(hillford, pa, due)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        open_items = _open(parent)
        assert not open_items.filter(milestone_key="first-scan").exists()
        scan = open_items.get(local_commitment__key="hillford.first-scan")
        assert scan.due_date == due - datetime.timedelta(days=196)
        # Healthy Start has no local promise here: it stays a milestone.
        assert open_items.filter(milestone_key="healthy-start").exists()


def test_a_milestone_item_already_on_the_plan_closes_as_covered(offer, hillford, pa):
    due = datetime.date(2027, 5, 20)
    with scope(council=hillford.pk):
        parent, _child = _mother_expecting(hillford, pa, due)
        LocalCommitment.objects.filter(key="hillford.first-scan").update(milestone="")
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        milestone = _open(parent).get(milestone_key="first-scan")
        milestone.status = ItemStatus.OFFERED
        milestone.save()
        LocalCommitment.objects.filter(key="hillford.first-scan").update(milestone="first-scan")

        refresh_parent(parent=parent, actor=pa, today=TODAY)
        milestone.refresh_from_db()
        assert milestone.closed_at is not None and milestone.status == ItemStatus.OFFERED
        assert milestone.closed_reason_text == (
            "a promise of the council's offer on this plan covers it"
        )
        assert _open(parent).filter(local_commitment__key="hillford.first-scan").count() == 1


def test_health_in_pregnancy_closes_with_a_reason_after_the_birth(offer, hillford, pa):
    with scope(council=hillford.pk):
        parent, child = _mother_expecting(hillford, pa, datetime.date(2026, 12, 20))
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        item = _open(parent).get(commitment__key=IN_PREGNANCY)

        child.date_of_birth = datetime.date(2026, 12, 18)
        child.save()
        result = refresh_parent(parent=parent, actor=pa, today=datetime.date(2026, 12, 28))
        assert Stage.EXPECTING_OR_PARENTING in result.stages  # the stage goes on
        item.refresh_from_db()
        assert item.closed_at is not None
        assert item.closed_reason_text == "it was for while the baby was on the way"
        # The rest of the stage's promises stay open.
        assert _open(parent).filter(commitment__key="expecting.money").exists()


def test_a_second_pregnancy_reopens_it(offer, hillford, pa):
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford, personal_adviser=pa, parent_role="mother")
        born = ChildFactory(
            council=hillford, date_of_birth=datetime.date(2025, 3, 1), due_date=None
        )
        ChildParentFactory(child=born, parent=parent)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        assert not _items(parent).filter(commitment__key=IN_PREGNANCY).exists()
        expected = ChildFactory(council=hillford, due_date=datetime.date(2027, 6, 1))
        ChildParentFactory(child=expected, parent=parent)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        assert (
            _open(parent).filter(commitment__key=IN_PREGNANCY, source=ItemSource.CHARTER).exists()
        )
