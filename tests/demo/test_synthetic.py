"""The synthetic data set: deterministic, resumable, plausible, and consistent with the rules.

Consistent means a synthetic parent's stages and plan are exactly what the live services would
make of the same facts: refreshing any of them afterwards changes nothing.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from parent_charter.authorities.models import Council
from parent_charter.charter.models import AppliesTo, Commitment
from parent_charter.children.models import Child, ChildCircumstance, ChildParent
from parent_charter.demo.synthetic import generate
from parent_charter.parents.models import Parent, ParentStage
from parent_charter.parents.stages import derive_stages
from parent_charter.plans.models import ItemStatus, PlanItem, PlanItemStatus, PlanReview
from parent_charter.plans.services import child_facts, children_of, refresh_parent

TODAY = datetime.date(2026, 11, 23)

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter(db):
    call_command("load_charter", stdout=io.StringIO())


def _snapshot():
    """Everything generated, by public identifiers and values (database ids may differ)."""
    return {
        "parents": list(
            Parent.objects.order_by("public_id").values_list(
                "public_id", "given_name", "family_name", "date_of_birth", "parent_role"
            )
        ),
        "children": list(
            Child.objects.order_by("public_id").values_list(
                "public_id", "given_name", "due_date", "date_of_birth"
            )
        ),
        "links": list(
            ChildParent.objects.order_by("public_id").values_list(
                "public_id", "child__public_id", "parent__public_id", "other_parent_name"
            )
        ),
        "circumstances": list(
            ChildCircumstance.objects.order_by("public_id").values_list(
                "public_id", "lives_with", "lives_with_parent__public_id", "legal_status"
            )
        ),
        "items": list(
            PlanItem.objects.order_by("public_id").values_list(
                "public_id",
                "plan__parent__public_id",
                "commitment__key",
                "milestone_key",
                "due_date",
                "status",
                "closed_reason",
            )
        ),
        "status_rows": PlanItemStatus.objects.count(),
        "reviews": list(
            PlanReview.objects.order_by("public_id").values_list("public_id", "held_on")
        ),
    }


def test_the_same_seed_gives_the_same_data(charter):
    snapshots = []
    with scopes_disabled():
        for _run in range(2):
            with transaction.atomic():
                generate(councils=3, parents=60, seed=11, today=TODAY)
                snapshots.append(_snapshot())
                transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]["parents"]) == 60


def test_running_again_adds_nothing(charter):
    with scopes_disabled():
        generate(councils=2, parents=40, seed=5, today=TODAY)
        before = _snapshot()
        summary = generate(councils=2, parents=40, seed=5, today=TODAY)
        assert summary.councils == summary.parents == summary.plan_items == 0
        assert _snapshot() == before


def test_a_run_that_stopped_part_way_carries_on_as_a_full_run_would(charter):
    def councils():
        return list(Council.objects.order_by("slug").values_list("slug", "name", "nation"))

    with scopes_disabled():
        with transaction.atomic():
            generate(councils=3, parents=60, seed=6, today=TODAY)
            full = (councils(), _snapshot())
            transaction.set_rollback(True)
        generate(councils=2, parents=40, seed=6, today=TODAY)
        summary = generate(councils=3, parents=60, seed=6, today=TODAY)
        assert (summary.councils, summary.parents) == (1, 20)
        assert (councils(), _snapshot()) == full


def test_families_are_plausible(charter):
    with scopes_disabled():
        generate(councils=3, parents=300, seed=2, today=TODAY)
        parents = Parent.objects.count()
        links = ChildParent.objects.filter(parent__isnull=False)
        assert 1.3 <= links.count() / parents <= 1.7
        assert 1.2 <= Child.objects.count() / parents <= 1.7
        without = Parent.objects.filter(child_links__isnull=True).count()
        assert 0.04 <= without / parents <= 0.18
        assert Child.objects.filter(date_of_birth__isnull=True).exists()  # some expected
        circumstances = ChildCircumstance.objects.all()
        assert circumstances.count() == Child.objects.count()  # one each
        homes = {row.lives_with for row in circumstances}
        assert {"one_parent", "foster_care", "not_yet_born"} <= homes
        # Both parents supported by the council, linked to the same child.
        assert (
            Child.objects.filter(parent_links__parent__isnull=False)
            .values("pk")
            .annotate(n=Count("parent_links__parent"))
            .filter(n=2)
            .exists()
        )
        # A child lives with a parent in most families.
        born = circumstances.exclude(lives_with="not_yet_born")
        with_parent = born.filter(lives_with__in=["one_parent", "both_parents"]).count()
        assert 0.65 <= with_parent / born.count() <= 0.95


def test_stages_and_plans_follow_the_facts_as_the_live_service_would(charter):
    with scopes_disabled():
        generate(councils=3, parents=60, seed=3, today=TODAY)
        commitments = {}
        # The council's own commitments are on no parent's plan (issue 14, item 16).
        for commitment in Commitment.objects.filter(council_wide=False):
            commitments.setdefault(commitment.stage, []).append(commitment)
        for parent in Parent.objects.all():
            facts = [child_facts(link, row) for link, row in children_of(parent)]
            stages = derive_stages(facts)
            assert set(
                ParentStage.objects.filter(parent=parent).values_list("stage", flat=True)
            ) == set(stages)
            open_charter = set(
                PlanItem.objects.filter(
                    plan__parent=parent, closed_at__isnull=True, commitment__isnull=False
                ).values_list("commitment_id", flat=True)
            )
            for_whom = AppliesTo.for_parent_role(parent.parent_role)
            expecting = any(not fact.is_born for fact in facts)
            assert open_charter == {
                commitment.pk
                for stage in stages
                for commitment in commitments[stage]
                if commitment.applies_to in for_whom and (expecting or not commitment.ends_at_birth)
            }
        # The live service finds nothing to add, close or reopen.
        for parent in Parent.objects.all():
            result = refresh_parent(parent=parent, actor=None, today=TODAY)
            assert (result.entered, result.left) == ([], [])
            assert (result.added, result.closed, result.reopened) == (0, 0, 0)


def test_every_item_has_its_status_history(charter):
    with scopes_disabled():
        generate(councils=2, parents=80, seed=4, today=TODAY)
        items = PlanItem.objects.all()
        assert items.filter(source="milestone").exists()
        history = {}
        for row in PlanItemStatus.objects.order_by("at", "pk"):
            history.setdefault(row.item_id, []).append(row)
        for item in items:
            rows = history[item.pk]
            assert rows[0].status == ItemStatus.TO_DISCUSS
            assert rows[-1].status == item.status
            if item.status == ItemStatus.DELIVERED:
                assert item.evidence
        moved_on = sum(1 for rows in history.values() if len(rows) > 1)
        assert 0.25 <= moved_on / items.count() <= 0.65
        assert PlanReview.objects.exists()


def test_queries_do_not_grow_with_the_number_of_parents(charter):
    counts = []
    with scopes_disabled():
        for seed, parents in ((21, 30), (22, 60)):
            with CaptureQueriesContext(connection) as queries:
                generate(councils=3, parents=parents, seed=seed, today=TODAY)
            counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_command_loads_the_charter_when_needed(db):
    out = io.StringIO()
    call_command("generate_synthetic", councils=1, parents=10, seed=9, no_progress=True, stdout=out)
    assert "10 parents" in out.getvalue()
    with scopes_disabled():
        assert PlanItem.objects.exists()
