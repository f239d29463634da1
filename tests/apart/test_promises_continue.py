"""The charter's promise: a parent whose child is removed keeps every earlier promise.

Recording a removal through the children's service (as the circumstances page does) must
leave every promise the parent already had open on their plan (at every stage, and expecting
or parenting for the children still at home) and add the living-apart and child-removed ones.
"""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from parent_charter.charter.models import CharterVersion, Commitment, Stage
from parent_charter.children import services as children
from parent_charter.children.models import LegalStatus, LivesWith
from parent_charter.parents.models import ParentStage
from parent_charter.plans.models import PlanItem
from tests.factories import LocalOfferFactory
from tests.helpers import today

REMOVALS = [
    (LivesWith.FOSTER_CARE, LegalStatus.LOOKED_AFTER),
    (LivesWith.FOSTER_CARE, LegalStatus.PLACEMENT_ORDER),
    (LivesWith.ADOPTED, LegalStatus.ADOPTED),
    (LivesWith.RELATIVES, LegalStatus.SPECIAL_GUARDIANSHIP),
]


@pytest.fixture
def charter_offer(hillford):
    call_command("load_charter", stdout=io.StringIO())
    return LocalOfferFactory(council=hillford, charter_version=CharterVersion.objects.get())


def _open_items(parent) -> dict[int, PlanItem]:
    with scopes_disabled():
        return {
            item.commitment_id: item
            for item in PlanItem.objects.filter(
                plan__parent=parent, closed_at__isnull=True, commitment__isnull=False
            ).select_related("commitment")
        }


def _keys(stage, *, expecting: bool = True) -> set[int]:
    """The stage's promises that go on a parent's plan: never the council's own commitments,
    and those for while a baby is on the way only while one is (issue 14, item 16)."""
    promises = Commitment.objects.filter(stage=stage, council_wide=False)
    if not expecting:
        promises = promises.filter(ends_at_birth=False)
    return set(promises.values_list("pk", flat=True))


@pytest.mark.parametrize(("lives_with", "legal_status"), REMOVALS)
def test_removing_a_child_keeps_every_promise_and_adds_the_new_ones(
    charter_offer, pa, hillford, hillford_parent, lives_with, legal_status
):
    born = today() - datetime.timedelta(days=300)
    with scope(council=hillford.pk):
        freya = children.child_add(
            parent=hillford_parent,
            actor=pa,
            form_token=uuid.uuid4(),
            given_name="Freya",
            date_of_birth=born,
            other_parent_name="Tyler Ward",
            lives_with=LivesWith.ONE_PARENT,
            lives_with_which="this",
        )
        # A younger child stays at home throughout.
        children.child_add(
            parent=hillford_parent,
            actor=pa,
            form_token=uuid.uuid4(),
            due_date=today() + datetime.timedelta(days=90),
        )
    before = _open_items(hillford_parent)
    assert _keys(Stage.THROUGHOUT) | _keys(Stage.EXPECTING_OR_PARENTING) <= set(before)
    assert not (_keys(Stage.LIVING_APART) | _keys(Stage.CHILD_REMOVED)) & set(before)

    with scope(council=hillford.pk):
        children.child_circumstances_change(
            child=freya,
            actor=pa,
            form_token=uuid.uuid4(),
            lives_with=lives_with,
            legal_status=legal_status,
            from_date=today(),
        )

    after = _open_items(hillford_parent)
    # Nothing the parent had is closed: the same items, still open, history intact.
    assert set(before) <= set(after)
    for commitment_id, item in before.items():
        assert after[commitment_id].pk == item.pk
        assert after[commitment_id].closed_at is None
    # And the promises for a parent living apart from a removed child are added.
    added = set(after) - set(before)
    assert added == _keys(Stage.LIVING_APART) | _keys(Stage.CHILD_REMOVED)
    assert all(after[key].owner == pa for key in added)
    with scopes_disabled():
        stages = set(
            ParentStage.objects.filter(parent=hillford_parent).values_list("stage", flat=True)
        )
    assert {
        Stage.THROUGHOUT,
        Stage.EXPECTING_OR_PARENTING,
        Stage.LIVING_APART,
        Stage.CHILD_REMOVED,
    } <= stages


def test_a_parent_whose_only_child_is_removed_keeps_the_parenting_promises(
    charter_offer, pa, hillford, hillford_parent
):
    with scope(council=hillford.pk):
        freya = children.child_add(
            parent=hillford_parent,
            actor=pa,
            form_token=uuid.uuid4(),
            given_name="Freya",
            date_of_birth=today() - datetime.timedelta(days=60),
            lives_with=LivesWith.ONE_PARENT,
            lives_with_which="this",
        )
    before = _open_items(hillford_parent)
    with scope(council=hillford.pk):
        children.child_circumstances_change(
            child=freya,
            actor=pa,
            form_token=uuid.uuid4(),
            lives_with=LivesWith.FOSTER_CARE,
            legal_status=LegalStatus.PLACEMENT_ORDER,
            from_date=today(),
        )
    after = _open_items(hillford_parent)
    # Still a parent: the expecting-or-parenting promises stay open alongside the new ones.
    assert set(before) <= set(after)
    assert _keys(Stage.EXPECTING_OR_PARENTING, expecting=False) <= set(after)
    assert _keys(Stage.CHILD_REMOVED) <= set(after)
