"""Who to contact now: the named moments of the issue, the adviser's week, and the clocks.

Hillford's office is open 9:00 to 17:00 Monday to Thursday and 9:00 to 16:30 on Friday
(conftest.office_hours). Every moment is fixed; nothing sleeps or reads the clock.
"""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_scopes import scope

from parent_charter.availability.services import ADVISER, DUTY, EMERGENCY, who_to_contact
from parent_charter.parents.models import Parent
from tests.factories import CouncilFactory, OfficeHoursFactory

from .factories import AbsenceFactory, give_week

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = datetime.UTC
T = datetime.time


def at(*parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=LONDON)


def ask(council, moment, parent=None):
    with translation.override("en"), scope(council=council.pk):
        return who_to_contact(council=council, at=moment, parent=parent)


# --- The named moments ------------------------------------------------------------------


def test_thursday_at_1659_the_duty_worker_until_the_office_closes(office_hours):
    answer = ask(office_hours, at(2026, 6, 18, 16, 59))
    assert answer.kind == DUTY
    assert answer.name == "Duty worker"
    assert answer.phone == "01632 960 002"
    assert not answer.is_emergency
    assert answer.until == at(2026, 6, 18, 17, 0)
    assert answer.next_change.sentence == (
        "The office closes at 17:00 today. After that, call the emergency duty team."
    )
    assert "open until 17:00" in answer.why


def test_thursday_at_1701_the_emergency_duty_team_until_friday_morning(office_hours):
    answer = ask(office_hours, at(2026, 6, 18, 17, 1))
    assert answer.kind == EMERGENCY
    assert answer.is_emergency
    assert answer.name == "Emergency duty team"
    assert answer.phone == "01632 960 003"
    assert answer.until == at(2026, 6, 19, 9, 0)
    assert answer.next_change.sentence == "The duty line opens at 9:00 tomorrow."
    assert "closed for the day" in answer.why


def test_friday_after_its_earlier_close(office_hours):
    before = ask(office_hours, at(2026, 6, 19, 16, 29))
    assert before.kind == DUTY
    assert before.until == at(2026, 6, 19, 16, 30)
    after = ask(office_hours, at(2026, 6, 19, 16, 45))
    assert after.kind == EMERGENCY
    assert after.until == at(2026, 6, 22, 9, 0)
    assert after.next_change.sentence == "The duty line opens at 9:00 on Monday."


def test_saturday(office_hours):
    answer = ask(office_hours, at(2026, 6, 20, 11, 0))
    assert answer.kind == EMERGENCY
    assert "weekend" in answer.why
    assert answer.next_change.sentence == "The duty line opens at 9:00 on Monday."


@pytest.mark.parametrize(
    ("moment", "holiday"),
    [
        (at(2026, 4, 6, 10, 0), "Easter Monday"),
        (at(2026, 5, 25, 10, 0), "Spring bank holiday"),
        (at(2026, 8, 31, 10, 0), "Summer bank holiday"),
    ],
)
def test_a_bank_holiday_monday_in_england(office_hours, moment, holiday):
    answer = ask(office_hours, moment)
    assert answer.kind == EMERGENCY
    assert f"bank holiday ({holiday})" in answer.why
    assert answer.next_change.sentence == "The duty line opens at 9:00 tomorrow."


def test_a_bank_holiday_monday_in_wales_in_welsh(db):
    cardiff = CouncilFactory(slug="caerdydd", nation="wales", welsh_required=True)
    for weekday in range(5):
        OfficeHoursFactory(council=cardiff, weekday=weekday)
    with translation.override("cy"), scope(council=cardiff.pk):
        answer = who_to_contact(council=cardiff, at=at(2026, 4, 6, 10, 0))
    assert answer.kind == EMERGENCY
    assert "Dydd Llun y Pasg" in answer.why
    assert answer.next_change.sentence == "Mae'r llinell ddyletswydd yn agor am 9:00 yfory."


