"""Adding a child to a parent: both parents' stages and plans follow, nothing is made twice."""

import datetime
import uuid

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.charter.models import Stage
from parent_charter.children.models import Child, ChildCircumstance, ChildParent
from parent_charter.parents.models import ParentStage, StageChange
from parent_charter.plans.models import ItemSource, PlanItem
from tests.helpers import date_fields, events, today

from .helpers import other_parent


def _url(parent):
    return f"/staff/children/add/{parent.public_id}/"


def _form(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "status": "expected",
        **date_fields("due_date", today() + datetime.timedelta(days=150)),
        **date_fields("date_of_birth", None),
        **date_fields("due_date_if_born", None),
        "given_name": "",
        "other_parent_kind": "none",
        "other_parent": "",
        "other_parent_name": "",
        "other_parent_council": "",
        "lives_with": "not_yet_born",
        "legal_status": "none",
    }
    data.update(overrides)
    return data


def _stages(parent) -> set[str]:
    with scopes_disabled():
        return set(ParentStage.objects.filter(parent=parent).values_list("stage", flat=True))


def _milestones(parent) -> set[str]:
    with scopes_disabled():
        return set(
            PlanItem.objects.filter(
                plan__parent=parent, source=ItemSource.MILESTONE, closed_at__isnull=True
            ).values_list("milestone_key", flat=True)
        )


def _children() -> list[Child]:
    with scopes_disabled():
        return list(Child.objects.all())


def test_the_form_lists_this_councils_other_parents_with_birth_dates(
    client_for, pa, hillford, hillford_parent, eastmere_parent
):
    alex = other_parent(hillford, date_of_birth=datetime.date(2003, 7, 9))
    response = client_for(pa).get(_url(hillford_parent))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alex Marsh, born 9 July 2003" in body
    assert str(alex.public_id) in body
    assert eastmere_parent.family_name not in body
    # The parent the child is added to is not offered as their own other parent.
    assert f'value="{hillford_parent.public_id}"' not in body
    [event] = events("parent.viewed")
    assert event.actor == pa and event.object_id == str(hillford_parent.public_id)
    assert event.detail == {"form": "child.add"}


def test_an_expected_child_moves_both_parents_into_expecting_with_milestones(
    client_for, pa, hillford, hillford_parent
):
    alex = other_parent(hillford)
    with scope(council=hillford.pk):
        from parent_charter.plans.services import refresh_parent

        refresh_parent(parent=hillford_parent, actor=pa)
    assert Stage.BEFORE_PARENTHOOD in _stages(hillford_parent)

    response = client_for(pa).post(
        _url(hillford_parent),
        _form(other_parent_kind="supported", other_parent=str(alex.public_id)),
    )

    [child] = _children()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/children/{child.public_id}/"
    assert child.is_expected and child.council == hillford
    with scopes_disabled():
        links = {link.parent_id for link in ChildParent.objects.filter(child=child)}
        [row] = ChildCircumstance.objects.filter(child=child)
        left = StageChange.objects.filter(
            parent=hillford_parent, stage=Stage.BEFORE_PARENTHOOD, entered=False
        )
        assert left.exists(), "leaving 'before parenthood' is recorded"
    assert links == {hillford_parent.pk, alex.pk}
    assert (row.lives_with, row.legal_status, row.recorded_by) == ("not_yet_born", "none", pa)
    for parent in (hillford_parent, alex):
        stages = _stages(parent)
        assert Stage.EXPECTING_OR_PARENTING in stages
        assert Stage.BEFORE_PARENTHOOD not in stages
        assert {"first-scan", "healthy-start"} <= _milestones(parent)
    [event] = events("child.added")
    assert event.actor == pa and event.object_id == str(child.public_id)
    assert event.detail == {
        "born": False,
        "other_parent": "supported",
        "lives_with": "not_yet_born",
        "legal_status": "none",
    }


def test_a_born_child_with_a_parent_from_another_council_recorded_by_name(
    client_for, pa, hillford_parent
):
    born = today() - datetime.timedelta(days=20)
    response = client_for(pa).post(
        _url(hillford_parent),
        _form(
            status="born",
            given_name="Robin",
            **date_fields("date_of_birth", born),
            **date_fields("due_date_if_born", born + datetime.timedelta(days=10)),
            # Typed into the "expected" reveal, then changed mind: ignored, not saved.
            **date_fields("due_date", datetime.date(1999, 1, 1)),
            other_parent_kind="named",
            other_parent_name="Casey Brook",
            other_parent_care_experienced="yes",
            other_parent_council="Eastmere Council",
            lives_with="one_parent",
            lives_with_which="this",
        ),
    )
    assert response.status_code == 302
    [child] = _children()
    assert child.given_name == "Robin"
    assert child.date_of_birth == born and child.due_date == born + datetime.timedelta(days=10)
    with scopes_disabled():
        this, other = ChildParent.objects.filter(child=child).order_by("pk")
        [row] = ChildCircumstance.objects.filter(child=child)
    assert this.parent == hillford_parent
    assert other.parent is None and other.other_parent_name == "Casey Brook"
    assert other.other_parent_care_experienced and other.other_parent_council == "Eastmere Council"
    assert row.lives_with == "one_parent" and row.lives_with_parent == this
    assert {"health-visitor", "gp-registration", "register-birth"} <= _milestones(hillford_parent)
    [event] = events("child.added")
    assert "Casey" not in str(event.detail) and "Robin" not in str(event.detail)
    assert event.detail["other_parent"] == "named"


