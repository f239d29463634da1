"""Eligibility: support ends at the offer's age limit, counted as the offer says."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parent_charter.parents.eligibility import (
    BEFORE_BIRTHDAY,
    ELIGIBLE,
    ENDED,
    ENDING_SOON,
    THROUGH_AGE,
    birthday,
    date_of_birth_cutoffs,
    eligibility,
)

DOB = datetime.date(2001, 6, 15)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (datetime.date(2026, 6, 13), ENDING_SOON),  # two days before the 25th birthday
        (datetime.date(2026, 6, 14), ENDING_SOON),  # the last day of support
        (datetime.date(2026, 6, 15), ENDED),  # the 25th birthday: support has ended
        (datetime.date(2026, 6, 16), ENDED),
        (datetime.date(2025, 12, 14), ELIGIBLE),  # the day before the six-month warning
        (datetime.date(2025, 12, 15), ENDING_SOON),  # the warning starts
    ],
)
def test_up_to_the_age_of_25_either_side_of_the_birthday(today, status):
    result = eligibility(DOB, age=25, boundary=BEFORE_BIRTHDAY, warning_months=6, today=today)
    assert result.status == status
    assert result.ends_on == datetime.date(2026, 6, 15)
    assert result.last_day == datetime.date(2026, 6, 14)


def test_through_age_includes_the_whole_25th_year():
    result = eligibility(DOB, age=25, boundary=THROUGH_AGE, today=datetime.date(2026, 6, 15))
    assert result.status == ELIGIBLE and result.ends_on == datetime.date(2027, 6, 15)
    assert result.last_day == datetime.date(2027, 6, 14)


def test_the_age_limit_and_warning_are_settings():
    result = eligibility(DOB, age=21, warning_months=3, today=datetime.date(2022, 3, 15))
    assert result.ends_on == datetime.date(2022, 6, 15) and result.status == ENDING_SOON
    assert result.warn_from == datetime.date(2022, 3, 15)


def test_leap_day_birthdays():
    assert birthday(datetime.date(2004, 2, 29), 25) == datetime.date(2029, 3, 1)
    assert birthday(datetime.date(2004, 2, 29), 24) == datetime.date(2028, 2, 29)


@given(
    dob=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2012, 12, 31)),
    today=st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2040, 12, 31)),
    boundary=st.sampled_from([BEFORE_BIRTHDAY, THROUGH_AGE]),
)
def test_database_cutoffs_agree_with_the_rule(dob, today, boundary):
    """The caseload filters by date of birth in SQL; it must match the row-by-row rule."""

    class Offer:
        eligibility_age = 25
        eligibility_boundary = boundary
        eligibility_warning_months = 6

    ended_cutoff, ending_cutoff = date_of_birth_cutoffs(offer=Offer, today=today)
    result = eligibility(dob, boundary=boundary, today=today)
    assert (dob <= ended_cutoff) == (result.status == ENDED) or dob.month == 2 and dob.day == 29
    if result.status != ENDED:
        assert (
            (dob <= ending_cutoff) == (result.status == ENDING_SOON)
            or (dob.month == 2 and dob.day == 29)
            or today.day > 28
        )
