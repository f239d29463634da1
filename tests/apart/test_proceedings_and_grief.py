"""Support through hearings and meetings, and with grief and loss."""

import datetime
import uuid

import pytest
from django_scopes import scopes_disabled

from parent_charter.apart.models import GriefFollowUp, GriefSupportOffer, Proceeding
from tests.helpers import date_fields, events, today

from .factories import GriefSupportOfferFactory, ProceedingFactory, child_apart
from .helpers import error_of, fresh, make


def _base(parent) -> str:
    return f"/staff/living-apart/parent/{parent.public_id}/"


def _proceeding_form(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "cp_conference",
        "kind_other": "",
        "child": "",
        **date_fields("held_on", today() + datetime.timedelta(days=14)),
        "place": "Council offices",
        "supporters": ["adviser", "advocate"],
        "other_supporter": "",
        "outcome": "",
    }
    data.update(overrides)
    return data


def _proceedings(parent):
    with scopes_disabled():
        return list(Proceeding.objects.filter(parent=parent).order_by("pk"))


def test_a_hearing_is_recorded_with_who_goes_in_support(client_for, pa, hillford_parent):
    child = make(hillford_parent.council, child_apart, parent=hillford_parent)
    response = client_for(pa).post(
        f"{_base(hillford_parent)}proceedings/add/",
        _proceeding_form(
            kind="court_hearing",
            child=str(child.public_id),
            supporters=["other", "solicitor", "adviser"],
            other_supporter="Her aunt",
        ),
    )
    assert response.status_code == 302
    [proceeding] = _proceedings(hillford_parent)
    assert proceeding.child == child and proceeding.kind == "court_hearing"
    # Stored in a fixed order, whatever order the boxes were sent in.
    assert proceeding.supporters == ["adviser", "solicitor", "other"]
    assert proceeding.other_supporter == "Her aunt"
    [event] = events("apart.proceeding.added")
    assert event.detail == {
        "kind": "court_hearing",
        "supporters": ["adviser", "other", "solicitor"],
    }
    assert "Her aunt" not in str(event.detail)
    page = client_for(pa).get(_base(hillford_parent)).content.decode()
    assert "Court hearing" in page and "Solicitor" in page and "Her aunt" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": "other"}, "kind_other", "Say what kind of meeting"),
        ({"supporters": ["other"]}, "other_supporter", "Enter the name of the other supporter"),
        ({"supporters": ["bodyguard"]}, "supporters", "Select who goes with the parent"),
        ({"child": str(uuid.uuid4())}, "child", "Select a child from the list"),
        (date_fields("held_on", None), "held_on", "Enter the date of the hearing or meeting"),
    ],
)
def test_bad_proceedings_input_is_shown_next_to_the_field(
    client_for, pa, hillford_parent, overrides, field, message
):
    response = client_for(pa).post(
        f"{_base(hillford_parent)}proceedings/add/", _proceeding_form(**overrides)
    )
    assert response.status_code == 200
    assert message in error_of(response.content.decode(), field)
    assert _proceedings(hillford_parent) == []


def test_another_parents_child_cannot_be_named(client_for, pa, hillford, hillford_parent):
    from tests.factories import ParentFactory

    someone_else = make(hillford, ParentFactory, council=hillford)
    child = make(hillford, child_apart, parent=someone_else)
    response = client_for(pa).post(
        f"{_base(hillford_parent)}proceedings/add/", _proceeding_form(child=str(child.public_id))
    )
    assert "Select a child from the list" in error_of(response.content.decode(), "child")


def test_the_outcome_is_added_afterwards(client_for, manager, hillford_parent):
    proceeding = make(hillford_parent.council, ProceedingFactory, parent=hillford_parent)
    response = client_for(manager).post(
        f"/staff/living-apart/proceedings/{proceeding.public_id}/edit/",
        {
            "version": "1",
            "kind": proceeding.kind,
            "kind_other": "",
            "child": "",
            **date_fields("held_on", proceeding.held_on),
            "place": proceeding.place,
            "supporters": proceeding.supporters,
            "other_supporter": "",
            "outcome": "Adjourned to June; contact continues meanwhile.",
        },
    )
    assert response.status_code == 302
    assert fresh(proceeding).outcome.startswith("Adjourned")
    assert events("apart.proceeding.updated")[0].detail == {"fields": ["outcome"]}


