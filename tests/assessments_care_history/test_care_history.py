"""The sealed care history: who opens it normally, the break-glass with a written reason, the
time limit, the audit trail, the managers' notification and the list the parent will read."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.assessments_care_history.contributions import care_history_section
from parent_charter.assessments_care_history.models import AccessKind, CareHistoryAccess
from parent_charter.assessments_care_history.selectors import SESSION_GRANTS
from parent_charter.notifications.models import StaffNotification
from tests.factories import ParentFactory, TOTPDeviceFactory, UserFactory
from tests.helpers import events

from .factories import CareHistoryAccessFactory
from .helpers import (
    MARKER,
    REASON,
    break_glass_url,
    care_history_url,
    openings_url,
    parent_page,
    sealed_history,
    section,
)


def _openings(parent) -> list[CareHistoryAccess]:
    with scopes_disabled():
        return list(CareHistoryAccess.objects.filter(parent=parent).order_by("opened_at", "pk"))


def _break_glass(client, parent, reason=REASON):
    form = client.get(break_glass_url(parent)).content.decode()
    token = form.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    return client.post(break_glass_url(parent), {"form_token": token, "reason": reason})


# --- Who opens it in the normal way ------------------------------------------------------------


@pytest.mark.parametrize("who", ["pa", "manager"])
def test_the_parents_adviser_and_a_manager_open_it(client_for, cast, hillford_parent, who):
    sealed_history(hillford_parent)
    response = client_for(cast[who]).get(care_history_url(hillford_parent))
    assert response.status_code == 200
    assert MARKER in response.content.decode()
    [event] = events("care_history.viewed")
    assert event.actor == cast[who] and event.detail == {"access": "normal"}
    assert event.object_id == str(hillford_parent.public_id)
    [opening] = _openings(hillford_parent)
    assert opening.kind == AccessKind.NORMAL and opening.reason == ""
    assert opening.role == {"pa": "personal_adviser", "manager": "team_manager"}[who]
    # Nobody is told about a normal opening.
    with scopes_disabled():
        assert not StaffNotification.objects.exists()


def test_repeated_normal_openings_within_half_an_hour_are_one_visit(
    client_for, pa, hillford_parent
):
    sealed_history(hillford_parent)
    client = client_for(pa)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.get(care_history_url(hillford_parent))
        clock.shift(datetime.timedelta(minutes=10))
        client.get(care_history_url(hillford_parent))
        assert len(_openings(hillford_parent)) == 1
        clock.shift(datetime.timedelta(minutes=25))
        client.get(care_history_url(hillford_parent))
    assert len(_openings(hillford_parent)) == 2
    # Every opening is in the audit trail, however the list groups them.
    assert len(events("care_history.viewed")) == 3


def test_another_adviser_of_the_same_council_is_refused(client_for, hillford, hillford_parent):
    sealed_history(hillford_parent)
    covering = UserFactory(council=hillford, full_name="Cai Cover", roles=["personal_adviser"])
    TOTPDeviceFactory(user=covering)
    response = client_for(covering).get(care_history_url(hillford_parent))
    assert response.status_code == 403
    assert MARKER not in response.content.decode()


# --- The assessor is refused, then opens it with a reason --------------------------------------


def test_the_assessor_is_refused_without_a_reason(client_for, assessor, hillford_parent):
    sealed_history(hillford_parent)
    response = client_for(assessor).get(care_history_url(hillford_parent))
    assert response.status_code == 403
    body = response.content.decode()
    assert MARKER not in body
    assert "This care history is sealed" in body
    assert break_glass_url(hillford_parent) in body
    [denied] = events("access.denied")
    assert denied.actor == assessor and denied.detail["sealed"] is True
    assert events("care_history.viewed") == [] and _openings(hillford_parent) == []


def test_the_assessor_opens_it_with_a_written_reason(client_for, assessor, hillford_parent):
    sealed_history(hillford_parent)
    client = client_for(assessor)
    form = client.get(break_glass_url(hillford_parent))
    assert form.status_code == 200
    assert "the parent will be able to see who opened it and why" in form.content.decode()
    assert MARKER not in form.content.decode()

    response = _break_glass(client, hillford_parent)
    assert response.status_code == 302
    assert response["Location"] == care_history_url(hillford_parent)
    page = client.get(care_history_url(hillford_parent))
    assert page.status_code == 200
    body = page.content.decode()
    assert MARKER in body and "You opened this sealed record with a reason" in body
    # A break-glass reader may read but never change the history.
    assert "/add/period/" not in body and "/edit/" not in body

    [opening] = _openings(hillford_parent)
    assert opening.kind == AccessKind.BREAK_GLASS and opening.reason == REASON
    assert opening.opened_by == assessor and opening.role == "social_worker"
    assert opening.expires_at - opening.opened_at == datetime.timedelta(minutes=30)


def test_the_break_glass_is_audited_without_the_reason(client_for, assessor, hillford_parent):
    sealed_history(hillford_parent)
    client = client_for(assessor)
    _break_glass(client, hillford_parent)
    client.get(care_history_url(hillford_parent))
    [event] = events("care_history.break_glass")
    [opening] = _openings(hillford_parent)
    assert event.actor == assessor and event.object_id == str(hillford_parent.public_id)
    assert event.detail == {"access": str(opening.public_id), "minutes": 30}
    assert event.reason == ""
    [viewed] = events("care_history.viewed")
    assert viewed.detail == {"access": "break_glass"}
    for logged in events("care_history.break_glass") + events("care_history.viewed"):
        assert "GP records" not in str(logged.detail)


def test_the_team_managers_are_told(client_for, assessor, manager, pa, hillford, hillford_parent):
    sealed_history(hillford_parent)
    second = UserFactory(council=hillford, full_name="Mo Second", roles=["team_manager"])
    UserFactory(council=hillford, full_name="Gone Manager", roles=["team_manager"], is_active=False)
    _break_glass(client_for(assessor), hillford_parent)
    with scopes_disabled():
        told = list(StaffNotification.objects.order_by("recipient__full_name"))
    assert [n.recipient for n in told] == [second, manager]
    for notification in told:
        assert notification.kind == "assessments.care_history_break_glass"
        assert notification.url == f"/staff/parents/{hillford_parent.public_id}/#care-history"
        assert "Sian Assessor opened the sealed care history of Jamie Rivers" in notification.text
        assert "GP records" not in str(notification.params)


def test_the_manager_sees_the_notification(client_for, assessor, manager, hillford_parent):
    sealed_history(hillford_parent)
    _break_glass(client_for(assessor), hillford_parent)
    body = client_for(manager).get("/staff/notifications/").content.decode()
    assert "Sian Assessor opened the sealed care history of Jamie Rivers" in body


@pytest.mark.parametrize(
    "reason",
    ["", "   ", "Need it", "Checking things for the case file today", "x" * 60],
)
def test_a_short_or_empty_reason_is_a_form_error(client_for, assessor, hillford_parent, reason):
    sealed_history(hillford_parent)
    client = client_for(assessor)
    response = _break_glass(client, hillford_parent, reason=reason)
    assert response.status_code == 200
    body = response.content.decode()
    error = body.split('id="id_reason-error"', 1)[1].split("</p>", 1)[0]
    assert "Write" in error
    assert "There is a problem" in body
    assert _openings(hillford_parent) == [] and events("care_history.break_glass") == []
    with scopes_disabled():
        assert not StaffNotification.objects.exists()
    assert client.get(care_history_url(hillford_parent)).status_code == 403


def test_a_reason_that_is_too_long_is_a_form_error(client_for, assessor, hillford_parent):
    sealed_history(hillford_parent)
    response = _break_glass(client_for(assessor), hillford_parent, reason="word " * 300)
    assert "The reason must be 1,000 characters or fewer" in response.content.decode()


def test_sending_the_reason_twice_opens_it_once(client_for, assessor, manager, hillford_parent):
    sealed_history(hillford_parent)
    client = client_for(assessor)
    form = client.get(break_glass_url(hillford_parent)).content.decode()
    token = form.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    for _attempt in range(2):
        response = client.post(
            break_glass_url(hillford_parent), {"form_token": token, "reason": REASON}
        )
        assert response.status_code == 302
    assert len(_openings(hillford_parent)) == 1
    with scopes_disabled():
        assert StaffNotification.objects.count() == 1


def test_the_grant_expires_after_thirty_minutes(client_for, assessor, hillford_parent):
    sealed_history(hillford_parent)
    client = client_for(assessor)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _break_glass(client, hillford_parent)
        clock.shift(datetime.timedelta(minutes=20))
        assert client.get(care_history_url(hillford_parent)).status_code == 200
        clock.shift(datetime.timedelta(minutes=11))
        # Still signed in (used 11 minutes ago), but the grant has run out.
        response = client.get(care_history_url(hillford_parent))
        assert response.status_code == 403
        assert "This care history is sealed" in response.content.decode()
        # A new reason opens it again, and is listed and told again.
        _break_glass(client, hillford_parent, reason=REASON + " Second look at the dates.")
        assert client.get(care_history_url(hillford_parent)).status_code == 200
    assert len(_openings(hillford_parent)) == 2
    assert len(events("care_history.break_glass")) == 2


def test_the_grant_belongs_to_the_session(client_for, assessor, hillford_parent):
    sealed_history(hillford_parent)
    client = client_for(assessor)
    _break_glass(client, hillford_parent)
    session = client.session
    assert session[SESSION_GRANTS]
    session[SESSION_GRANTS] = []
    session.save()
    assert client.get(care_history_url(hillford_parent)).status_code == 403


def test_a_grant_for_one_parent_does_not_open_another(client_for, assessor, hillford):
    with scope(council=hillford.pk):
        first, second = ParentFactory(council=hillford), ParentFactory(council=hillford)
    sealed_history(first)
    sealed_history(second)
    client = client_for(assessor)
    _break_glass(client, first)
    assert client.get(care_history_url(first)).status_code == 200
    assert client.get(care_history_url(second)).status_code == 403


def test_a_grant_is_read_only(client_for, assessor, hillford_parent):
    history = sealed_history(hillford_parent)
    client = client_for(assessor)
    _break_glass(client, hillford_parent)
    with scopes_disabled():
        entry = history.entries.get()
    add = f"/staff/assessments/care-history/{hillford_parent.public_id}/add/note/"
    assert client.get(add).status_code == 403
    assert (
        client.get(f"/staff/assessments/care-history/entries/{entry.public_id}/edit/").status_code
        == 403
    )


def test_there_is_nothing_to_open_without_a_history(client_for, assessor, hillford_parent):
    client = client_for(assessor)
    body = client.get(break_glass_url(hillford_parent)).content.decode()
    assert "there is nothing to open" in body and 'name="reason"' not in body
    response = client.post(break_glass_url(hillford_parent), {"reason": REASON})
    assert response.status_code == 200
    assert _openings(hillford_parent) == []


def test_the_adviser_needs_no_reason(client_for, pa, hillford_parent):
    sealed_history(hillford_parent)
    response = client_for(pa).get(break_glass_url(hillford_parent))
    assert response.status_code == 302
    assert response["Location"] == care_history_url(hillford_parent)


@pytest.mark.parametrize("who", ["partner_worker", "analyst", "council_admin", "coordinator"])
def test_other_roles_cannot_even_give_a_reason(client_for, cast, hillford_parent, who):
    sealed_history(hillford_parent)
    client = client_for(cast[who])
    for url in (care_history_url(hillford_parent), break_glass_url(hillford_parent)):
        assert client.get(url).status_code == 403
    assert client.post(break_glass_url(hillford_parent), {"reason": REASON}).status_code == 403
    assert _openings(hillford_parent) == []


def test_another_councils_history_is_not_found(
    client_for, other_pa, assessor, manager, hillford_parent, eastmere_parent
):
    """Olu (Eastmere) does not find Hillford's parent, nor Hillford's staff Eastmere's."""
    sealed_history(hillford_parent)
    sealed_history(eastmere_parent)
    attempts = [
        (other_pa, hillford_parent),
        (assessor, eastmere_parent),
        (manager, eastmere_parent),
    ]
    for person, parent in attempts:
        client = client_for(person)
        for url in (care_history_url(parent), break_glass_url(parent), openings_url(parent)):
            assert client.get(url).status_code == 404
        assert client.post(break_glass_url(parent), {"reason": REASON}).status_code == 404
    assert _openings(hillford_parent) == [] and _openings(eastmere_parent) == []


