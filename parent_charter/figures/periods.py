"""Periods the figures cover: a month, a quarter or a year, and the ones before it."""

import datetime
import functools
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KIND_LABELS = {MONTH: _("Month"), QUARTER: _("Quarter"), YEAR: _("Year")}


def _month_start(year: int, month: int) -> datetime.date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, 1)


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    kind: str

    @property
    def months(self) -> int:
        return {MONTH: 1, QUARTER: 3, YEAR: 12}[self.kind]

    @functools.cached_property
    def end(self) -> datetime.date:
        """The last day of the period. (Kept once worked out: the figures ask it of each row.)"""
        following = _month_start(self.start.year, self.start.month + self.months)
        return following - datetime.timedelta(days=1)

    @functools.cached_property
    def slug(self) -> str:
        """2026-07, 2026-Q3 or 2026. (Kept once worked out: every count's key holds one.)"""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            from django.utils.formats import date_format

            return date_format(self.start, "F Y")
        if self.kind == QUARTER:
            return str(_("%(year)s quarter %(number)s")) % {
                "year": self.start.year,
                "number": (self.start.month - 1) // 3 + 1,
            }
        return str(self.start.year)

    def shifted(self, steps: int) -> "Period":
        return Period(
            _month_start(self.start.year, self.start.month + steps * self.months), self.kind
        )

    @property
    def previous(self) -> "Period":
        return self.shifted(-1)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def parse(text: str) -> Period:
    """A period from its slug: 2026-07, 2026-Q3 or 2026. ValueError if it is not one."""
    text = (text or "").strip().upper()
    if match := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(text)
        return Period(datetime.date(year, month, 1), MONTH)
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", text):
        return Period(datetime.date(int(match[1]), (int(match[2]) - 1) * 3 + 1, 1), QUARTER)
    if match := re.fullmatch(r"(\d{4})", text):
        return Period(datetime.date(int(match[1]), 1, 1), YEAR)
    raise ValueError(text)


def last_full_quarter(today: datetime.date) -> Period:
    current = Period(datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1), QUARTER)
    return current.previous


def choices(today: datetime.date) -> list[Period]:
    """The periods offered: full ones only, newest first (8 quarters, 12 months, 3 years)."""
    quarter = last_full_quarter(today)
    month = Period(datetime.date(today.year, today.month, 1), MONTH).previous
    year = Period(datetime.date(today.year - 1, 1, 1), YEAR)
    return (
        [quarter.shifted(-n) for n in range(8)]
        + [month.shifted(-n) for n in range(12)]
        + [year.shifted(-n) for n in range(3)]
    )


def trend_quarters(period: Period) -> list[Period]:
    """The four quarters ending with the one the period ends in, oldest first."""
    last = Period(datetime.date(period.end.year, (period.end.month - 1) // 3 * 3 + 1, 1), QUARTER)
    return [last.shifted(-n) for n in range(3, -1, -1)]
