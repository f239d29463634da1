"""An open concern puts the parent in the "concerns raised" stage; support items live beside the
promises in the plan and the refresh leaves them alone."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from parent_charter.charter.models import Commitment, Stage
from parent_charter.concerns import contributions, services
from parent_charter.concerns.models import Concern
from parent_charter.core.registries.open_concerns import OPEN_CONCERN_CHECKS
from parent_charter.parents.models import ParentStage, StageChange
from parent_charter.parents.stages import has_open_concern
from parent_charter.plans.models import ItemSource, ItemStatus, PlanItem
from parent_charter.plans.services import refresh_parent
from parent_charter.plans.services_items import add_support_item
from tests.factories import ChildCircumstanceFactory, ParentFactory
from tests.helpers import events, today
from tests.helpers import page as text

from .helpers import raise_concern, with_child


def _concern_items(parent, *, open_only=True):
    items = PlanItem.objects.filter(
        plan__parent=parent, source=ItemSource.CHARTER, stage=Stage.CONCERNS_RAISED
    )
    return items.filter(closed_at__isnull=True) if open_only else items


def _close(concern, actor, **fields):
    with scope(council=concern.council_id):
        concern.refresh_from_db()
        return services.concern_close(
            concern=concern,
            actor=actor,
            expected_version=concern.version,
            outcome=fields.get("outcome", "no_further_action"),
            closed_on=fields.get("closed_on", today()),
        )


def test_the_check_is_registered_once_and_costs_one_query(hillford, hillford_parent, pa):
    assert OPEN_CONCERN_CHECKS.count(contributions.has_open_concern) == 1
    with scope(council=hillford.pk), CaptureQueriesContext(connection) as queries:
        assert has_open_concern(hillford_parent) is False
    assert len(queries) == 1


def test_opening_a_concern_adds_the_concerns_promises_and_closing_closes_them(
    charter_offer, hillford, hillford_parent, pa
):
    with_child(hillford_parent)
    with scope(council=hillford.pk):
        refresh_parent(parent=hillford_parent, actor=pa)
        assert not _concern_items(hillford_parent).exists()
        promised = set(
            Commitment.objects.filter(
                charter_version=charter_offer.charter_version, stage=Stage.CONCERNS_RAISED
            ).values_list("pk", flat=True)
        )
        assert promised, "the charter has promises for when concerns are raised"

    concern = raise_concern(hillford_parent, pa)
    with scope(council=hillford.pk):
        assert has_open_concern(hillford_parent)
        assert ParentStage.objects.filter(
            parent=hillford_parent, stage=Stage.CONCERNS_RAISED
        ).exists()
        change = StageChange.objects.get(parent=hillford_parent, stage=Stage.CONCERNS_RAISED)
        assert change.entered and change.reason == "open_concern"
        items = _concern_items(hillford_parent)
        assert set(items.values_list("commitment_id", flat=True)) == promised
        assert all(item.status == ItemStatus.TO_DISCUSS for item in items)
    assert [e.reason for e in events("plan.regenerated")][-1] == "A concern was raised"

    _close(concern, pa)
    with scope(council=hillford.pk):
        assert not has_open_concern(hillford_parent)
        assert not _concern_items(hillford_parent).exists()
        closed = _concern_items(hillford_parent, open_only=False)
        assert closed.count() == len(promised)
        assert {item.closed_reason for item in closed} == {"system:stage:concerns_raised"}
        assert not ParentStage.objects.filter(
            parent=hillford_parent, stage=Stage.CONCERNS_RAISED
        ).exists()
    assert events("concern.closed")[-1].detail == {"outcome": "no_further_action"}


def test_a_childs_legal_position_keeps_the_stage_when_the_concern_closes(
    charter_offer, hillford, hillford_parent, pa
):
    child = with_child(hillford_parent)
    with scope(council=hillford.pk):
        ChildCircumstanceFactory(
            child=child, lives_with="not_yet_born", legal_status="child_protection_plan"
        )
    concern = raise_concern(hillford_parent, pa)
    with scope(council=hillford.pk):
        before = set(_concern_items(hillford_parent).values_list("pk", flat=True))
    _close(concern, pa)
    with scope(council=hillford.pk):
        assert set(_concern_items(hillford_parent).values_list("pk", flat=True)) == before
        assert ParentStage.objects.filter(
            parent=hillford_parent, stage=Stage.CONCERNS_RAISED
        ).exists()


def test_another_open_concern_keeps_the_stage(charter_offer, hillford, hillford_parent, pa):
    with_child(hillford_parent)
    first = raise_concern(hillford_parent, pa)
    raise_concern(hillford_parent, pa, raised_by_role="police")
    _close(first, pa)
    with scope(council=hillford.pk):
        assert has_open_concern(hillford_parent)
        assert _concern_items(hillford_parent).exists()


def test_a_concern_under_assessment_is_still_open(charter_offer, hillford, hillford_parent, pa):
    with_child(hillford_parent)
    concern = raise_concern(hillford_parent, pa)
    with scope(council=hillford.pk):
        services.concern_update(
            concern=concern, actor=pa, expected_version=concern.version, status="under_assessment"
        )
        assert has_open_concern(hillford_parent)


def test_another_councils_concern_does_not_count(hillford, eastmere, eastmere_parent, other_pa):
    with_child(eastmere_parent)
    raise_concern(eastmere_parent, other_pa)
    with scope(council=hillford.pk):
        # The scoped manager finds nothing of Eastmere's from inside Hillford's scope.
        assert not Concern.objects.filter(parent=eastmere_parent).exists()
    with scope(council=eastmere.pk):
        assert has_open_concern(eastmere_parent)


# --- Support items -----------------------------------------------------------------------------


def test_support_items_are_never_closed_or_repeated_by_the_refresh(
    charter_offer, hillford, hillford_parent, pa
):
    with_child(hillford_parent)
    concern = raise_concern(hillford_parent, pa)
    with scope(council=hillford.pk):
        housing = add_support_item(
            parent=hillford_parent,
            actor=pa,
            title="Help to move to a flat near the family centre",
            detail="Housing officer to visit with the adviser.",
            concern=concern,
            support_area="housing",
        )
        course = add_support_item(
            parent=hillford_parent, actor=pa, title="Solihull parenting course", concern=concern
        )
        for _ in range(2):
            result = refresh_parent(parent=hillford_parent, actor=pa)
            assert (result.added, result.closed, result.reopened) == (0, 0, 0)
    _close(concern, pa)
    with scope(council=hillford.pk):
        support = PlanItem.objects.filter(plan__parent=hillford_parent, source=ItemSource.SUPPORT)
        assert set(support.values_list("pk", flat=True)) == {housing.pk, course.pk}
        assert all(item.closed_at is None for item in support)
        housing.refresh_from_db()
        assert housing.owner == pa  # the parent's adviser by default
        assert housing.stage == Stage.CONCERNS_RAISED
        assert housing.status_history.get().note == "system:added"
    added = events("plan.item.added")
    assert len(added) == 2
    assert added[0].detail["source"] == "support"
    assert added[0].detail["concern"] == str(concern.public_id)
    assert "Help to move" not in str(added[0].detail)  # no personal text in the trail


def test_a_support_item_needs_a_title_and_the_right_parent(hillford, hillford_parent, pa):
    with scope(council=hillford.pk):
        other = ParentFactory(council=hillford)
    with_child(other)
    concern = raise_concern(other, pa)
    with scope(council=hillford.pk):
        with pytest.raises(ValueError):
            add_support_item(parent=hillford_parent, actor=pa, title="   ")
        with pytest.raises(ValueError):
            add_support_item(parent=hillford_parent, actor=pa, title="Course", concern=concern)
        with pytest.raises(ValueError):
            add_support_item(actor=pa, title="Course")


def test_a_resent_support_form_adds_one_item(hillford, hillford_parent, pa):
    token = uuid.uuid4()
    with scope(council=hillford.pk):
        add_support_item(parent=hillford_parent, actor=pa, title="Counselling", form_token=token)
        from parent_charter.plans.services_items import DuplicateSubmission

        with pytest.raises(DuplicateSubmission):
            add_support_item(
                parent=hillford_parent, actor=pa, title="Counselling", form_token=token
            )
        assert PlanItem.objects.filter(source=ItemSource.SUPPORT).count() == 1


def test_support_items_show_in_the_plan_and_on_their_own_page(
    client_for, hillford, hillford_parent, pa, assessor
):
    with_child(hillford_parent)
    concern = raise_concern(hillford_parent, pa)
    with scope(council=hillford.pk):
        item = add_support_item(
            parent=hillford_parent,
            actor=pa,
            title="Drug and alcohol service drop-in",
            detail="Tuesday mornings at the Beacon, with the adviser the first time.",
            concern=concern,
            support_area="drug_and_alcohol",
            due_date=today() + datetime.timedelta(days=14),
        )
    plan = text(client_for(pa).get(reverse("plans:plan", args=[hillford_parent.public_id])))
    assert "Drug and alcohol service drop-in" in plan
    assert reverse("plans:item", args=[item.public_id]) in plan
    page = text(client_for(assessor).get(reverse("plans:item", args=[item.public_id])))
    assert "Drug and alcohol service drop-in" in page
    assert "Tuesday mornings at the Beacon" in page
    assert "Support agreed" in page
    assert reverse("concerns:detail", args=[concern.public_id]) in page
    # The worker can move it on like any other item.
    response = client_for(pa).post(
        reverse("plans:item", args=[item.public_id]),
        {
            "status": "in_progress",
            "note": "Went together",
            "owner": str(pa.pk),
            "due_date_day": "",
            "due_date_month": "",
            "due_date_year": "",
            "parent_view": "",
            "evidence": "",
            "version": str(item.version),
        },
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        item.refresh_from_db()
        assert item.status == ItemStatus.IN_PROGRESS and item.due_date is None
