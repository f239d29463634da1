"""Equality monitoring answers on the parent's staff page: who may see and change them, the
audit row, conflicts between two editors, and bad input."""

import re

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.parents.models import EqualityAnswers
from tests.factories import ParentFactory


@pytest.fixture
def parent(hillford, pa):
    with scope(council=hillford.pk):
        return ParentFactory(council=hillford, personal_adviser=pa)


def _url(parent):
    return f"/staff/parents/{parent.public_id}/equality/"


def _stored(parent):
    with scopes_disabled():
        return EqualityAnswers.objects.filter(parent=parent).first()


def test_an_adviser_records_answers_and_the_audit_row_names_the_fields_not_the_answers(
    client_for, pa, parent
):
    client = client_for(pa)
    page = client.get(_url(parent)).content.decode()
    # Optional, and why the council asks, on the form itself.
    assert "Answering is optional" in page
    assert "falls harder on some parents" in page
    assert "Equality Act 2010" in page
    response = client.post(
        _url(parent), {"version": "1", "ethnic_group": "mixed_white_asian", "disability": "no"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/staff/parents/{parent.public_id}/#equality")
    answers = _stored(parent)
    assert (answers.ethnic_group, answers.disability, answers.version) == (
        "mixed_white_asian",
        "no",
        2,
    )
    assert answers.ethnic_group_high == "mixed"
    with scopes_disabled():
        event = AuditEvent.objects.get(action="parent.equality.updated")
    assert event.parent_id == parent.pk and event.actor_id == pa.pk
    assert event.detail == {"fields": ["ethnic_group", "disability"], "by": "staff"}
    assert "mixed" not in str(event.detail) and "no" not in event.detail["fields"]


def test_the_parents_page_shows_the_answers_and_the_group_counted(client_for, pa, parent):
    client = client_for(pa)
    client.post(
        _url(parent),
        {
            "version": "1",
            "ethnic_group": "white_gypsy_traveller",
            "disability": "prefer_not_to_say",
        },
    )
    page = client.get(f"/staff/parents/{parent.public_id}/").content.decode()
    assert "White: Gypsy or Irish Traveller" in page
    assert "Counted in the figures as" in page
    assert "Prefer not to say" in page


def test_nothing_answered_is_recorded_as_not_asked(client_for, manager, parent):
    page = client_for(manager).get(f"/staff/parents/{parent.public_id}/").content.decode()
    assert "Not asked or not recorded" in page
    client_for(manager).post(_url(parent), {"version": "1"})
    answers = _stored(parent)
    assert (answers.ethnic_group, answers.disability) == ("not_recorded", "not_recorded")


def test_a_second_editor_at_the_old_version_sees_the_conflict_and_nothing_is_lost(
    client_for, pa, manager, parent
):
    first = client_for(pa).post(
        _url(parent), {"version": "1", "ethnic_group": "black_african", "disability": "yes"}
    )
    assert first.status_code == 302
    stale = client_for(manager).post(
        _url(parent), {"version": "1", "ethnic_group": "white_irish", "disability": "yes"}
    )
    assert stale.status_code == 200
    body = stale.content.decode()
    assert "Black, Black British, Black Welsh, Caribbean or African: African" in body  # saved
    theirs = re.search(r'<input[^>]*value="white_irish"[^>]*>', body).group(0)
    assert "checked" in theirs  # what they chose is kept, to save again if they mean it
    assert 'name="version" value="2"' in body
    answers = _stored(parent)
    assert (answers.ethnic_group, answers.version) == ("black_african", 2)
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="parent.equality.updated").count() == 1


def test_an_answer_not_on_the_list_gets_a_message_by_the_field(client_for, pa, parent):
    response = client_for(pa).post(
        _url(parent), {"version": "1", "ethnic_group": "martian", "disability": "maybe"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Select an ethnic group from the list" in body
    assert "Select yes, no, or" in body
    assert _stored(parent) is None


@pytest.mark.parametrize("who", ["assessor", "analyst", "council_admin", "partner_worker"])
def test_other_roles_may_not_see_or_change_the_answers(client_for, cast, who, parent):
    client = client_for(cast[who])
    assert client.get(_url(parent)).status_code == 403
    response = client.post(_url(parent), {"version": "1", "ethnic_group": "white_irish"})
    assert response.status_code == 403
    assert _stored(parent) is None


def test_the_assessor_does_not_see_the_section_on_the_parents_page(client_for, assessor, parent):
    page = client_for(assessor).get(f"/staff/parents/{parent.public_id}/").content.decode()
    assert 'id="equality"' not in page


def test_another_councils_adviser_gets_not_found(client_for, other_pa, parent):
    client = client_for(other_pa)
    assert client.get(_url(parent)).status_code == 404
    response = client.post(_url(parent), {"version": "1", "ethnic_group": "white_irish"})
    assert response.status_code == 404
    assert _stored(parent) is None
