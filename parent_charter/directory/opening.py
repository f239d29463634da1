"""Is a service open at a moment, when does it next open, and its opening times in words.

Times are UK wall-clock times (Europe/London): the UK profile drops HSDS's `timezone`, and a
fixed UTC offset would be wrong for half the year. The rules understood are the ones the
profile keeps: WEEKLY or MONTHLY, with `interval` (every other week needs `dtstart`), `byday`
(MONTHLY days may carry an ordinal: 2TU is the second Tuesday, -1FR the last Friday) and
`bymonthday` (negative counts from the month's end), limited by `valid_from`/`valid_to`.
A schedule with no rule and a date range is a dated exception (models.Schedule): on a date
any exception covers, the exceptions alone decide.

These functions take schedules already loaded (prefetched), and never query.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.core.welsh import on_day

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)
# Whole sentences per ordinal, so that Welsh can place the day where its grammar needs it.
ORDINAL_DAY = {
    1: gettext_lazy("The first %(day)s of each month"),
    2: gettext_lazy("The second %(day)s of each month"),
    3: gettext_lazy("The third %(day)s of each month"),
    4: gettext_lazy("The fourth %(day)s of each month"),
    5: gettext_lazy("The fifth %(day)s of each month"),
    -1: gettext_lazy("The last %(day)s of each month"),
    -2: gettext_lazy("The second to last %(day)s of each month"),
}


def parse_byday(byday: str) -> list[tuple[int | None, int]]:
    """ "2TU,-1FR,MO" -> [(2, 1), (-1, 4), (None, 0)]: (ordinal or None, weekday)."""
    parts = []
    for raw in (byday or "").upper().replace(" ", "").split(","):
        if len(raw) < 2 or raw[-2:] not in DAY_CODES:
            continue
        prefix = raw[:-2]
        try:
            ordinal = int(prefix) if prefix not in ("", "+") else None
        except ValueError:
            continue
        parts.append((ordinal, DAY_CODES.index(raw[-2:])))
    return parts


def parse_bymonthday(bymonthday: str) -> list[int]:
    days = []
    for raw in (bymonthday or "").replace(" ", "").split(","):
        try:
            number = int(raw)
        except ValueError:
            continue
        if number != 0 and -31 <= number <= 31:
            days.append(number)
    return days


def _in_validity(schedule, day: datetime.date) -> bool:
    if schedule.valid_from and day < schedule.valid_from:
        return False
    return not (schedule.valid_to and day > schedule.valid_to)


def _nth_weekday_matches(day: datetime.date, ordinal: int, weekday: int) -> bool:
    if day.weekday() != weekday:
        return False
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (days_in_month - day.day) // 7 + 1 == -ordinal


def _monthday_matches(day: datetime.date, number: int) -> bool:
    if number > 0:
        return day.day == number
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return day.day == days_in_month + number + 1


def _interval_matches(schedule, day: datetime.date, unit: str) -> bool:
    interval = schedule.interval or 1
    if interval <= 1 or not schedule.dtstart:
        return True
    if unit == "week":
        start_week = schedule.dtstart - datetime.timedelta(days=schedule.dtstart.weekday())
        this_week = day - datetime.timedelta(days=day.weekday())
        return ((this_week - start_week).days // 7) % interval == 0
    months = (day.year - schedule.dtstart.year) * 12 + day.month - schedule.dtstart.month
    return months % interval == 0


def is_exception(schedule) -> bool:
    return not schedule.freq and not schedule.byday and schedule.valid_from is not None


def occurs_on(schedule, day: datetime.date) -> bool:
    """Whether a regular (rule-based) schedule applies on this date."""
    if is_exception(schedule) or not _in_validity(schedule, day):
        return False
    if schedule.dtstart and day < schedule.dtstart:
        return False
    freq = schedule.freq or ("WEEKLY" if schedule.byday else "")
    if freq == "WEEKLY":
        days = [weekday for _ordinal, weekday in parse_byday(schedule.byday)]
        if not days:
            days = [schedule.dtstart.weekday()] if schedule.dtstart else []
        return day.weekday() in days and _interval_matches(schedule, day, "week")
    if freq == "MONTHLY":
        if not _interval_matches(schedule, day, "month"):
            return False
        byday = parse_byday(schedule.byday)
        monthdays = parse_bymonthday(schedule.bymonthday)
        if byday and any(
            _nth_weekday_matches(day, ordinal, weekday)
            if ordinal is not None
            else day.weekday() == weekday
            for ordinal, weekday in byday
        ):
            return True
        return any(_monthday_matches(day, number) for number in monthdays)
    return False


def exceptions_on(schedules, day: datetime.date) -> list:
    return [s for s in schedules if is_exception(s) and _in_validity(s, day)]


def _spans(schedule) -> tuple[datetime.time, datetime.time | None] | None:
    """(opens, closes) with closes None meaning "past midnight"; None without times."""
    if schedule.opens_at is None or schedule.closes_at is None:
        return None
    if schedule.closes_at <= schedule.opens_at:
        return schedule.opens_at, None
    return schedule.opens_at, schedule.closes_at


def _open_during(schedules_today, schedules_yesterday, moment: datetime.time) -> bool:
    for schedule in schedules_today:
        span = _spans(schedule)
        if span and span[0] <= moment and (span[1] is None or moment < span[1]):
            return True
    for schedule in schedules_yesterday:
        span = _spans(schedule)
        # A session that closes after midnight carries on into the next morning.
        if span and span[1] is None and moment < schedule.closes_at:
            return True
    return False


def applicable_on(schedules, day: datetime.date) -> list:
    """The schedules that decide opening on this date: its exceptions, or else its rules."""
    exceptions = exceptions_on(schedules, day)
    if exceptions:
        return exceptions
    return [s for s in schedules if occurs_on(s, day)]


def is_open_at(schedules, moment: datetime.datetime) -> bool:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    today, now = local.date(), local.time()
    yesterday = today - datetime.timedelta(days=1)
    return _open_during(applicable_on(schedules, today), applicable_on(schedules, yesterday), now)


@dataclass(frozen=True)
class OpeningState:
    open_now: bool
    next_change: datetime.datetime | None  # when it closes (if open) or next opens (if closed)


def opening_state(schedules, moment: datetime.datetime, horizon_days: int = 35) -> OpeningState:
    """Open now or not, and when that changes next, looking at most `horizon_days` ahead."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    open_now = is_open_at(schedules, local)
    tz = local.tzinfo
    for offset in range(-1, horizon_days + 1):
        day = local.date() + datetime.timedelta(days=offset)
        for schedule in sorted(
            applicable_on(schedules, day), key=lambda s: s.opens_at or datetime.time()
        ):
            span = _spans(schedule)
            if span is None:
                continue
            opens = datetime.datetime.combine(day, span[0], tzinfo=tz)
            closes_day = day if span[1] is not None else day + datetime.timedelta(days=1)
            closes = datetime.datetime.combine(closes_day, schedule.closes_at, tzinfo=tz)
            if open_now and opens <= local < closes:
                return OpeningState(True, closes)
            if not open_now and opens > local:
                return OpeningState(False, opens)
    return OpeningState(open_now, None)


