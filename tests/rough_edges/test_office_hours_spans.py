"""Office hours allow more than one span a day, so a lunch closure can be recorded, and a
second span is kept beside the first, never written over it: in the council administrator's
form, in the offer file and import, in who to contact now and on the pages that list hours."""

import datetime
import zoneinfo

import pytest
import yaml
from django.utils import translation
from django_scopes import scope

from parent_charter.authorities.models import OfficeHours
from parent_charter.availability.selectors import office_cover
from parent_charter.availability.services import DUTY, EMERGENCY, who_to_contact
from parent_charter.charter.catalogue import CatalogueError
from parent_charter.offers.offer_file import DATA_DIR, load_offer_file
from parent_charter.offers.offer_import import apply_offer_file
from tests.offers.test_manage_views import DAYS, contacts_data

LONDON = zoneinfo.ZoneInfo("Europe/London")
T = datetime.time


def spans(council) -> dict:
    rows = OfficeHours.objects.filter(council=council).order_by("weekday", "opens_at")
    result = {}
    for row in rows:
        result.setdefault(row.weekday, []).append(
            (row.opens_at.strftime("%H:%M"), row.closes_at.strftime("%H:%M"))
        )
    return result


@pytest.fixture
def admin(client_for, council_admin):
    return client_for(council_admin)


def lunch_form(council, **changes):
    hours = dict.fromkeys(DAYS[:5], ("09:00", "17:00"))
    data = contacts_data(council, hours, monday_break_starts="12:30", monday_break_ends="13:30")
    data.update(changes)
    return data


def test_admin_records_a_lunch_closure_as_two_spans(admin, hillford):
    response = admin.post("/staff/local-offer/contacts/", lunch_form(hillford))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert spans(hillford)[0] == [("09:00", "12:30"), ("13:30", "17:00")]
    assert spans(hillford)[1] == [("09:00", "17:00")]
    # The form shows the break again, and saving it unchanged changes no day.
    page = admin.get("/staff/local-offer/contacts/").content.decode()
    assert 'name="monday_break_starts" value="12:30"' in page
    assert 'name="monday_break_ends" value="13:30"' in page
    hillford.refresh_from_db()
    admin.post("/staff/local-offer/contacts/", lunch_form(hillford))
    assert spans(hillford)[0] == [("09:00", "12:30"), ("13:30", "17:00")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"monday_break_ends": ""}, "Enter both times of the break on Monday, or neither"),
        (
            {"monday_break_starts": "13:30", "monday_break_ends": "12:30"},
            "The office must open again on Monday after the break starts",
        ),
        (
            {"monday_break_starts": "08:00", "monday_break_ends": "09:30"},
            "The break on Monday must be between the time the office opens and closes",
        ),
        ({"monday_break_starts": "lunch"}, "Enter a real time on Monday, like 09:00 or 17:30"),
    ],
)
def test_a_wrong_break_gets_a_message(admin, hillford, changes, message):
    response = admin.post("/staff/local-offer/contacts/", lunch_form(hillford, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OfficeHours.objects.filter(council=hillford).exists()


def test_who_to_contact_knows_the_office_is_closed_over_lunch(hillford):
    for opens, closes in ((T(9), T(12, 30)), (T(13, 30), T(17))):
        OfficeHours.objects.create(council=hillford, weekday=0, opens_at=opens, closes_at=closes)
    monday = datetime.date(2026, 6, 15)

    def ask(hour, minute):
        moment = datetime.datetime.combine(monday, T(hour, minute), tzinfo=LONDON)
        with translation.override("en"), scope(council=hillford.pk):
            return who_to_contact(council=hillford, at=moment)

    assert ask(10, 0).kind == DUTY
    over_lunch = ask(12, 45)
    assert over_lunch.kind == EMERGENCY
    assert "closed for a break" in over_lunch.why
    assert over_lunch.next_change.sentence == "The duty line opens at 13:30 today."
    assert ask(14, 0).kind == DUTY
    assert ask(10, 0).next_change.sentence.startswith("The office closes at 12:30 today.")
    with translation.override("en"):
        [row] = office_cover(hillford)
    assert (row.days, row.hours) == ("Monday", "9:00 to 12:30, 13:30 to 17:00")


def _offer_file(tmp_path, extra_hours):
    data = yaml.safe_load((DATA_DIR / "herefordshire.yaml").read_text(encoding="utf-8"))
    data["council"]["office_hours"] += extra_hours
    path = tmp_path / "herefordshire.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_an_offer_file_keeps_both_spans_of_a_day(tmp_path, db):
    data = yaml.safe_load((DATA_DIR / "herefordshire.yaml").read_text(encoding="utf-8"))
    data["council"]["office_hours"] = [
        {"day": "monday", "opens": "09:00", "closes": "12:30"},
        {"day": "monday", "opens": "13:30", "closes": "17:00"},
    ]
    path = tmp_path / "herefordshire.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    from django.core.management import call_command

    call_command("load_charter", stdout=__import__("io").StringIO())
    council = apply_offer_file(load_offer_file(path))
    assert spans(council) == {0: [("09:00", "12:30"), ("13:30", "17:00")]}
    # Importing again changes nothing, and neither span replaces the other.
    apply_offer_file(load_offer_file(path))
    assert spans(council) == {0: [("09:00", "12:30"), ("13:30", "17:00")]}


def test_an_offer_file_refuses_overlapping_or_a_third_span(tmp_path):
    overlapping = _offer_file(tmp_path, [{"day": "monday", "opens": "16:00", "closes": "18:00"}])
    with pytest.raises(CatalogueError, match="the two times overlap"):
        load_offer_file(overlapping)
    third = _offer_file(
        tmp_path,
        [
            {"day": "saturday", "opens": "09:00", "closes": "10:00"},
            {"day": "saturday", "opens": "11:00", "closes": "12:00"},
            {"day": "saturday", "opens": "13:00", "closes": "14:00"},
        ],
    )
    with pytest.raises(CatalogueError, match="already listed twice"):
        load_offer_file(third)
