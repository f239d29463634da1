"""When support under a council's offer ends for a parent, and when to warn their adviser.

The age limit and how it is counted are settings of the council's offer (the charter says "up
to the age of 25"; some councils say "under 25", others include the 25th year).
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

BEFORE_BIRTHDAY = "before_birthday"
THROUGH_AGE = "through_age"

ELIGIBLE = "eligible"
ENDING_SOON = "ending_soon"
ENDED = "ended"
STATUS_LABELS = {
    ELIGIBLE: _("Eligible"),
    ENDING_SOON: _("Support ending soon"),
    ENDED: _("Support has ended"),
}


def birthday(date_of_birth: datetime.date, age: int) -> datetime.date:
    """The date someone reaches `age`. Born on 29 February: 1 March in other years."""
    year = date_of_birth.year + age
    if date_of_birth.month == 2 and date_of_birth.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 3, 1)
    return date_of_birth.replace(year=year)


def months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Eligibility:
    ends_on: datetime.date  # the first day without support
    warn_from: datetime.date
    status: str

    @property
    def last_day(self) -> datetime.date:
        return self.ends_on - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def has_ended(self) -> bool:
        return self.status == ENDED


def support_ends_on(
    date_of_birth: datetime.date, *, age: int = 25, boundary: str = BEFORE_BIRTHDAY
) -> datetime.date:
    """The first day without support: the birthday at the age limit, or the one after it."""
    return birthday(date_of_birth, age if boundary == BEFORE_BIRTHDAY else age + 1)


def eligibility(
    date_of_birth: datetime.date,
    *,
    age: int = 25,
    boundary: str = BEFORE_BIRTHDAY,
    warning_months: int = 6,
    today: datetime.date,
) -> Eligibility:
    ends_on = support_ends_on(date_of_birth, age=age, boundary=boundary)
    warn_from = months_before(ends_on, warning_months)
    if today >= ends_on:
        status = ENDED
    elif today >= warn_from:
        status = ENDING_SOON
    else:
        status = ELIGIBLE
    return Eligibility(ends_on=ends_on, warn_from=warn_from, status=status)


def eligibility_for(parent, *, offer, today: datetime.date) -> Eligibility:
    """A parent's eligibility under their council's offer (the charter's defaults if none)."""
    if offer is None:
        return eligibility(parent.date_of_birth, today=today)
    return eligibility(
        parent.date_of_birth,
        age=offer.eligibility_age,
        boundary=offer.eligibility_boundary,
        warning_months=offer.eligibility_warning_months,
        today=today,
    )


def date_of_birth_cutoffs(*, offer, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(born on or before X: support ended; born on or before Y: ending soon) for queries.

    Lets a caseload filter by eligibility in the database instead of row by row.
    """
    age = offer.eligibility_age if offer else 25
    boundary = offer.eligibility_boundary if offer else BEFORE_BIRTHDAY
    months = offer.eligibility_warning_months if offer else 6
    years = age if boundary == BEFORE_BIRTHDAY else age + 1
    ended = _minus_years(today, years)
    ending = _minus_years(_warning_horizon(today, months), years)
    return ended, ending


def _minus_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year - years, day=28)


def _warning_horizon(today: datetime.date, months: int) -> datetime.date:
    """The latest end date whose warning has started by `today`.

    The warning starts `months` before the end, on the same day of the month or that month's
    last day; so on the last day of a month every end date up to the last day of the target
    month is already being warned about.
    """
    target = months_before(today, -months)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        return target.replace(day=calendar.monthrange(target.year, target.month)[1])
    return target