def format_time(value: datetime.time) -> str:
    return formats.time_format(value, "g:i a")


def format_date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def join_words(items: list[str]) -> str:
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _times(schedule) -> str:
    if schedule.opens_at is None or schedule.closes_at is None:
        return ""
    return _("%(opens)s to %(closes)s") % {
        "opens": format_time(schedule.opens_at),
        "closes": format_time(schedule.closes_at),
    }


def _when(schedule) -> str:
    freq = schedule.freq or ("WEEKLY" if schedule.byday else "")
    byday = parse_byday(schedule.byday)
    if freq == "WEEKLY":
        days = join_words([DAY_NAMES[weekday] for _ordinal, weekday in byday])
        if not days and schedule.dtstart:
            days = str(DAY_NAMES[schedule.dtstart.weekday()])
        if (schedule.interval or 1) == 2:
            return _("Every other week: %(days)s") % {"days": days}
        if (schedule.interval or 1) > 2:
            return _("Every %(weeks)s weeks: %(days)s") % {
                "weeks": schedule.interval,
                "days": days,
            }
        return _("Every week: %(days)s") % {"days": days}
    if freq == "MONTHLY":
        parts = []
        for ordinal, weekday in byday:
            day_name = DAY_NAMES[weekday]
            if ordinal in ORDINAL_DAY:
                parts.append(str(ORDINAL_DAY[ordinal] % {"day": day_name}))
            else:
                parts.append(_("Every %(day)s") % {"day": day_name})
        monthdays = parse_bymonthday(schedule.bymonthday)
        if monthdays:
            parts.append(
                _("Day %(days)s of each month")
                % {"days": join_words([str(n) if n > 0 else f"{n}" for n in monthdays])}
            )
        return "; ".join(parts) or str(_("Every month"))
    return ""


