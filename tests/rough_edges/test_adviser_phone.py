"""An adviser with no work telephone is not shown with the office's number as if it were
theirs: the number is said to be the team's, and to ask for them."""

import datetime
import zoneinfo

from django.utils import translation
from django_scopes import scope

from parent_charter.availability.services import ADVISER, who_to_contact
from tests.availability.factories import give_week

LONDON = zoneinfo.ZoneInfo("Europe/London")
MONDAY_10 = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=LONDON)
WORKDAY = {0: (datetime.time(9, 0), datetime.time(17, 0))}


def ask(council, parent):
    with translation.override("en"), scope(council=council.pk):
        return who_to_contact(council=council, at=MONDAY_10, parent=parent)


def test_an_adviser_without_a_work_phone_is_reached_through_the_team(
    office_hours, hillford_parent, pa
):
    with scope(council=office_hours.pk):
        give_week(pa, WORKDAY, phone="")
    answer = ask(office_hours, hillford_parent)
    assert answer.kind == ADVISER and answer.name == "Priya Adviser"
    assert answer.phone == office_hours.phone
    assert answer.phone_note == "This is the leaving care team's number: ask for Priya."


def test_an_adviser_with_a_work_phone_is_shown_with_it_and_no_note(
    office_hours, hillford_parent, pa
):
    with scope(council=office_hours.pk):
        give_week(pa, WORKDAY, phone="07700 900123")
    answer = ask(office_hours, hillford_parent)
    assert answer.phone == "07700 900123" and answer.phone_note == ""