def test_christmas_day_and_the_days_after(office_hours):
    answer = ask(office_hours, at(2026, 12, 25, 12, 0))
    assert answer.kind == EMERGENCY
    assert "Christmas Day" in answer.why
    # Boxing Day is a Saturday, so Monday 28 December is its substitute: closed until Tuesday.
    assert answer.until == at(2026, 12, 29, 9, 0)
    assert answer.next_change.sentence == "The duty line opens at 9:00 on Tuesday."


def test_a_change_more_than_a_week_away_gives_the_date(db):
    council = CouncilFactory(slug="mondays-only")
    OfficeHoursFactory(council=council, weekday=0)
    answer = ask(council, at(2026, 12, 28, 10, 0))  # the substitute Boxing Day
    assert answer.next_change.sentence == "The duty line opens at 9:00 on Monday 4 January."


def test_a_council_with_no_office_hours_always_answers_emergency_with_no_change(db):
    council = CouncilFactory(slug="never-open")
    answer = ask(council, at(2026, 6, 16, 11, 0))
    assert answer.kind == EMERGENCY
    assert answer.until is None and answer.next_change is None


# --- The clocks ---------------------------------------------------------------------------


def test_clocks_going_forward_in_march(office_hours):
    # Saturday 28 March 2026, 20:00 GMT; the clocks go forward at 1:00 on Sunday.
    answer = ask(office_hours, datetime.datetime(2026, 3, 28, 20, 0, tzinfo=UTC))
    assert answer.kind == EMERGENCY
    # Monday 9:00 is British Summer Time: 8:00 in UTC.
    assert answer.until == datetime.datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert answer.next_change.sentence == "The duty line opens at 9:00 on Monday."


def test_clocks_going_back_in_october(office_hours):
    # Friday 23 October 2026 at 18:00 BST; the clocks go back on Sunday 25 October.
    answer = ask(office_hours, at(2026, 10, 23, 18, 0))
    assert answer.until == datetime.datetime(2026, 10, 26, 9, 0, tzinfo=UTC)


def test_a_moment_given_in_utc_is_read_in_london_time(office_hours):
    # 15:59 UTC on a June Thursday is 16:59 in London: still open.
    assert ask(office_hours, datetime.datetime(2026, 6, 18, 15, 59, tzinfo=UTC)).kind == DUTY
    assert ask(office_hours, datetime.datetime(2026, 6, 18, 16, 1, tzinfo=UTC)).kind == EMERGENCY
    # In winter London is on UTC.
    assert ask(office_hours, datetime.datetime(2026, 12, 17, 16, 59, tzinfo=UTC)).kind == DUTY


def test_a_naive_moment_is_london_wall_clock_time(office_hours):
    answer = ask(office_hours, datetime.datetime(2026, 6, 18, 16, 59))
    assert answer.kind == DUTY
    assert answer.until == at(2026, 6, 18, 17, 0)


# --- The parent's adviser -----------------------------------------------------------------


@pytest.fixture
def part_time_pa(pa, office_hours):
    """Priya works part-time: Monday to Wednesday, 9:00 to 17:00."""
    with scope(council=office_hours.pk):
        give_week(pa, {d: (T(9, 0), T(17, 0)) for d in (0, 1, 2)}, phone="07700 900461")
    return pa


@pytest.fixture
def parent(hillford_parent, office_hours):
    with scope(council=office_hours.pk):
        return Parent.objects.select_related("personal_adviser", "council").get(
            pk=hillford_parent.pk
        )


def test_the_adviser_on_one_of_their_working_days(part_time_pa, parent, office_hours):
    answer = ask(office_hours, at(2026, 6, 16, 11, 0), parent)  # Tuesday
    assert answer.kind == ADVISER
    assert answer.who == "Your personal adviser"
    assert answer.name == "Priya Adviser"
    assert answer.phone == "07700 900461"
    assert answer.until == at(2026, 6, 16, 17, 0)
    assert answer.why == "Priya is at work now, until 17:00."
    assert answer.fallback.phone == "01632 960 002"
    assert answer.next_change.sentence == (
        "The office closes at 17:00 today. After that, call the emergency duty team."
    )


