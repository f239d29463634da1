"""Staff members' working weeks and leave: their own page, and the council administrator's."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.audit.models import AuditEvent
from parent_charter.availability.contributions import contact_panel
from parent_charter.availability.models import Absence, WorkingPattern
from parent_charter.parents.models import Parent
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import date_fields, events

from .factories import AbsenceFactory, give_week

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def week(working: dict, phone: str = "07700 900461", version: str = "") -> dict:
    """POST data: `working` maps a day name to (starts, finishes)."""
    data = {"work_phone": phone, "version": version}
    for day in DAYS:
        starts, ends = working.get(day, ("", ""))
        data[f"{day}_works"] = "yes" if day in working else "no"
        data[f"{day}_starts_at"] = starts
        data[f"{day}_ends_at"] = ends
    return data


def pattern_of(user):
    with scope(council=user.council_id):
        return WorkingPattern.objects.prefetch_related("days").filter(user=user).first()


PART_TIME = {
    "monday": ("09:00", "17:00"),
    "tuesday": ("09:00", "17:00"),
    "wednesday": ("09:30", "15:00"),
}


def test_a_first_visit_starts_from_the_office_hours(client_for, pa, office_hours):
    body = client_for(pa).get("/contact-now/hours/").content.decode()
    assert "No working hours have been saved yet" in body
    assert 'value="16:30"' in body  # Friday's office close, offered as a start


def test_an_adviser_saves_their_part_time_week(client_for, pa, office_hours):
    response = client_for(pa).post("/contact-now/hours/", week(PART_TIME))
    assert response.status_code == 302
    pattern = pattern_of(pa)
    assert pattern.work_phone == "07700 900461"
    assert [(d.weekday, d.starts_at, d.ends_at) for d in pattern.days.all()] == [
        (0, datetime.time(9), datetime.time(17)),
        (1, datetime.time(9), datetime.time(17)),
        (2, datetime.time(9, 30), datetime.time(15)),
    ]
    (event,) = events("contact.hours.updated")
    assert event.detail == {
        "weekdays": ["monday", "tuesday", "wednesday"],
        "phone_changed": True,
        "own": True,
    }
    assert "07700" not in str(event.detail)

    # Changing one day records only that day.
    again = week({**PART_TIME, "wednesday": ("09:00", "17:00")}, version=str(pattern.version))
    assert client_for(pa).post("/contact-now/hours/", again).status_code == 302
    assert events("contact.hours.updated")[-1].detail["weekdays"] == ["wednesday"]


@pytest.mark.parametrize(
    ("working", "phone", "message"),
    [
        ({"monday": ("", "17:00")}, "", "Enter the time you start on Monday"),
        ({"tuesday": ("13:00", "09:00")}, "", "The time you finish on Tuesday must be after"),
        ({"friday": ("9 o'clock", "17:00")}, "", "Enter a real time on Friday"),
        ({}, "call me", "Enter a telephone number"),
    ],
)
def test_mistakes_are_shown_next_to_the_field(
    client_for, pa, office_hours, working, phone, message
):
    response = client_for(pa).post("/contact-now/hours/", week(working, phone=phone))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "govuk-error-summary" in body and "govuk-error-message" in body
    assert pattern_of(pa) is None


def test_times_typed_for_a_day_off_are_ignored(client_for, pa, office_hours):
    data = week({"monday": ("09:00", "17:00")})
    data["tuesday_starts_at"] = "nonsense"
    assert client_for(pa).post("/contact-now/hours/", data).status_code == 302
    assert [d.weekday for d in pattern_of(pa).days.all()] == [0]


def test_two_editors_at_once_are_told_and_nothing_is_lost(
    client_for, pa, council_admin, office_hours
):
    with scope(council=office_hours.pk):
        give_week(pa, {0: (datetime.time(9), datetime.time(17))})
    opened_at = str(pattern_of(pa).version)
    admin_page = f"/contact-now/staff/{pa.public_id}/"
    saved = client_for(council_admin).post(admin_page, week(PART_TIME, version=opened_at))
    assert saved.status_code == 302
    mine = client_for(pa).post(
        "/contact-now/hours/", week({"thursday": ("10:00", "14:00")}, version=opened_at)
    )
    assert mine.status_code == 200
    body = mine.content.decode()
    assert "Someone else changed this record while you were editing it" in body
    assert "Thursday" in body  # the rows that differ are shown
    assert [d.weekday for d in pattern_of(pa).days.all()] == [0, 1, 2]


def test_leave_is_added_once_and_removed(client_for, pa, office_hours):
    client = client_for(pa)
    today = timezone.localdate()
    token = str(uuid.uuid4())
    data = {
        "form_token": token,
        **date_fields("first_day", today + datetime.timedelta(days=7)),
        **date_fields("last_day", today + datetime.timedelta(days=11)),
    }
    assert client.post("/contact-now/hours/leave/", data).status_code == 302
    assert client.post("/contact-now/hours/leave/", data).status_code == 302
    with scope(council=office_hours.pk):
        (absence,) = Absence.objects.filter(user=pa)
    assert events("contact.leave.added")[0].detail == {"days": 5, "own": True}

    page = client.get("/contact-now/hours/").content.decode()
    assert (today + datetime.timedelta(days=7)).strftime("%-d %B %Y") in page

    removed = client.post("/contact-now/hours/leave/remove/", {"absence": absence.public_id})
    assert removed.status_code == 302
    with scope(council=office_hours.pk):
        assert not Absence.objects.filter(user=pa).exists()
    assert len(events("contact.leave.removed")) == 1


def test_leave_dates_are_checked(client_for, pa, office_hours):
    today = timezone.localdate()
    cases = [
        (today + datetime.timedelta(days=5), today + datetime.timedelta(days=2), "on or after"),
        (today - datetime.timedelta(days=9), today - datetime.timedelta(days=2), "today or in"),
        (today, today + datetime.timedelta(days=400), "up to a year"),
    ]
    for first, last, message in cases:
        data = {**date_fields("first_day", first), **date_fields("last_day", last)}
        response = client_for(pa).post("/contact-now/hours/leave/", data)
        assert response.status_code == 200
        assert message in response.content.decode()
    with scope(council=office_hours.pk):
        assert not Absence.objects.exists()


def test_no_one_removes_someone_elses_leave_from_their_own_page(
    client_for, pa, manager, office_hours
):
    with scope(council=office_hours.pk):
        absence = AbsenceFactory(user=manager)
    response = client_for(pa).post(
        "/contact-now/hours/leave/remove/", {"absence": absence.public_id}
    )
    assert response.status_code == 404
    with scope(council=office_hours.pk):
        assert Absence.objects.filter(pk=absence.pk).exists()


def test_the_administrator_sees_and_sets_every_advisers_hours(
    client_for, council_admin, pa, manager, partner_worker, office_hours
):
    body = client_for(council_admin).get("/contact-now/staff/").content.decode()
    assert pa.full_name in body and manager.full_name in body
    assert partner_worker.full_name not in body
    assert "Not recorded" in body

    page = f"/contact-now/staff/{pa.public_id}/"
    assert client_for(council_admin).get(page).status_code == 200
    assert len(events("contact.staff_hours.viewed")) == 1
    assert client_for(council_admin).post(page, week(PART_TIME)).status_code == 302
    pattern = pattern_of(pa)
    assert pattern.updated_by == council_admin
    assert events("contact.hours.updated")[0].detail["own"] is False

    leave = {
        **date_fields("first_day", timezone.localdate()),
        **date_fields("last_day", timezone.localdate()),
    }
    assert client_for(council_admin).post(f"{page}leave/", leave).status_code == 302
    listing = client_for(council_admin).get("/contact-now/staff/").content.decode()
    assert "Away today" in listing
    assert "Monday, 9:00 to 17:00" in listing


def test_a_partner_worker_is_not_staff_whose_hours_are_kept(
    client_for, council_admin, partner_worker, office_hours
):
    response = client_for(council_admin).get(f"/contact-now/staff/{partner_worker.public_id}/")
    assert response.status_code == 404


def test_the_staff_list_costs_the_same_whatever_the_team_size(
    client_for, council_admin, pa, office_hours
):
    client = client_for(council_admin)
    with scope(council=office_hours.pk):
        give_week(pa, {0: (datetime.time(9), datetime.time(17))})
        AbsenceFactory(user=pa, first_day=timezone.localdate(), last_day=timezone.localdate())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/contact-now/staff/").status_code == 200
        return len(queries)

    first = count()
    with scope(council=office_hours.pk):
        for n in range(4):
            user = UserFactory(council=office_hours, roles=[Role.PERSONAL_ADVISER])
            TOTPDeviceFactory(user=user)
            give_week(user, {n: (datetime.time(9), datetime.time(17))})
            AbsenceFactory(
                user=user,
                first_day=timezone.localdate(),
                last_day=timezone.localdate() + datetime.timedelta(days=n),
            )
    assert count() == first


def test_the_portal_panel_names_the_adviser_at_work(pa, hillford_parent, office_hours):
    with scope(council=office_hours.pk):
        give_week(pa, {d: (datetime.time(0, 1), datetime.time(23, 59)) for d in range(7)})
        parent = Parent.objects.select_related("council", "personal_adviser").get(
            pk=hillford_parent.pk
        )
        request = RequestFactory().get("/my/")
        moment = datetime.datetime(2026, 6, 16, 11, 0, tzinfo=datetime.UTC)
        import time_machine

        with time_machine.travel(moment, tick=False):
            section = contact_panel(request, parent)
    assert section["answer"].name == pa.full_name
    assert section["slug"] == "hillford"
    assert not AuditEvent.objects.exists()