def test_the_child_can_live_with_the_named_other_parent(client_for, pa, hillford_parent):
    response = client_for(pa).post(
        _url(hillford_parent),
        _form(
            status="born",
            **date_fields("date_of_birth", today() - datetime.timedelta(days=400)),
            other_parent_kind="named",
            other_parent_name="Casey Brook",
            other_parent_care_experienced="no",
            lives_with="one_parent",
            lives_with_which="other",
        ),
    )
    assert response.status_code == 302
    assert Stage.LIVING_APART in _stages(hillford_parent)


def test_a_double_submit_creates_one_child(client_for, pa, hillford_parent):
    client = client_for(pa)
    data = _form()
    first = client.post(_url(hillford_parent), data)
    second = client.post(_url(hillford_parent), data)
    [child] = _children()
    assert first["Location"] == second["Location"] == f"/staff/children/{child.public_id}/"
    assert len(events("child.added")) == 1
    with scopes_disabled():
        assert ChildCircumstance.objects.count() == 1


def test_a_garbled_form_token_still_adds_the_child_once(client_for, pa, hillford_parent):
    response = client_for(pa).post(_url(hillford_parent), _form(form_token="not-a-uuid"))
    assert response.status_code == 302
    assert len(_children()) == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"status": ""}, "status", "Select whether the baby has been born"),
        ({**date_fields("due_date", None)}, "due_date", "Enter the due date"),
        (
            {"status": "born", **date_fields("date_of_birth", None)},
            "date_of_birth",
            "Enter the date of birth",
        ),
        (
            {"due_date_day": "31", "due_date_month": "2", "due_date_year": "2027"},
            "due_date",
            "Enter a real date",
        ),
        (
            lambda: {
                "status": "born",
                **date_fields("date_of_birth", today() + datetime.timedelta(1)),
            },
            "date_of_birth",
            "Date of birth must be today or in the past",
        ),
        (
            lambda: {**date_fields("due_date", today() + datetime.timedelta(days=400))},
            "due_date",
            "Due date must be within the next 10 months",
        ),
        (
            lambda: {
                "status": "born",
                **date_fields("date_of_birth", today() - datetime.timedelta(days=30)),
                "lives_with": "one_parent",
            },
            "lives_with_which",
            "Select which parent the child lives with",
        ),
        (
            lambda: {
                "status": "born",
                **date_fields("date_of_birth", today() - datetime.timedelta(days=30)),
                "lives_with": "one_parent",
                "lives_with_which": "other",
            },
            "lives_with_which",
            "Record who the other parent is, or choose this parent",
        ),
        (
            lambda: {
                "status": "born",
                **date_fields("date_of_birth", today() - datetime.timedelta(days=30)),
                "lives_with": "not_yet_born",
            },
            "lives_with",
            "A child who has been born cannot be &#x27;Not yet born&#x27;",
        ),
        (
            {"lives_with": "foster_care"},
            "lives_with",
            "A baby who is not yet born can only be &#x27;Not yet born&#x27;",
        ),
        ({"other_parent_kind": "supported"}, "other_parent", "Select a parent from the list"),
        (
            {"other_parent_kind": "supported", "other_parent": "garbage"},
            "other_parent",
            "Select a parent from the list",
        ),
        ({"other_parent_kind": "named"}, "other_parent_name", "Enter the other parent&#x27;s name"),
        (
            {"other_parent_kind": "named", "other_parent_name": "Casey Brook"},
            "other_parent_care_experienced",
            "Select yes if the other parent is care-experienced",
        ),
        ({"legal_status": "made_up"}, "legal_status", "Select an option"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(
    client_for, pa, hillford_parent, overrides, field, message
):
    overrides = overrides() if callable(overrides) else overrides  # dates at run time
    response = client_for(pa).post(
        _url(hillford_parent), _form(given_name="Typed name", **overrides)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert f'id="id_{field}-error"' in body
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert 'value="Typed name"' in body
    assert _children() == []
    assert events("child.added") == []


def test_another_councils_parent_cannot_be_linked(client_for, pa, hillford_parent, eastmere_parent):
    response = client_for(pa).post(
        _url(hillford_parent),
        _form(other_parent_kind="supported", other_parent=str(eastmere_parent.public_id)),
    )
    assert response.status_code == 200
    assert "Select a parent from the list" in response.content.decode()
    assert _children() == []


def test_another_councils_parent_is_not_found(client_for, pa, eastmere_parent):
    assert client_for(pa).get(_url(eastmere_parent)).status_code == 404
    assert client_for(pa).post(_url(eastmere_parent), _form()).status_code == 404
    assert _children() == []


@pytest.mark.parametrize("who", ["assessor", "partner_worker", "analyst", "council_admin"])
def test_other_roles_cannot_add_a_child(client_for, cast, hillford_parent, who):
    client = client_for(cast[who])
    assert client.get(_url(hillford_parent)).status_code == 403
    assert client.post(_url(hillford_parent), _form()).status_code == 403
    assert _children() == []


def test_a_manager_can_add_a_child(client_for, manager, hillford_parent):
    assert client_for(manager).post(_url(hillford_parent), _form()).status_code == 302
    assert len(_children()) == 1
