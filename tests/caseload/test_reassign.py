"""Reassigning a parent to another adviser: the open work moves, the change is audited."""

import uuid

import pytest
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.audit.models import AuditEvent
from parent_charter.plans.models import PlanItem
from tests.factories import UserFactory

from . import builders as b


@pytest.fixture
def second_pa(hillford):
    return UserFactory(council=hillford, full_name="Pat Second", roles=[Role.PERSONAL_ADVISER])


def _url(parent):
    return f"/staff/parents/{parent.public_id}/reassign/"


def _post(client, parent, adviser, **overrides):
    data = {
        "personal_adviser": str(adviser.pk),
        "reason": "Priya is going on maternity leave",
        "version": str(parent.version),
    }
    data.update(overrides)
    return client.post(_url(parent), data)


def test_the_form_offers_the_councils_advisers(
    client_for, manager, pa, second_pa, other_pa, hillford_parent
):
    response = client_for(manager).get(_url(hillford_parent))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pat Second (0 parents)" in body
    assert "Priya Adviser (1 parent, this parent&#x27;s adviser now)" in body
    assert "Olu" not in body
    assert "The personal adviser now is Priya Adviser" in body


def test_reassigning_moves_the_open_items_and_is_audited(
    client_for, manager, pa, second_pa, hillford, hillford_parent
):
    with scope(council=hillford.pk):
        to_move = b.item(hillford_parent, due=b.days(3), owner=pa, status="offered")
        delivered = b.item(hillford_parent, due=b.days(-3), owner=pa, status="delivered")
        closed = b.item(hillford_parent, due=b.days(-3), owner=pa, closed=True)
        someone_elses = b.item(hillford_parent, due=b.days(3), owner=manager)
    response = _post(client_for(manager), hillford_parent, second_pa)
    assert response.status_code == 302
    assert response["Location"] == f"/staff/parents/{hillford_parent.public_id}/"
    hillford_parent.refresh_from_db()
    assert hillford_parent.personal_adviser == second_pa and hillford_parent.version == 2
    with scope(council=hillford.pk):
        owners = dict(
            PlanItem.objects.filter(plan__parent=hillford_parent).values_list("pk", "owner")
        )
        assert PlanItem.objects.get(pk=to_move.pk).version == to_move.version + 1
    assert owners == {
        to_move.pk: second_pa.pk,
        delivered.pk: pa.pk,  # who did the work stays on the record
        closed.pk: pa.pk,
        someone_elses.pk: manager.pk,
    }
    [event] = AuditEvent.objects.filter(action="parent.reassigned")
    assert event.actor == manager and event.object_id == str(hillford_parent.public_id)
    assert event.reason == "Priya is going on maternity leave"
    assert event.detail == {
        "from": str(pa.public_id),
        "to": str(second_pa.public_id),
        "items_moved": 1,
    }
    assert "Priya" not in str(event.detail) and "Pat" not in str(event.detail)
    page = client_for(manager).get(response["Location"]).content.decode()
    assert "Pat Second is now this parent" in page


def test_a_parent_without_an_adviser_gets_one(client_for, manager, pa, hillford, hillford_parent):
    with scope(council=hillford.pk):
        hillford_parent.personal_adviser = None
        hillford_parent.save()
        unowned = b.item(hillford_parent, due=b.days(3), owner=None)
    assert _post(client_for(manager), hillford_parent, pa).status_code == 302
    [event] = AuditEvent.objects.filter(action="parent.reassigned")
    assert event.detail["from"] is None
    with scope(council=hillford.pk):
        assert PlanItem.objects.get(pk=unowned.pk).owner == pa


def test_someone_else_changed_the_parent_first(
    client_for, manager, pa, second_pa, hillford, hillford_parent
):
    opened_at = hillford_parent.version
    # Someone else gives the parent to Pat while the manager has the form open.
    with scope(council=hillford.pk):
        hillford_parent.personal_adviser = second_pa
        hillford_parent.version += 1
        hillford_parent.save()
    third = UserFactory(council=hillford, full_name="Tal Third", roles=[Role.PERSONAL_ADVISER])
    response = _post(client_for(manager), hillford_parent, third, version=str(opened_at))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record while you were editing it" in body
    assert "Tal Third" in body and "Pat Second" in body
    assert "Priya is going on maternity leave" in body  # what was typed is kept
    hillford_parent.refresh_from_db()
    assert hillford_parent.personal_adviser == second_pa
    assert not AuditEvent.objects.filter(action="parent.reassigned").exists()
    # Having seen it, saving again is a deliberate choice and goes through.
    response = _post(client_for(manager), hillford_parent, third)
    assert response.status_code == 302
    hillford_parent.refresh_from_db()
    assert hillford_parent.personal_adviser == third


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reason": ""}, "Enter why the personal adviser is changing"),
        ({"reason": "x" * 501}, "Reason must be 500 characters or fewer"),
        ({"personal_adviser": ""}, "Select the new personal adviser"),
        ({"personal_adviser": "not-a-number"}, "Select a personal adviser from the list"),
        ({"reason": "a\x00b"}, "Null characters are not allowed"),
    ],
)
def test_bad_input_is_explained_and_kept(
    client_for, manager, second_pa, hillford_parent, overrides, message
):
    response = _post(client_for(manager), hillford_parent, second_pa, **overrides)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    hillford_parent.refresh_from_db()
    assert hillford_parent.version == 1


def test_garbage_version_is_not_an_error(client_for, manager, second_pa, hillford_parent):
    for version in ("", "abc", "-1", "99999999999999999999"):
        response = _post(client_for(manager), hillford_parent, second_pa, version=version)
        assert response.status_code == 200
    hillford_parent.refresh_from_db()
    assert hillford_parent.version == 1


def test_an_adviser_of_another_council_cannot_be_chosen(
    client_for, manager, other_pa, hillford_parent
):
    response = _post(client_for(manager), hillford_parent, other_pa)
    assert response.status_code == 200
    assert "Select a personal adviser from the list" in response.content.decode()
    hillford_parent.refresh_from_db()
    assert hillford_parent.personal_adviser.full_name == "Priya Adviser"


def test_the_same_adviser_is_not_a_change(client_for, manager, pa, hillford_parent):
    response = _post(client_for(manager), hillford_parent, pa)
    assert "Priya Adviser is already this parent" in response.content.decode()


def test_an_adviser_cannot_reassign(client_for, pa, second_pa, hillford_parent):
    assert client_for(pa).get(_url(hillford_parent)).status_code == 403
    assert _post(client_for(pa), hillford_parent, second_pa).status_code == 403
    hillford_parent.refresh_from_db()
    assert hillford_parent.version == 1


def test_another_councils_parent_is_not_found(client_for, manager, eastmere_parent, pa):
    assert client_for(manager).get(_url(eastmere_parent)).status_code == 404
    assert _post(client_for(manager), eastmere_parent, pa).status_code == 404
    response = client_for(manager).get(f"/staff/parents/{uuid.uuid4()}/reassign/")
    assert response.status_code == 404
