"""Bank holidays and working days, offline, in England, Wales, Scotland and Northern Ireland."""

import datetime

import pytest
import requests
from django.utils import translation

from parent_charter.availability import calendar
from parent_charter.availability.calendar import (
    UnknownNation,
    add_working_days,
    bank_holidays,
    holiday_on,
    is_working_day,
)

D = datetime.date


def test_england_2026_has_easter_monday_and_the_late_may_holiday():
    days = {h.date: h.name_en for h in bank_holidays("england", 2026)}
    assert days[D(2026, 4, 6)] == "Easter Monday"
    assert days[D(2026, 5, 25)] == "Spring bank holiday"
    assert days[D(2026, 12, 25)] == "Christmas Day"
    assert len(days) == 8


def test_wales_shares_the_list_and_has_welsh_names():
    easter = holiday_on(D(2026, 4, 6), "wales")
    assert easter.name_cy == "Dydd Llun y Pasg"
    with translation.override("cy"):
        assert easter.name == "Dydd Llun y Pasg"
        assert holiday_on(D(2026, 5, 4), "wales").name == "Gŵyl Banc Calan Mai"
    with translation.override("en"):
        assert easter.name == "Easter Monday"


def test_a_substitute_day_says_so():
    boxing = holiday_on(D(2026, 12, 28), "england")
    assert boxing.substitute
    with translation.override("en"):
        assert boxing.name == "Boxing Day (substitute day)"
    with translation.override("cy"):
        assert boxing.name == "Gŵyl San Steffan (diwrnod amgen)"


def test_scotland_and_northern_ireland_have_their_own_days():
    assert holiday_on(D(2026, 1, 2), "scotland") is not None
    assert holiday_on(D(2026, 1, 2), "england") is None
    assert holiday_on(D(2026, 3, 17), "northern_ireland").name_en == "St Patrick’s Day"


def test_years_beyond_govuks_copy_come_from_the_rules_with_govuks_names():
    days = {h.date: h for h in bank_holidays("england", 2032)}
    # Christmas 2032 is a Saturday: the days off are Monday 27 and Tuesday 28 December.
    assert D(2032, 12, 25) not in days
    assert days[D(2032, 12, 27)].name_en == "Christmas Day"
    assert days[D(2032, 12, 27)].substitute
    assert days[D(2032, 5, 3)].name_en == "Early May bank holiday"
    assert days[D(2032, 5, 3)].name_cy == "Gŵyl Banc Calan Mai"
    assert len(days) == 8


def test_the_network_is_never_touched(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the bank holiday calendar must not download anything")

    monkeypatch.setattr(requests, "get", refuse)
    calendar._govuk.cache_clear()
    calendar._year.cache_clear()
    calendar._by_date.cache_clear()
    try:
        assert holiday_on(D(2027, 3, 29), "wales").name_en == "Easter Monday"
    finally:
        calendar._govuk.cache_clear()
        calendar._year.cache_clear()
        calendar._by_date.cache_clear()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 6, 16), True),  # a Tuesday
        (D(2026, 6, 20), False),  # a Saturday
        (D(2026, 6, 21), False),  # a Sunday
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 12, 25), False),  # Christmas Day
        (D(2026, 12, 28), False),  # Boxing Day's substitute
    ],
)
def test_working_days(day, working):
    assert is_working_day(day, "england") is working
    assert is_working_day(day, "wales") is working


def test_ten_working_days_from_a_friday_is_the_friday_a_fortnight_later():
    assert add_working_days(D(2026, 6, 5), 10, "england") == D(2026, 6, 19)


def test_working_days_skip_christmas_and_new_year():
    # 21, 22, 23, 24, 29, 30, 31 December, then 4, 5, 6 January.
    assert add_working_days(D(2026, 12, 18), 10, "wales") == D(2027, 1, 6)


def test_counting_from_a_weekend_or_holiday_starts_on_the_next_working_day():
    assert add_working_days(D(2026, 6, 20), 1, "england") == D(2026, 6, 22)
    assert add_working_days(D(2026, 4, 3), 1, "england") == D(2026, 4, 7)


def test_scotland_counts_its_own_holidays():
    assert add_working_days(D(2025, 12, 31), 1, "england") == D(2026, 1, 2)
    assert add_working_days(D(2025, 12, 31), 1, "scotland") == D(2026, 1, 5)


def test_zero_days_and_bad_input():
    assert add_working_days(D(2026, 6, 20), 0, "england") == D(2026, 6, 20)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 6, 20), -1, "england")
    with pytest.raises(UnknownNation):
        add_working_days(D(2026, 6, 20), 3, "cornwall")