# --- The list on the parent's record -----------------------------------------------------------


def test_the_opening_is_listed_on_the_parents_record(
    client_for, assessor, manager, pa, hillford_parent
):
    sealed_history(hillford_parent)
    _break_glass(client_for(assessor), hillford_parent)
    client_for(pa).get(care_history_url(hillford_parent))
    for reader in (manager, pa, assessor):
        listing = section(
            client_for(reader).get(parent_page(hillford_parent)).content.decode(), "care-history"
        )
        assert "Sian Assessor" in listing and "Social worker or assessor" in listing
        assert "With a reason" in listing and "GP records can be" in listing
        assert "Priya Adviser" in listing and "Normal access" in listing
        assert MARKER not in listing


def test_the_section_offers_each_person_their_way_in(
    client_for, pa, assessor, manager, hillford_parent
):
    sealed_history(hillford_parent)
    mine = section(
        client_for(pa).get(parent_page(hillford_parent)).content.decode(), "care-history"
    )
    assert "As this parent's personal adviser you can open it" in mine
    assert (
        care_history_url(hillford_parent) in mine and break_glass_url(hillford_parent) not in mine
    )
    theirs = section(
        client_for(assessor).get(parent_page(hillford_parent)).content.decode(), "care-history"
    )
    assert "You cannot open this care history in the normal way" in theirs
    assert break_glass_url(hillford_parent) in theirs
    assert "Nobody has opened it." in theirs
    # Looking at the parent's page opened nothing.
    assert events("care_history.viewed") == [] and _openings(hillford_parent) == []
    _break_glass(client_for(assessor), hillford_parent)
    after = section(
        client_for(assessor).get(parent_page(hillford_parent)).content.decode(), "care-history"
    )
    assert "Your access ends at" in after and care_history_url(hillford_parent) in after


