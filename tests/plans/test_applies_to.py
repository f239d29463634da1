"""Promises for mothers or for fathers: a plan carries the ones for this parent, and a parent
who has not said whether they are a mother or a father is offered both."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope

from parent_charter.charter.catalogue import load_catalogue
from parent_charter.charter.models import AppliesTo, CharterVersion, Commitment, Stage
from parent_charter.offers.models import LocalCommitment
from parent_charter.parents.models import ParentRole
from parent_charter.parents.services import parent_update
from parent_charter.plans.models import PlanItem
from parent_charter.plans.services import refresh_parent
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    LocalOfferFactory,
    ParentFactory,
)

TODAY = datetime.date(2026, 11, 23)
FOR_DADS = "expecting.fathers-included"
IN_PREGNANCY = "expecting.health-in-pregnancy"


@pytest.fixture
def offer(hillford):
    call_command("load_charter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    offer = LocalOfferFactory(council=hillford, charter_version=CharterVersion.objects.get())
    LocalCommitment.objects.create(
        offer=offer,
        key="hillford.dads-group",
        stage=Stage.EXPECTING_OR_PARENTING,
        theme="emotional_support",
        applies_to=AppliesTo.FATHERS,
        title_en="A dads' group every week",
        wording_en="We run a group for young dads.",
        guidance="g",
        evidence="e",
    )
    return offer


def _expecting(hillford, pa, role):
    parent = ParentFactory(council=hillford, personal_adviser=pa, parent_role=role)
    child = ChildFactory(council=hillford, date_of_birth=None, due_date=TODAY.replace(month=12))
    ChildParentFactory(child=child, parent=parent)
    ChildCircumstanceFactory(child=child)
    return parent


def _open_keys(parent) -> set[str]:
    items = PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True).select_related(
        "commitment", "local_commitment"
    )
    return {(i.commitment or i.local_commitment).key for i in items if i.milestone_key == ""}


def test_the_shipped_charter_marks_the_promises_for_mothers_and_for_fathers():
    from django.conf import settings

    spec = load_catalogue(settings.PACKAGE_DIR / "charter" / "data" / "charter-1.0.yaml")
    assert spec.get(FOR_DADS).applies_to == "fathers"
    assert spec.get(IN_PREGNANCY).applies_to == "mothers"
    assert spec.get("expecting.money").applies_to == "any"


@pytest.mark.parametrize(
    ("role", "has_dads", "has_pregnancy"),
    [
        (ParentRole.MOTHER, False, True),
        (ParentRole.FATHER, True, False),
        (ParentRole.PARENT, True, True),
    ],
)
def test_each_parent_gets_the_promises_for_them(offer, hillford, pa, role, has_dads, has_pregnancy):
    with scope(council=hillford.pk):
        parent = _expecting(hillford, pa, role)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        keys = _open_keys(parent)
    assert (FOR_DADS in keys) is has_dads
    assert ("hillford.dads-group" in keys) is has_dads
    assert (IN_PREGNANCY in keys) is has_pregnancy
    assert "expecting.money" in keys


def test_correcting_a_parent_role_moves_the_plan_with_a_reason(offer, hillford, pa):
    with scope(council=hillford.pk):
        parent = _expecting(hillford, pa, ParentRole.MOTHER)
        refresh_parent(parent=parent, actor=pa, today=TODAY)
        parent_update(
            parent=parent, actor=pa, expected_version=parent.version, parent_role="father"
        )
        keys = _open_keys(parent)
        assert FOR_DADS in keys and IN_PREGNANCY not in keys
        closed = PlanItem.objects.get(plan__parent=parent, commitment__key=IN_PREGNANCY)
        assert closed.closed_reason_text == "it is a promise to mothers"


def test_the_admin_form_asks_who_a_local_promise_is_for(offer, council_admin, client_for):
    client = client_for(council_admin)
    body = client.get(reverse("offers:add_commitment")).content.decode()
    assert "Who is the promise for?" in body
    assert Commitment.objects.filter(applies_to=AppliesTo.FATHERS).count() == 1
