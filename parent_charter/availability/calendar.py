"""Bank holidays and working days in each UK nation, without touching the network.

GOV.UK publishes the bank holidays (with Welsh names) and `govuk-bank-holidays` ships a copy,
which we always read from that copy (`use_cached_holidays=True`): a request must never wait
on gov.uk, and a test must never depend on it. The copy runs a few years ahead; for the years
beyond it (or before it) the rule-based `holidays` package supplies the same days, renamed to
GOV.UK's names so that a holiday reads the same whichever source it came from.

England and Wales share one list; Scotland and Northern Ireland have their own. Nation values
are those of `authorities.Nation`.
"""

import datetime
from dataclasses import dataclass
from functools import cache

import holidays as holiday_rules
from django.utils.translation import get_language
from govuk_bank_holidays.bank_holidays import BankHolidays

_DIVISIONS = {
    "england": BankHolidays.ENGLAND_AND_WALES,
    "wales": BankHolidays.ENGLAND_AND_WALES,
    "scotland": BankHolidays.SCOTLAND,
    "northern_ireland": BankHolidays.NORTHERN_IRELAND,
}
_SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}

# The rule-based package names some days differently from GOV.UK.
_RULE_NAMES = {
    "New Year's Day": "New Year’s Day",
    "May Day": "Early May bank holiday",
    "Spring Bank Holiday": "Spring bank holiday",
    "Late Summer Bank Holiday": "Summer bank holiday",
    "Summer Bank Holiday": "Summer bank holiday",
    "St. Andrew's Day": "St Andrew’s Day",
    "Saint Andrew's Day": "St Andrew’s Day",
    "St. Patrick's Day": "St Patrick’s Day",
    "Battle of the Boyne": "Battle of the Boyne (Orangemen’s Day)",
    "New Year Holiday": "2nd January",
}
_OBSERVED = " (observed)"

# Welsh names of the regular holidays. GOV.UK's own copy has Welsh for every holiday, but a
# few of its names read as word-for-word translations ("Mai gŵyl y banc Cynnar"); these are
# the forms Welsh speakers use. One-off holidays keep GOV.UK's Welsh.
_WELSH = {
    "New Year’s Day": "Dydd Calan",
    "Good Friday": "Dydd Gwener y Groglith",
    "Easter Monday": "Dydd Llun y Pasg",
    "Early May bank holiday": "Gŵyl Banc Calan Mai",
    "Early May bank holiday (VE day)": "Gŵyl Banc Calan Mai (Diwrnod VE)",
    "Spring bank holiday": "Gŵyl Banc y Gwanwyn",
    "Summer bank holiday": "Gŵyl Banc yr Haf",
    "Christmas Day": "Dydd Nadolig",
    "Boxing Day": "Gŵyl San Steffan",
    "2nd January": "2 Ionawr",
    "St Andrew’s Day": "Dydd Sant Andreas",
    "St Patrick’s Day": "Dydd Gŵyl Padrig",
    "Battle of the Boyne (Orangemen’s Day)": "Brwydr y Boyne",
}
_SUBSTITUTE = {"en": "substitute day", "cy": "diwrnod amgen"}


@dataclass(frozen=True)
class BankHoliday:
    date: datetime.date
    name_en: str
    name_cy: str
    # A day off given in place of a holiday that fell at the weekend.
    substitute: bool = False

    @property
    def name(self) -> str:
        """The name in the active language, saying when it is a substitute day."""
        welsh = (get_language() or "en").startswith("cy")
        name = self.name_cy if welsh and self.name_cy else self.name_en
        if self.substitute:
            return f"{name} ({_SUBSTITUTE['cy' if welsh else 'en']})"
        return name


class UnknownNation(ValueError):
    pass


def _division(nation: str) -> str:
    try:
        return _DIVISIONS[nation]
    except KeyError:
        raise UnknownNation(
            f"Unknown nation {nation!r}: use one of {', '.join(_DIVISIONS)}"
        ) from None


@cache
def _govuk(locale: str | None) -> BankHolidays:
    return BankHolidays(locale=locale, use_cached_holidays=True)


@cache
def _govuk_years(division: str) -> frozenset[int]:
    """Years GOV.UK's copy covers completely: those whose Christmas holidays it lists."""
    return frozenset(
        holiday["date"].year
        for holiday in _govuk(None).get_holidays(division=division)
        if holiday["date"].month == 12 and holiday["date"].day >= 25
    )


def _from_govuk(division: str, year: int) -> list[BankHoliday]:
    english = _govuk(None).get_holidays(division=division, year=year)
    welsh = _govuk("cy").get_holidays(division=division, year=year)
    days = []
    for en, cy in zip(english, welsh, strict=True):
        substitute = en["notes"] == "Substitute day"
        days.append(
            BankHoliday(
                date=en["date"],
                name_en=en["title"],
                name_cy=_WELSH.get(en["title"], cy["title"]),
                substitute=substitute,
            )
        )
    return days


def _from_rules(nation: str, year: int) -> list[BankHoliday]:
    table = holiday_rules.UK(subdiv=_SUBDIVISIONS[nation], years=year)
    days = []
    for date, raw in sorted(table.items()):
        # GOV.UK lists only days off work: a holiday falling at the weekend appears as its
        # substitute day ("(observed)" here), so the weekend date itself is left out.
        if date.weekday() >= 5:
            continue
        substitute = raw.endswith(_OBSERVED)
        base = raw.removesuffix(_OBSERVED)
        name = _RULE_NAMES.get(base, base)
        days.append(BankHoliday(date, name, _WELSH.get(name, ""), substitute))
    return days


@cache
def _year(nation: str, year: int) -> tuple[BankHoliday, ...]:
    division = _division(nation)
    if year in _govuk_years(division):
        return tuple(_from_govuk(division, year))
    return tuple(_from_rules(nation, year))


@cache
def _by_date(nation: str, year: int) -> dict[datetime.date, BankHoliday]:
    return {holiday.date: holiday for holiday in _year(nation, year)}


def bank_holidays(nation: str, year: int) -> list[BankHoliday]:
    """The bank holidays of `nation` in `year`, in date order."""
    return list(_year(nation, year))


def holiday_on(day: datetime.date, nation: str) -> BankHoliday | None:
    return _by_date(nation, day.year).get(day)


def is_working_day(day: datetime.date, nation: str) -> bool:
    """Monday to Friday, and not a bank holiday in `nation`."""
    return day.weekday() < 5 and holiday_on(day, nation) is None


def add_working_days(start: datetime.date, days: int, nation: str) -> datetime.date:
    """The date `days` working days after `start` (which is not counted itself).

    Ten working days from a Friday is the Friday a fortnight later, or later still if bank
    holidays fall in between. A deadline counted from a weekend or a bank holiday starts
    counting on the next working day. Zero days gives `start` back.
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    _division(nation)
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day, nation):
            remaining -= 1
    return day