def test_a_parent_without_a_history(client_for, pa, assessor, hillford_parent):
    mine = section(
        client_for(pa).get(parent_page(hillford_parent)).content.decode(), "care-history"
    )
    assert "No care history has been recorded" in mine and "Start the care history" in mine
    theirs = section(
        client_for(assessor).get(parent_page(hillford_parent)).content.decode(), "care-history"
    )
    assert "No care history has been recorded" in theirs
    assert break_glass_url(hillford_parent) not in theirs


def test_the_full_list_of_openings(client_for, assessor, hillford, hillford_parent):
    sealed_history(hillford_parent)
    with scope(council=hillford.pk):
        for index in range(12):
            CareHistoryAccessFactory(
                parent=hillford_parent,
                opened_by=assessor,
                role="social_worker",
                kind="break_glass",
                reason=f"Reason number {index} for opening it",
                expires_at=timezone.now(),
            )
    client = client_for(assessor)
    listing = section(client.get(parent_page(hillford_parent)).content.decode(), "care-history")
    assert listing.count("Reason number") == 10
    assert "See all 12 openings" in listing
    response = client.get(openings_url(hillford_parent))
    assert response.status_code == 200
    assert response.content.decode().count("Reason number") == 12
    [event] = events("care_history.openings.viewed")
    assert event.detail == {"shown": 12}