def test_the_part_time_advisers_day_off_goes_to_the_duty_worker(part_time_pa, parent, office_hours):
    answer = ask(office_hours, at(2026, 6, 18, 11, 0), parent)  # Thursday
    assert answer.kind == DUTY
    assert "Priya is not at work today." in answer.why
    late = ask(office_hours, at(2026, 6, 18, 18, 0), parent)
    assert late.kind == EMERGENCY
    # Friday is not one of Priya's days either: the duty line is next.
    assert late.next_change.sentence == "The duty line opens at 9:00 tomorrow."
    friday_night = ask(office_hours, at(2026, 6, 19, 20, 0), parent)
    assert friday_night.next_change.sentence == "Priya starts work at 9:00 on Monday."


def test_an_adviser_who_finishes_before_the_office_closes(pa, parent, office_hours):
    with scope(council=office_hours.pk):
        give_week(pa, {1: (T(10, 0), T(13, 0))})
    early = ask(office_hours, at(2026, 6, 16, 9, 30), parent)
    assert early.kind == DUTY
    assert early.next_change.sentence == "Priya starts work at 10:00 today."
    working = ask(office_hours, at(2026, 6, 16, 12, 0), parent)
    assert working.kind == ADVISER
    assert working.next_change.sentence == (
        "Priya finishes work at 13:00 today. After that, call the duty worker."
    )


def test_an_adviser_is_named_only_while_the_office_is_open(pa, parent, office_hours):
    with scope(council=office_hours.pk):
        give_week(pa, {d: (T(8, 0), T(18, 0)) for d in range(5)})
    assert ask(office_hours, at(2026, 6, 16, 8, 30), parent).kind == EMERGENCY
    assert ask(office_hours, at(2026, 6, 16, 9, 0), parent).kind == ADVISER
    assert ask(office_hours, at(2026, 6, 16, 17, 30), parent).kind == EMERGENCY


def test_an_adviser_on_leave_or_on_a_bank_holiday(part_time_pa, parent, office_hours):
    with scope(council=office_hours.pk):
        AbsenceFactory(
            user=part_time_pa,
            first_day=datetime.date(2026, 6, 15),
            last_day=datetime.date(2026, 6, 16),
        )
    away = ask(office_hours, at(2026, 6, 16, 11, 0), parent)
    assert away.kind == DUTY
    assert "Priya is away today." in away.why
    back = ask(office_hours, at(2026, 6, 16, 20, 0), parent)
    assert back.next_change.sentence == "Priya starts work at 9:00 tomorrow."
    assert ask(office_hours, at(2026, 4, 6, 11, 0), parent).kind == EMERGENCY


def test_an_adviser_without_recorded_hours(pa, parent, office_hours):
    answer = ask(office_hours, at(2026, 6, 16, 11, 0), parent)
    assert answer.kind == DUTY
    assert "Priya's working hours are not recorded." in answer.why


def test_a_parent_without_an_adviser(parent, office_hours):
    with scope(council=office_hours.pk):
        Parent.objects.filter(pk=parent.pk).update(personal_adviser=None)
        parent.refresh_from_db()
    answer = ask(office_hours, at(2026, 6, 16, 11, 0), parent)
    assert answer.kind == DUTY
    assert "You do not have a personal adviser at the moment." in answer.why


def test_an_adviser_without_a_work_phone_is_reached_through_the_team(pa, parent, office_hours):
    with scope(council=office_hours.pk):
        give_week(pa, {1: (T(9, 0), T(17, 0))}, phone="")
    answer = ask(office_hours, at(2026, 6, 16, 11, 0), parent)
    assert answer.phone == office_hours.phone


def test_the_answer_costs_the_same_queries_however_much_leave(part_time_pa, parent, office_hours):
    def count():
        with CaptureQueriesContext(connection) as queries:
            ask(office_hours, at(2026, 6, 16, 11, 0), parent)
        return len(queries)

    first = count()
    with scope(council=office_hours.pk):
        for offset in range(6):
            day = datetime.date(2026, 6, 22) + datetime.timedelta(days=2 * offset)
            AbsenceFactory(user=part_time_pa, first_day=day, last_day=day)
    assert count() == first <= 4
