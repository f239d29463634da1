"""Adding to and correcting a care history: the parent's adviser and the managers only,
audited without the words written, and never silently overwriting someone else's edit."""

import datetime

import pytest
from django_scopes import scopes_disabled

from parent_charter.assessments_care_history.models import CareHistory, CareHistoryEntry
from tests.helpers import date_fields, events, today

from .helpers import MARKER, sealed_history


def _add(parent, kind):
    return f"/staff/assessments/care-history/{parent.public_id}/add/{kind}/"


def _edit(entry):
    return f"/staff/assessments/care-history/entries/{entry.public_id}/edit/"


def _token(client, url) -> str:
    body = client.get(url).content.decode()
    return body.split('name="form_token" value="', 1)[1].split('"', 1)[0]


def _entries(parent) -> list[CareHistoryEntry]:
    with scopes_disabled():
        return list(CareHistoryEntry.objects.filter(history__parent=parent))


def _period(**overrides):
    data = {
        **date_fields("from_date", datetime.date(2012, 6, 12)),
        **date_fields("to_date", datetime.date(2015, 3, 1)),
        "placement_type": "foster",
        "placing_authority": "Eastmere Council",
        "details": "With the same carers for three years.",
    }
    data.update(overrides)
    return data


def test_the_first_entry_starts_the_history(client_for, pa, hillford_parent):
    client = client_for(pa)
    url = _add(hillford_parent, "period")
    response = client.post(url, {"form_token": _token(client, url), **_period()})
    assert response.status_code == 302
    assert response["Location"] == f"/staff/assessments/care-history/{hillford_parent.public_id}/"
    [entry] = _entries(hillford_parent)
    assert entry.kind == "period" and entry.placement_type == "foster"
    assert entry.from_date == datetime.date(2012, 6, 12) and entry.recorded_by == pa
    with scopes_disabled():
        assert CareHistory.objects.get(parent=hillford_parent).created_by == pa
    [event] = events("care_history.entry.added")
    assert event.detail == {
        "entry": str(entry.public_id),
        "kind": "period",
        "history_started": True,
    }
    assert "three years" not in str(event.detail)
    # Opening the form showed the history's page, so it counts as an opening.
    assert events("care_history.viewed")[0].detail == {
        "access": "normal",
        "form": "care_history.entry.add",
    }


@pytest.mark.parametrize(
    ("kind", "data", "shown"),
    [
        ("reason", {"details": "Her mother was too unwell to look after her."}, "too unwell"),
        (
            "event",
            {**date_fields("from_date", datetime.date(2016, 9, 1)), "details": MARKER},
            "7Q3X",
        ),
        ("note", {"details": "She wants to see her records one day."}, "records one day"),
    ],
)
def test_each_kind_of_entry(client_for, manager, hillford_parent, kind, data, shown):
    client = client_for(manager)
    url = _add(hillford_parent, kind)
    assert client.post(url, {"form_token": _token(client, url), **data}).status_code == 302
    [entry] = _entries(hillford_parent)
    assert entry.kind == kind and entry.placement_type == ""
    page = client.get(f"/staff/assessments/care-history/{hillford_parent.public_id}/")
    assert shown.replace("'", "&#x27;") in page.content.decode()


def test_a_double_submit_adds_one_entry(client_for, pa, hillford_parent):
    client = client_for(pa)
    url = _add(hillford_parent, "note")
    data = {"form_token": _token(client, url), "details": "Just once."}
    client.post(url, data)
    client.post(url, data)
    assert len(_entries(hillford_parent)) == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (date_fields("from_date", None), "from_date", "Enter the date the placement began"),
        ({"placement_type": ""}, "placement_type", "Select the type of placement"),
        (
            date_fields("from_date", datetime.date(2001, 1, 1)),
            "from_date",
            "The date must be on or after the parent&#x27;s birth",
        ),
        (
            date_fields("to_date", datetime.date(2011, 1, 1)),
            "to_date",
            "The end date must be on or after the start",
        ),
        (
            date_fields("to_date", today() + datetime.timedelta(days=5)),
            "to_date",
            "The date must be today or in the past",
        ),
        ({"from_date_day": "31", "from_date_month": "2"}, "from_date", "Enter a real date"),
        ({"placing_authority": "x" * 201}, "placing_authority", "200 characters or fewer"),
    ],
)
def test_mistakes_are_shown_next_to_the_field(
    client_for, pa, hillford_parent, changes, field, message
):
    client = client_for(pa)
    url = _add(hillford_parent, "period")
    response = client.post(url, {"form_token": _token(client, url), **_period(**changes)})
    assert response.status_code == 200
    body = response.content.decode()
    error = body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert _entries(hillford_parent) == []


def test_a_note_needs_words(client_for, pa, hillford_parent):
    client = client_for(pa)
    url = _add(hillford_parent, "note")
    response = client.post(url, {"form_token": _token(client, url), "details": " "})
    assert "Enter the details" in response.content.decode()


def test_an_unknown_kind_is_not_found(client_for, pa, hillford_parent):
    assert client_for(pa).get(_add(hillford_parent, "gossip")).status_code == 404


def test_correcting_an_entry(client_for, pa, hillford_parent):
    history = sealed_history(hillford_parent)
    with scopes_disabled():
        entry = history.entries.get()
    client = client_for(pa)
    assert client.get(_edit(entry)).status_code == 200
    response = client.post(_edit(entry), {"version": "1", **_period(placement_type="kinship")})
    assert response.status_code == 302
    [entry] = _entries(hillford_parent)
    assert entry.placement_type == "kinship" and entry.version == 2
    [event] = events("care_history.entry.updated")
    assert event.detail == {
        "entry": str(entry.public_id),
        "kind": "period",
        "changed": ["placement_type", "placing_authority", "details"],
    }


def test_a_stale_correction_shows_the_conflict(client_for, pa, manager, hillford_parent):
    history = sealed_history(hillford_parent)
    with scopes_disabled():
        entry = history.entries.get()
    theirs, mine = _period(details="Morgan's words"), _period(details="Priya's words")
    client_for(manager).post(_edit(entry), {"version": "1", **theirs})
    response = client_for(pa).post(_edit(entry), {"version": "1", **mine})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record" in body
    assert "Morgan&#x27;s words" in body and "Priya&#x27;s words" in body
    assert _entries(hillford_parent)[0].details == "Morgan's words"
    assert len(events("care_history.entry.updated")) == 1


def test_the_assessor_cannot_add_or_change(client_for, assessor, hillford_parent):
    history = sealed_history(hillford_parent)
    with scopes_disabled():
        entry = history.entries.get()
    client = client_for(assessor)
    assert client.get(_add(hillford_parent, "note")).status_code == 403
    assert client.post(_edit(entry), {"version": "1", **_period()}).status_code == 403
    assert _entries(hillford_parent)[0].version == 1


def test_another_councils_entry_is_not_found(client_for, other_pa, hillford_parent):
    history = sealed_history(hillford_parent)
    with scopes_disabled():
        entry = history.entries.get()
    client = client_for(other_pa)
    assert client.get(_edit(entry)).status_code == 404
    assert client.get(_add(hillford_parent, "note")).status_code == 404