def _grief_form(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        **date_fields("offered_on", today()),
        "offered_by": "Priya Adviser",
        "kind": "peer",
        "answer": "accepted",
        "notes": "Keen to meet other parents.",
    }
    data.update(overrides)
    return data


def test_grief_support_is_offered_followed_up_and_the_answer_changed(
    client_for, pa, hillford_parent
):
    client = client_for(pa)
    form = client.get(f"{_base(hillford_parent)}grief-support/add/").content.decode()
    assert 'value="Priya Adviser"' in form, "the offer is by the adviser unless changed"
    response = client.post(f"{_base(hillford_parent)}grief-support/add/", _grief_form())
    assert response.status_code == 302
    with scopes_disabled():
        [offer] = GriefSupportOffer.objects.filter(parent=hillford_parent)
    assert (offer.kind, offer.answer) == ("peer", "accepted")
    assert events("apart.grief_support.offered")[0].detail == {
        "kind": "peer",
        "answer": "accepted",
    }

    response = client.post(
        f"/staff/living-apart/grief-support/{offer.public_id}/follow-ups/add/",
        {
            "form_token": str(uuid.uuid4()),
            **date_fields("on", today()),
            "note": "Went to the first group; will go again.",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        [follow_up] = GriefFollowUp.objects.filter(offer=offer)
    assert follow_up.recorded_by == pa

    response = client.post(
        f"/staff/living-apart/grief-support/{offer.public_id}/edit/",
        {
            "version": "1",
            **date_fields("offered_on", offer.offered_on),
            "offered_by": "Priya Adviser",
            "kind": "peer",
            "answer": "declined",
            "notes": "Decided groups are not for them.",
        },
    )
    assert response.status_code == 302
    assert fresh(offer).answer == "declined"
    page = client.get(_base(hillford_parent)).content.decode()
    assert "Went to the first group" in page and "Declined" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"offered_by": ""}, "offered_by", "Enter who offered it"),
        ({"answer": ""}, "answer", "Select the parent&#x27;s answer"),
        ({"kind": "magic"}, "kind", "Select the kind of support"),
        (
            date_fields("offered_on", today() + datetime.timedelta(days=2)),
            "offered_on",
            "today or in the past",
        ),
    ],
)
def test_bad_grief_input_is_shown_next_to_the_field(
    client_for, pa, hillford_parent, overrides, field, message
):
    response = client_for(pa).post(
        f"{_base(hillford_parent)}grief-support/add/", _grief_form(**overrides)
    )
    assert response.status_code == 200
    assert message in error_of(response.content.decode(), field)
    with scopes_disabled():
        assert not GriefSupportOffer.objects.filter(parent=hillford_parent).exists()


def test_a_follow_up_needs_what_was_said(client_for, pa, hillford_parent):
    offer = make(hillford_parent.council, GriefSupportOfferFactory, parent=hillford_parent)
    response = client_for(pa).post(
        f"/staff/living-apart/grief-support/{offer.public_id}/follow-ups/add/",
        {"form_token": str(uuid.uuid4()), **date_fields("on", today()), "note": "  "},
    )
    assert "Enter what was said or done" in error_of(response.content.decode(), "note")


def test_readers_cannot_record(client_for, assessor, hillford_parent):
    offer = make(hillford_parent.council, GriefSupportOfferFactory, parent=hillford_parent)
    client = client_for(assessor)
    assert (
        client.post(f"{_base(hillford_parent)}grief-support/add/", _grief_form()).status_code == 403
    )
    assert (
        client.get(f"/staff/living-apart/grief-support/{offer.public_id}/edit/").status_code == 403
    )
    assert events("access.denied")[0].detail["permission"] == "apart.record_living_apart"
