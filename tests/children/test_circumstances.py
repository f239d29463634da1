"""Where a child lives and their legal position: each change a new row, both parents follow."""

import datetime
import uuid

import pytest
from django_scopes import scopes_disabled

from parent_charter.charter.models import Stage
from parent_charter.children.models import ChildCircumstance, ChildParent
from parent_charter.parents.models import ParentStage
from tests.helpers import date_fields, events, today

from .helpers import add_child, other_parent

BORN = today() - datetime.timedelta(days=200)


def _url(child):
    return f"/staff/children/{child.public_id}/circumstances/"


def _form(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "lives_with": "foster_care",
        "lives_with_parent": "",
        "legal_status": "looked_after",
        **date_fields("from_date", today() - datetime.timedelta(days=3)),
        "note": "Placed with foster carers after a hospital stay.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def alex(hillford):
    return other_parent(hillford)


@pytest.fixture
def child(hillford_parent, alex, pa):
    """Born 200 days ago, living with both parents since the birth was recorded."""
    return add_child(
        hillford_parent,
        pa,
        due_date=None,
        date_of_birth=BORN,
        other_parent=alex,
        lives_with="both_parents",
    )


def _rows(child) -> list[ChildCircumstance]:
    with scopes_disabled():
        return list(
            ChildCircumstance.objects.filter(child=child)
            .select_related("recorded_by")
            .order_by("pk")
        )


def _stages(parent) -> set[str]:
    with scopes_disabled():
        return set(ParentStage.objects.filter(parent=parent).values_list("stage", flat=True))


def _link(child, parent) -> ChildParent:
    with scopes_disabled():
        return ChildParent.objects.get(child=child, parent=parent)


def test_foster_care_and_looked_after_puts_both_parents_in_living_apart_and_removed(
    client_for, pa, hillford_parent, alex, child
):
    for parent in (hillford_parent, alex):
        assert Stage.LIVING_APART not in _stages(parent)

    response = client_for(pa).post(_url(child), _form())

    assert response.status_code == 302
    assert response["Location"] == f"/staff/children/{child.public_id}/"
    first, second = _rows(child)
    assert first.lives_with == "both_parents", "the earlier row is kept unchanged"
    assert (second.lives_with, second.legal_status) == ("foster_care", "looked_after")
    assert second.recorded_by == pa and second.note.startswith("Placed")
    for parent in (hillford_parent, alex):
        assert {Stage.LIVING_APART, Stage.CHILD_REMOVED} <= _stages(parent)
    [event] = events("child.circumstances.changed")
    assert event.actor == pa and event.object_id == str(child.public_id)
    assert event.detail == {"lives_with": "foster_care", "legal_status": "looked_after"}


def test_living_with_one_parent_is_living_apart_for_the_other_only(
    client_for, pa, hillford_parent, alex, child
):
    response = client_for(pa).post(
        _url(child),
        _form(
            lives_with="one_parent",
            lives_with_parent=str(_link(child, alex).public_id),
            legal_status="child_in_need",
        ),
    )
    assert response.status_code == 302
    assert Stage.LIVING_APART in _stages(hillford_parent)
    assert Stage.LIVING_APART not in _stages(alex)
    assert _rows(child)[-1].lives_with_parent == _link(child, alex)


def test_the_history_keeps_every_row_with_who_and_when(client_for, pa, manager, assessor, child):
    client_for(pa).post(_url(child), _form(note="First move"))
    client_for(manager).post(
        _url(child),
        _form(
            lives_with="relatives",
            legal_status="special_guardianship",
            **date_fields("from_date", today()),
            note="Moved to the grandmother",
        ),
    )
    rows = _rows(child)
    assert [row.lives_with for row in rows] == ["both_parents", "foster_care", "relatives"]
    assert [row.recorded_by for row in rows] == [pa, pa, manager]
    assert all(row.recorded_at is not None for row in rows)

    body = client_for(assessor).get(f"/staff/children/{child.public_id}/").content.decode()
    history = body.split("History of circumstances", 1)[1]
    for text in ("With both parents", "In foster or residential care", "With relatives"):
        assert text in history
    assert "Special guardianship order" in history and "Looked after" in history
    assert "Moved to the grandmother" in history and "First move" in history
    assert history.count("Priya Adviser") == 2 and history.count("Morgan Manager") == 1
    assert history.index("With relatives") < history.index("In foster"), "newest first"
    assert len(events("child.circumstances.changed")) == 2


def test_the_form_shows_the_current_circumstances_and_is_audited(client_for, pa, child):
    response = client_for(pa).get(_url(child))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Recorded now: With both parents" in body
    assert 'value="both_parents" id="id_lives_with_1" checked' in body
    [event] = events("child.viewed")
    assert event.detail == {"form": "child.circumstances"}


def test_a_double_submit_records_one_change(client_for, pa, child):
    data = _form()
    client = client_for(pa)
    assert client.post(_url(child), data).status_code == 302
    assert client.post(_url(child), data).status_code == 302
    assert len(_rows(child)) == 2
    assert len(events("child.circumstances.changed")) == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"lives_with": "one_parent"}, "lives_with_parent", "Select which parent"),
        (
            {"lives_with": "one_parent", "lives_with_parent": str(uuid.uuid4())},
            "lives_with_parent",
            "Select which parent",
        ),
        ({"lives_with": "not_yet_born"}, "lives_with", "cannot be &#x27;Not yet born&#x27;"),
        ({"lives_with": ""}, "lives_with", "Select where the child lives"),
        ({"legal_status": "garbage"}, "legal_status", "Select the legal position"),
        ({**date_fields("from_date", None)}, "from_date", "Enter the date the change happened"),
        (
            {"from_date_day": "31", "from_date_month": "4", "from_date_year": "2026"},
            "from_date",
            "Enter a real date",
        ),
        (
            lambda: {**date_fields("from_date", today() + datetime.timedelta(days=1))},
            "from_date",
            "The date must be today or in the past",
        ),
        (
            lambda: {**date_fields("from_date", BORN - datetime.timedelta(days=1))},
            "from_date",
            "The date must be on or after",
        ),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(
    client_for, pa, child, overrides, field, message
):
    overrides = overrides() if callable(overrides) else overrides  # dates at run time
    response = client_for(pa).post(_url(child), _form(**overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert "Placed with foster carers" in body, "what was typed is kept"
    assert len(_rows(child)) == 1
    assert events("child.circumstances.changed") == []


def test_another_childs_parent_cannot_be_chosen(client_for, pa, hillford_parent, child):
    other_child = add_child(hillford_parent, pa)
    response = client_for(pa).post(
        _url(child),
        _form(
            lives_with="one_parent",
            lives_with_parent=str(_link(other_child, hillford_parent).public_id),
        ),
    )
    assert response.status_code == 200
    assert len(_rows(child)) == 1


def test_an_expected_child_can_only_be_not_yet_born(client_for, pa, hillford_parent):
    expected = add_child(hillford_parent, pa)
    client = client_for(pa)
    response = client.post(_url(expected), _form())
    assert "can only be &#x27;Not yet born&#x27;" in response.content.decode()
    assert len(_rows(expected)) == 1
    # A pre-birth child protection plan is recorded for a baby not yet born.
    response = client.post(
        _url(expected),
        _form(
            lives_with="not_yet_born",
            legal_status="child_protection_plan",
            **date_fields("from_date", today()),
        ),
    )
    assert response.status_code == 302
    assert Stage.CONCERNS_RAISED in _stages(hillford_parent)


def test_a_change_cannot_predate_the_current_circumstances(client_for, pa, child):
    client = client_for(pa)
    client.post(_url(child), _form(**date_fields("from_date", today() - datetime.timedelta(1))))
    response = client.post(
        _url(child),
        _form(lives_with="relatives", **date_fields("from_date", today() - datetime.timedelta(9))),
    )
    assert response.status_code == 200
    assert "when the current circumstances began" in response.content.decode()
    assert len(_rows(child)) == 2


def test_another_councils_child_is_not_found(client_for, other_pa, child):
    client = client_for(other_pa)
    assert client.get(_url(child)).status_code == 404
    assert client.post(_url(child), _form()).status_code == 404
    assert len(_rows(child)) == 1


@pytest.mark.parametrize("who", ["assessor", "partner_worker", "analyst", "council_admin"])
def test_other_roles_cannot_record_a_change(client_for, cast, child, who):
    client = client_for(cast[who])
    assert client.get(_url(child)).status_code == 403
    assert client.post(_url(child), _form()).status_code == 403
    assert len(_rows(child)) == 1