def describe(schedule) -> str:
    """One schedule in words, in the active language: "Every week: Monday and Friday, 9:00 a.m.
    to 5:00 p.m." or "Closed from 24 December 2026 to 1 January 2027"."""
    if is_exception(schedule):
        start, end = schedule.valid_from, schedule.valid_to or schedule.valid_from
        if schedule.opens_at is None:
            if start == end:
                return _("Closed on %(date)s") % {"date": format_date(start)}
            return _("Closed from %(start)s to %(end)s") % {
                "start": format_date(start),
                "end": format_date(end),
            }
        if start == end:
            return _("On %(date)s only: %(times)s") % {
                "date": format_date(start),
                "times": _times(schedule),
            }
        return _("From %(start)s to %(end)s only: %(times)s") % {
            "start": format_date(start),
            "end": format_date(end),
            "times": _times(schedule),
        }
    when, times = _when(schedule), _times(schedule)
    if not when:
        return times
    sentence = _("%(when)s, %(times)s") % {"when": when, "times": times} if times else when
    if schedule.valid_from and schedule.valid_to:
        sentence = _("%(rule)s (from %(start)s to %(end)s)") % {
            "rule": sentence,
            "start": format_date(schedule.valid_from),
            "end": format_date(schedule.valid_to),
        }
    elif schedule.valid_from:
        sentence = _("%(rule)s (from %(start)s)") % {
            "rule": sentence,
            "start": format_date(schedule.valid_from),
        }
    elif schedule.valid_to:
        sentence = _("%(rule)s (until %(end)s)") % {
            "rule": sentence,
            "end": format_date(schedule.valid_to),
        }
    return sentence


def describe_change(state: OpeningState, moment: datetime.datetime) -> str:
    """ "Closes at 5:00 p.m." / "Opens at 9:00 a.m. on Tuesday 3 March"."""
    if state.next_change is None:
        return ""
    local_now = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    change = state.next_change
    time_text = format_time(change.time())
    if change.date() == local_now.date():
        if state.open_now:
            return _("Closes at %(time)s today") % {"time": time_text}
        return _("Opens at %(time)s today") % {"time": time_text}
    # The Welsh says "ar" before the day, which mutates it: "ar ddydd Llun 7 Rhagfyr".
    day_text = on_day(f"{DAY_NAMES[change.weekday()]} {formats.date_format(change, 'j F')}")
    if state.open_now:
        return _("Closes at %(time)s on %(day)s") % {"time": time_text, "day": day_text}
    return _("Opens at %(time)s on %(day)s") % {"time": time_text, "day": day_text}