@pytest.mark.parametrize("who", ["partner_worker", "analyst", "council_admin", "coordinator"])
def test_other_roles_cannot_read_the_openings(client_for, cast, hillford_parent, who):
    assert client_for(cast[who]).get(openings_url(hillford_parent)).status_code == 403
    body = client_for(cast["pa"]).get(parent_page(hillford_parent)).content.decode()
    assert 'id="care-history"' in body


# --- Query counts ------------------------------------------------------------------------------


def _many_openings(parent, user, count):
    with scope(council=parent.council_id):
        for _index in range(count):
            CareHistoryAccessFactory(parent=parent, opened_by=user)


@pytest.mark.parametrize("via", ["section", "page", "openings"])
def test_the_openings_cost_the_same_however_many(client_for, manager, pa, hillford, via):
    with scope(council=hillford.pk):
        one = ParentFactory(council=hillford, personal_adviser=pa)
        many = ParentFactory(council=hillford, personal_adviser=pa)
    for parent, count in ((one, 1), (many, 15)):
        sealed_history(parent, entries=count)
        _many_openings(parent, pa, count)
    client = client_for(manager)
    request = RequestFactory().get("/")
    request.user = manager
    request.session = {}

    def count(parent):
        with CaptureQueriesContext(connection) as queries:
            if via == "page":
                body = client.get(parent_page(parent)).content.decode()
                assert "Priya Adviser" in section(body, "care-history")
            elif via == "openings":
                assert client.get(openings_url(parent)).status_code == 200
            else:
                with scope(council=hillford.pk):
                    assert care_history_section(request, parent)["openings"]
        return len(queries)

    count(one)
    assert count(one) == count(many)


def test_the_history_page_costs_the_same_however_many_entries(client_for, manager, hillford):
    with scope(council=hillford.pk):
        one, many = ParentFactory(council=hillford), ParentFactory(council=hillford)
    sealed_history(one, entries=1)
    sealed_history(many, entries=20)
    client = client_for(manager)

    def count(parent):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(care_history_url(parent)).status_code == 200
        return len(queries)

    count(one)
    count(many)  # the first opening of each adds a row to the list; compare later visits
    assert count(one) == count(many)
