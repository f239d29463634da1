"""A child's page and details: read audited, the birth recorded, edits never lost."""

import datetime

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.children.models import Child
from parent_charter.plans.models import ItemSource, PlanItem
from tests.helpers import date_fields, events, today

from .helpers import add_child, other_parent


def _detail(child):
    return f"/staff/children/{child.public_id}/"


def _edit(child):
    return f"/staff/children/{child.public_id}/edit/"


def _fresh(child) -> Child:
    with scopes_disabled():
        return Child.objects.get(pk=child.pk)


def test_the_page_shows_the_child_and_both_parents_and_is_audited(
    client_for, pa, assessor, hillford, hillford_parent
):
    alex = other_parent(hillford)
    child = add_child(hillford_parent, pa, given_name="Robin", other_parent=alex)
    response = client_for(assessor).get(_detail(child))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Robin" in body and "Expected" in body
    assert hillford_parent.display_name in body and alex.display_name in body
    assert f"/staff/parents/{alex.public_id}/" in body
    assert "Not yet born" in body and "Priya Adviser" in body
    # An assessor reads but may not change.
    assert _edit(child) not in body
    [event] = events("child.viewed")
    assert event.actor == assessor and event.object_id == str(child.public_id)
    assert event.detail == {}


def test_a_named_other_parent_is_shown_with_their_council(client_for, pa, hillford_parent):
    child = add_child(
        hillford_parent,
        pa,
        other_parent_name="Casey Brook",
        other_parent_care_experienced=True,
        other_parent_council="Eastmere Council",
    )
    body = client_for(pa).get(_detail(child)).content.decode()
    assert "Casey Brook" in body and "Care-experienced" in body
    assert "Supported by Eastmere Council" in body


def test_another_councils_child_is_not_found(client_for, other_pa, pa, hillford_parent):
    child = add_child(hillford_parent, pa)
    for url in (_detail(child), _edit(child)):
        assert client_for(other_pa).get(url).status_code == 404
    assert events("child.viewed") == []


@pytest.mark.parametrize("who", ["partner_worker", "analyst", "council_admin", "coordinator"])
def test_other_roles_cannot_read_the_child(client_for, cast, pa, hillford_parent, who):
    child = add_child(hillford_parent, pa)
    assert client_for(cast[who]).get(_detail(child)).status_code == 403


def test_the_assessor_cannot_change_the_child(client_for, assessor, pa, hillford_parent):
    child = add_child(hillford_parent, pa)
    client = client_for(assessor)
    assert client.get(_edit(child)).status_code == 403
    post = {"version": "1", "given_name": "X", **date_fields("due_date", child.due_date)}
    assert client.post(_edit(child), post).status_code == 403
    assert _fresh(child).given_name == ""


def test_the_edit_form_is_a_read_too(client_for, pa, hillford_parent):
    child = add_child(hillford_parent, pa)
    assert client_for(pa).get(_edit(child)).status_code == 200
    [event] = events("child.viewed")
    assert event.detail == {"form": "child.edit"}


def test_recording_the_birth_moves_both_parents_milestones(
    client_for, pa, hillford, hillford_parent
):
    alex = other_parent(hillford)
    due = today() + datetime.timedelta(days=10)
    child = add_child(hillford_parent, pa, due_date=due, other_parent=alex)
    born = today() - datetime.timedelta(days=2)

    response = client_for(pa).post(
        _edit(child),
        {
            "version": "1",
            "given_name": "Robin",
            **date_fields("due_date", due),
            **date_fields("date_of_birth", born),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/staff/children/{child.public_id}/circumstances/"
    child = _fresh(child)
    assert child.is_born and child.given_name == "Robin" and child.version == 2
    with scopes_disabled():
        for parent in (hillford_parent, alex):
            visitor = PlanItem.objects.get(
                plan__parent=parent, source=ItemSource.MILESTONE, milestone_key="health-visitor"
            )
            assert visitor.due_date == born + datetime.timedelta(days=14)
    [event] = events("child.updated")
    assert event.detail == {
        "fields": ["given_name", "date_of_birth"],
        "birth_recorded": True,
    }


def test_an_edit_on_a_stale_version_shows_the_conflict_and_keeps_the_input(
    client_for, pa, manager, hillford_parent
):
    child = add_child(hillford_parent, pa)
    client_for(manager).post(
        _edit(child),
        {"version": "1", "given_name": "Sky", **date_fields("due_date", child.due_date)},
    )
    response = client_for(pa).post(
        _edit(child),
        {"version": "1", "given_name": "Robin", **date_fields("due_date", child.due_date)},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record" in body
    assert "Sky" in body and 'value="Robin"' in body
    assert 'name="version" value="2"' in body
    assert _fresh(child).given_name == "Sky"
    assert len(events("child.updated")) == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {**date_fields("due_date", None), **date_fields("date_of_birth", None)},
            "due_date",
            "Enter the due date, or the date of birth",
        ),
        (
            {"date_of_birth_day": "30", "date_of_birth_month": "2", "date_of_birth_year": "2026"},
            "date_of_birth",
            "Enter a real date",
        ),
        (
            {**date_fields("date_of_birth", today() + datetime.timedelta(days=3))},
            "date_of_birth",
            "Date of birth must be today or in the past",
        ),
    ],
)
def test_bad_edits_are_shown_next_to_the_field(
    client_for, pa, hillford_parent, data, field, message
):
    child = add_child(hillford_parent, pa)
    post = {"version": "1", "given_name": "Typed", **date_fields("due_date", child.due_date)}
    post.update(data)
    response = client_for(pa).post(_edit(child), post)
    assert response.status_code == 200
    body = response.content.decode()
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert 'value="Typed"' in body
    assert _fresh(child).version == 1
    assert events("child.updated") == []


def test_a_recorded_birth_cannot_be_removed(client_for, pa, hillford_parent):
    born = today() - datetime.timedelta(days=30)
    child = add_child(
        hillford_parent, pa, due_date=None, date_of_birth=born, lives_with="both_parents"
    )
    response = client_for(pa).post(
        _edit(child), {"version": "1", **date_fields("due_date", today())}
    )
    assert response.status_code == 200
    assert "it cannot be removed" in response.content.decode()
    assert _fresh(child).date_of_birth == born


def test_a_garbled_version_is_a_conflict_not_an_error(client_for, pa, hillford_parent):
    child = add_child(hillford_parent, pa)
    response = client_for(pa).post(
        _edit(child),
        {"version": "garbage", "given_name": "Robin", **date_fields("due_date", child.due_date)},
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert _fresh(child).given_name == ""


def test_an_old_due_date_does_not_block_other_changes(client_for, pa, hillford, hillford_parent):
    child = add_child(hillford_parent, pa)
    with scope(council=hillford.pk):
        Child.objects.filter(pk=child.pk).update(due_date=today() - datetime.timedelta(days=365))
    child = _fresh(child)
    response = client_for(pa).post(
        _edit(child),
        {"version": "1", "given_name": "Robin", **date_fields("due_date", child.due_date)},
    )
    assert response.status_code == 302
    assert _fresh(child).given_name == "Robin"
