"""Parenting assessments: recorded on current information, read by case workers, edits never
lost, and nothing from the parent's sealed care history on the page."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from parent_charter.assessments_care_history.contributions import assessments_section
from parent_charter.assessments_care_history.models import ParentingAssessment
from tests.factories import ParentFactory
from tests.helpers import date_fields, events, today

from .factories import ParentingAssessmentFactory
from .helpers import MARKER, parent_page, sealed_history, section


def _add_url(parent):
    return f"/staff/assessments/add/{parent.public_id}/"


def _detail(assessment):
    return f"/staff/assessments/{assessment.public_id}/"


def _edit(assessment):
    return f"/staff/assessments/{assessment.public_id}/edit/"


def _fresh(assessment) -> ParentingAssessment:
    with scopes_disabled():
        return ParentingAssessment.objects.get(pk=assessment.pk)


def _post(person, **overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "pre_birth",
        "assessor": str(person.public_id),
        **date_fields("started_on", today() - datetime.timedelta(days=20)),
        **date_fields("completed_on", None),
        "summary": "Jamie has set up the flat for the baby and goes to every midwife visit.",
    }
    data.update(overrides)
    return data


def _assessment(parent, assessor, **fields):
    with scope(council=parent.council_id):
        return ParentingAssessmentFactory(parent=parent, assessor=assessor, **fields)


def test_an_assessor_records_an_assessment(client_for, assessor, hillford_parent):
    client = client_for(assessor)
    form = client.get(_add_url(hillford_parent))
    assert form.status_code == 200
    body = form.content.decode()
    assert "Assess the parent as they are now" in body
    # The signed-in assessor is offered as the assessor.
    assert f'value="{assessor.public_id}" selected' in body
    assert events("parent.viewed")[-1].detail == {"form": "assessment.add"}

    response = client.post(_add_url(hillford_parent), _post(assessor))
    with scopes_disabled():
        assessment = ParentingAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(assessment)
    assert assessment.kind == "pre_birth" and assessment.assessor == assessor
    assert assessment.recorded_by == assessor and assessment.outcome == ""
    [event] = events("assessment.added")
    assert event.actor == assessor and event.object_id == str(assessment.public_id)
    assert event.detail == {"kind": "pre_birth", "completed": False}


def test_sending_the_add_form_twice_records_one_assessment(client_for, assessor, hillford_parent):
    client = client_for(assessor)
    data = _post(assessor)
    first = client.post(_add_url(hillford_parent), data)
    second = client.post(_add_url(hillford_parent), data)
    assert second.status_code == 302 and second["Location"] == first["Location"]
    with scopes_disabled():
        assert ParentingAssessment.objects.count() == 1
    assert len(events("assessment.added")) == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select the kind of assessment"),
        ({"assessor": str(uuid.uuid4())}, "assessor", "Select the assessor from the list"),
        ({"summary": "  "}, "summary", "Enter a summary of the current information"),
        (date_fields("started_on", None), "started_on", "Enter the date the assessment started"),
        (
            date_fields("started_on", today() + datetime.timedelta(days=2)),
            "started_on",
            "The date must be today or in the past",
        ),
        (
            {
                **date_fields("completed_on", today() - datetime.timedelta(days=30)),
                "outcome": "support_plan",
            },
            "completed_on",
            "The date completed must be on or after the start",
        ),
        (
            {"outcome": "child_protection"},
            "completed_on",
            "Enter the date completed, or leave the outcome blank until it is",
        ),
        (
            date_fields("completed_on", today()),
            "outcome",
            "Select the outcome of the completed assessment",
        ),
        ({"outcome": "guesswork"}, "outcome", "Select an option"),
        ({"summary": "x" * 10001}, "summary", "The summary must be 10,000 characters or fewer"),
    ],
)
def test_mistakes_are_shown_next_to_the_field(
    client_for, assessor, hillford_parent, changes, field, message
):
    response = client_for(assessor).post(_add_url(hillford_parent), _post(assessor, **changes))
    assert response.status_code == 200
    body = response.content.decode()
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert "There is a problem" in body and "<title>Error:" in body
    with scopes_disabled():
        assert not ParentingAssessment.objects.exists()


def test_a_worker_of_another_council_cannot_be_named_assessor(
    client_for, assessor, other_pa, hillford_parent
):
    response = client_for(assessor).post(_add_url(hillford_parent), _post(other_pa))
    assert response.status_code == 200
    assert "Select the assessor from the list" in response.content.decode()


def test_the_page_shows_current_information_and_never_the_care_history(
    client_for, pa, assessor, manager, hillford_parent
):
    sealed_history(hillford_parent)
    assessment = _assessment(hillford_parent, assessor, summary="Warm, safe flat; baby due soon.")
    for reader in (assessor, pa, manager):
        response = client_for(reader).get(_detail(assessment))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Warm, safe flat; baby due soon." in body
        assert MARKER not in body
        assert "Sian Assessor" in body and "In progress" in body
    assert [e.actor for e in events("assessment.viewed")] == [assessor, pa, manager]
    assert events("care_history.viewed") == []


def test_the_parent_page_never_shows_the_care_history(
    client_for, pa, assessor, manager, hillford_parent
):
    sealed_history(hillford_parent)
    _assessment(hillford_parent, assessor)
    for reader in (assessor, pa, manager):
        body = client_for(reader).get(parent_page(hillford_parent)).content.decode()
        assert MARKER not in body
        assert "Parenting assessment" in section(body, "assessments")
    assert events("care_history.viewed") == []


def test_an_adviser_reads_but_does_not_record(client_for, pa, assessor, hillford_parent):
    assessment = _assessment(hillford_parent, assessor)
    client = client_for(pa)
    body = client.get(_detail(assessment)).content.decode()
    assert _edit(assessment) not in body
    assert client.get(_add_url(hillford_parent)).status_code == 403
    assert client.post(_add_url(hillford_parent), _post(assessor)).status_code == 403
    assert client.get(_edit(assessment)).status_code == 403
    page = client.get(parent_page(hillford_parent)).content.decode()
    assert _add_url(hillford_parent) not in section(page, "assessments")


@pytest.mark.parametrize("who", ["partner_worker", "analyst", "council_admin", "coordinator"])
def test_other_roles_cannot_read_assessments(client_for, cast, assessor, hillford_parent, who):
    assessment = _assessment(hillford_parent, assessor)
    assert client_for(cast[who]).get(_detail(assessment)).status_code == 403
    assert events("assessment.viewed") == []


def test_another_councils_assessment_is_not_found(
    client_for, other_pa, eastmere, assessor, hillford_parent, eastmere_parent
):
    assessment = _assessment(hillford_parent, assessor)
    assert client_for(other_pa).get(_detail(assessment)).status_code == 404
    # And Hillford's assessor cannot record one for Eastmere's parent.
    assert client_for(assessor).get(_add_url(eastmere_parent)).status_code == 404
    assert events("assessment.viewed") == []


def test_completing_an_assessment(client_for, assessor, manager, hillford_parent):
    assessment = _assessment(hillford_parent, assessor)
    client = client_for(manager)
    assert client.get(_edit(assessment)).status_code == 200
    assert events("assessment.viewed")[-1].detail == {"form": "assessment.edit"}
    data = _post(
        assessor,
        kind="parenting",
        outcome="support_plan",
        summary=assessment.summary,
        version="1",
        **date_fields("started_on", assessment.started_on),
        **date_fields("completed_on", today()),
    )
    response = client.post(_edit(assessment), data)
    assert response.status_code == 302
    assessment = _fresh(assessment)
    assert assessment.outcome == "support_plan" and assessment.completed_on == today()
    assert assessment.version == 2
    [event] = events("assessment.updated")
    assert event.detail == {"fields": ["completed_on", "outcome"]}


def test_a_stale_edit_shows_the_conflict_and_keeps_the_input(
    client_for, assessor, manager, hillford_parent
):
    assessment = _assessment(hillford_parent, assessor)
    base = _post(
        assessor,
        kind="parenting",
        version="1",
        **date_fields("started_on", assessment.started_on),
    )
    client_for(manager).post(_edit(assessment), {**base, "summary": "Manager's words."})
    response = client_for(assessor).post(_edit(assessment), {**base, "summary": "Sian's words."})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record" in body
    assert "Manager&#x27;s words." in body and "Sian&#x27;s words." in body
    assert 'name="version" value="2"' in body
    assert _fresh(assessment).summary == "Manager's words."
    assert len(events("assessment.updated")) == 1


def test_the_assessor_stays_a_choice_after_a_role_change(client_for, manager, hillford):
    from tests.factories import UserFactory

    former = UserFactory(council=hillford, full_name="Ffion Former", roles=["personal_adviser"])
    with scope(council=hillford.pk):
        parent = ParentFactory(council=hillford)
    assessment = _assessment(parent, former)
    body = client_for(manager).get(_edit(assessment)).content.decode()
    assert f'value="{former.public_id}" selected' in body


@pytest.mark.parametrize("via", ["section", "page"])
def test_the_section_query_count_does_not_grow(client_for, manager, assessor, hillford, via):
    with scope(council=hillford.pk):
        one, many = ParentFactory(council=hillford), ParentFactory(council=hillford)
    _assessment(one, assessor)
    for _index in range(8):
        _assessment(many, assessor)
    client = client_for(manager)
    request = RequestFactory().get("/")
    request.user = manager

    def count(parent):
        with CaptureQueriesContext(connection) as queries:
            if via == "page":
                body = client.get(parent_page(parent)).content.decode()
                assert "Sian Assessor" in section(body, "assessments")
            else:
                with scope(council=hillford.pk):
                    assert assessments_section(request, parent)["assessments"]
        return len(queries)

    count(one)
    assert count(one) == count(many)
