"""Opening rules: weekly and monthly rules, dated exceptions, and the words the public reads."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from parent_charter.directory import opening
from parent_charter.directory.models import Schedule

LONDON = zoneinfo.ZoneInfo("Europe/London")
NINE, FIVE = datetime.time(9, 0), datetime.time(17, 0)


def at(year, month, day, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def weekly(byday="MO,TU,WE,TH,FR", opens=NINE, closes=FIVE, **extra) -> Schedule:
    return Schedule(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes, **extra)


def closed(start, end=None, description="") -> Schedule:
    return Schedule(valid_from=start, valid_to=end or start, description=description)


# 2026-12-24 is a Thursday.
CHRISTMAS = closed(datetime.date(2026, 12, 24), datetime.date(2027, 1, 1))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 12, 23, 9, 0), True),  # Wednesday, opening time
        (at(2026, 12, 23, 16, 59), True),
        (at(2026, 12, 23, 17, 0), False),  # closing time is closed
        (at(2026, 12, 19, 11), False),  # Saturday
        (at(2026, 12, 24, 11), False),  # Christmas Eve: the exception wins
        (at(2027, 1, 1, 11), False),  # the last day of the exception
        (at(2027, 1, 4, 11), True),  # Monday after
    ],
)
def test_weekly_rule_with_a_christmas_closure(moment, expected):
    assert opening.is_open_at([weekly(), CHRISTMAS], moment) is expected


def test_special_opening_on_a_date_replaces_the_rule_that_day():
    special = Schedule(
        valid_from=datetime.date(2026, 12, 28),
        valid_to=datetime.date(2026, 12, 28),
        opens_at=datetime.time(10, 0),
        closes_at=datetime.time(12, 0),
    )
    rules = [weekly(), CHRISTMAS, special]
    assert opening.is_open_at(rules, at(2026, 12, 28, 11)) is True
    assert opening.is_open_at(rules, at(2026, 12, 28, 13)) is False
    assert opening.is_open_at(rules, at(2026, 12, 29, 11)) is False


def test_every_other_week_counts_from_its_first_date():
    fortnightly = weekly("TU", interval=2, dtstart=datetime.date(2026, 3, 3))
    assert opening.is_open_at([fortnightly], at(2026, 3, 3)) is True
    assert opening.is_open_at([fortnightly], at(2026, 3, 10)) is False
    assert opening.is_open_at([fortnightly], at(2026, 3, 17)) is True
    assert opening.is_open_at([fortnightly], at(2026, 2, 24)) is False  # before it started


def test_monthly_rules_by_weekday_and_by_date():
    second_tuesday = Schedule(freq="MONTHLY", byday="2TU", opens_at=NINE, closes_at=FIVE)
    last_friday = Schedule(freq="MONTHLY", byday="-1FR", opens_at=NINE, closes_at=FIVE)
    first_and_fifteenth = Schedule(
        freq="MONTHLY", bymonthday="1,15,-1", opens_at=NINE, closes_at=FIVE
    )
    assert opening.is_open_at([second_tuesday], at(2026, 3, 10)) is True
    assert opening.is_open_at([second_tuesday], at(2026, 3, 3)) is False
    assert opening.is_open_at([last_friday], at(2026, 3, 27)) is True
    assert opening.is_open_at([last_friday], at(2026, 3, 20)) is False
    for day in (1, 15, 31):
        assert opening.is_open_at([first_and_fifteenth], at(2026, 3, day)) is True
    assert opening.is_open_at([first_and_fifteenth], at(2026, 3, 30)) is False


def test_a_session_past_midnight_carries_into_the_next_morning():
    late = weekly("FR", opens=datetime.time(20, 0), closes=datetime.time(2, 0))
    assert opening.is_open_at([late], at(2026, 3, 6, 23)) is True
    assert opening.is_open_at([late], at(2026, 3, 7, 1, 30)) is True
    assert opening.is_open_at([late], at(2026, 3, 7, 2, 30)) is False


def test_rules_apply_only_in_their_season():
    summer = weekly(valid_from=datetime.date(2026, 7, 20), valid_to=datetime.date(2026, 8, 28))
    assert opening.is_open_at([summer], at(2026, 7, 20)) is True
    assert opening.is_open_at([summer], at(2026, 9, 1)) is False


def test_opening_state_says_when_it_changes():
    rules = [weekly(), CHRISTMAS]
    state = opening.opening_state(rules, at(2026, 12, 23, 10))
    assert state.open_now and state.next_change == at(2026, 12, 23, 17)
    state = opening.opening_state(rules, at(2026, 12, 23, 18))
    assert not state.open_now and state.next_change == at(2027, 1, 4, 9)
    with translation.override("en"):
        assert opening.describe_change(state, at(2026, 12, 23, 18)) == (
            "Opens at 9:00 a.m. on Monday 4 January"
        )


@pytest.mark.parametrize(
    ("schedule", "english"),
    [
        (weekly("MO,WE"), "Every week: Monday and Wednesday, 9:00 a.m. to 5:00 p.m."),
        (
            weekly("TU", interval=2, dtstart=datetime.date(2026, 3, 3)),
            "Every other week: Tuesday, 9:00 a.m. to 5:00 p.m.",
        ),
        (
            Schedule(freq="MONTHLY", byday="1TH", opens_at=NINE, closes_at=FIVE),
            "The first Thursday of each month, 9:00 a.m. to 5:00 p.m.",
        ),
        (CHRISTMAS, "Closed from 24 December 2026 to 1 January 2027"),
        (closed(datetime.date(2026, 5, 25)), "Closed on 25 May 2026"),
    ],
)
def test_opening_times_in_words(schedule, english):
    with translation.override("en"):
        assert opening.describe(schedule) == english


def test_opening_times_in_welsh():
    with translation.override("cy"):
        words = opening.describe(weekly("MO,WE"))
    assert "Bob wythnos" in words and "Dydd Llun" in words
