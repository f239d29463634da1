"""Parents' records: every read and change audited, conflicts caught, nothing created twice."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.parents.models import Parent
from tests.factories import ParentFactory


def _form(pa, **overrides):
    data = {
        "given_name": "Kai",
        "family_name": "Morrow",
        "preferred_name": "",
        "date_of_birth_day": "4",
        "date_of_birth_month": "9",
        "date_of_birth_year": "2005",
        "parent_role": "father",
        "personal_adviser": str(pa.pk),
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def _events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_list_is_audited_without_names(client_for, pa, hillford_parent):
    response = client_for(pa).get("/staff/parents/")
    assert hillford_parent.family_name in response.content.decode()
    [event] = _events("parent.list.viewed")
    assert event.actor == pa and event.council == pa.council
    assert event.detail == {"shown": 1, "page": 1}
    assert hillford_parent.family_name not in str(event.detail)


def test_list_search(client_for, pa, hillford, hillford_parent):
    with scope(council=hillford.pk):
        ParentFactory(council=hillford, given_name="Robin", family_name="Oakley")
    body = client_for(pa).get("/staff/parents/?q=oak").content.decode()
    assert "Oakley" in body and hillford_parent.family_name not in body


def test_list_query_count_does_not_grow_with_parents(client_for, pa, hillford):
    client = client_for(pa)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/parents/").status_code == 200
        return len(queries)

    with scope(council=hillford.pk):
        ParentFactory.create_batch(2, council=hillford, personal_adviser=pa)
    few = count_queries()
    with scope(council=hillford.pk):
        ParentFactory.create_batch(30, council=hillford, personal_adviser=pa)
    assert count_queries() == few


def test_detail_is_audited(client_for, assessor, hillford_parent):
    response = client_for(assessor).get(f"/staff/parents/{hillford_parent.public_id}/")
    assert response.status_code == 200
    [event] = _events("parent.viewed")
    assert event.actor == assessor and event.object_id == str(hillford_parent.public_id)


def test_create_writes_the_record_and_its_audit_row(client_for, pa):
    response = client_for(pa).post("/staff/parents/new/", _form(pa))
    assert response.status_code == 302
    with scopes_disabled():
        parent = Parent.objects.get(family_name="Morrow")
    assert parent.council == pa.council and parent.parent_role == "father"
    assert response["Location"] == f"/staff/parents/{parent.public_id}/"
    [event] = _events("parent.created")
    assert event.object_id == str(parent.public_id)


def test_double_submission_creates_one_record(client_for, pa):
    client = client_for(pa)
    data = _form(pa)
    first = client.post("/staff/parents/new/", data)
    second = client.post("/staff/parents/new/", data)
    with scopes_disabled():
        assert Parent.objects.filter(family_name="Morrow").count() == 1
    assert first["Location"] == second["Location"]
    assert len(_events("parent.created")) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"given_name": ""}, "Enter the parent&#x27;s first name"),
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, "real date"),
        ({"date_of_birth_year": "2099"}, "Date of birth must be in the past"),
        ({"parent_role": "uncle"}, "Select a valid choice"),
        ({"given_name": "Kai\x00"}, "Null characters are not allowed"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(client_for, pa, overrides, message):
    response = client_for(pa).post("/staff/parents/new/", _form(pa, **overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert 'value="Morrow"' in body  # what was typed is kept
    with scopes_disabled():
        assert not Parent.objects.exists()


def test_another_councils_adviser_cannot_be_chosen(client_for, pa, other_pa):
    response = client_for(pa).post("/staff/parents/new/", _form(pa, personal_adviser=other_pa.pk))
    assert "Select a valid choice" in response.content.decode()


def test_edit_saves_and_audits_changed_fields(client_for, pa, hillford_parent):
    url = f"/staff/parents/{hillford_parent.public_id}/edit/"
    data = _form(pa, given_name="Jamie", family_name="Rivers-Hart", version="1")
    response = client_for(pa).post(url, data)
    assert response.status_code == 302
    hillford_parent.refresh_from_db()
    assert hillford_parent.family_name == "Rivers-Hart" and hillford_parent.version == 2
    [event] = _events("parent.updated")
    assert "family_name" in event.detail["fields"]


def test_concurrent_edit_is_detected_and_nothing_is_overwritten(
    client_for, pa, manager, hillford_parent
):
    url = f"/staff/parents/{hillford_parent.public_id}/edit/"
    # Both open the form at version 1; the manager saves first.
    assert client_for(manager).post(url, _form(pa, family_name="Rivers-Manager", version="1"))[
        "Location"
    ]
    response = client_for(pa).post(url, _form(pa, family_name="Rivers-Adviser", version="1"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record while you were editing it" in body
    assert "Rivers-Manager" in body and 'value="Rivers-Adviser"' in body
    hillford_parent.refresh_from_db()
    assert hillford_parent.family_name == "Rivers-Manager"
    # Saving again, having seen the other version, is a deliberate choice and goes through.
    response = client_for(pa).post(url, _form(pa, family_name="Rivers-Adviser", version="2"))
    assert response.status_code == 302
    hillford_parent.refresh_from_db()
    assert hillford_parent.family_name == "Rivers-Adviser" and hillford_parent.version == 3


def test_missing_version_is_a_conflict_not_an_error(client_for, pa, hillford_parent):
    url = f"/staff/parents/{hillford_parent.public_id}/edit/"
    response = client_for(pa).post(url, _form(pa, family_name="Changed", version=""))
    assert response.status_code == 200
    hillford_parent.refresh_from_db()
    assert hillford_parent.family_name == "Rivers"


def test_garbage_id_in_the_url_is_a_404(client_for, pa):
    assert client_for(pa).get(f"/staff/parents/{uuid.uuid4()}/").status_code == 404
