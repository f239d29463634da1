"""Who to contact now, and the writes behind it (a member of staff's hours and leave).

`who_to_contact` answers for any moment, in Europe/London time (so BST and GMT are handled by
the time zone database, never by a fixed offset):

1. the parent's personal adviser, while they are at work *and* the office is open;
2. otherwise the duty worker, while the leaving-care office is open;
3. otherwise the emergency duty team: at night, at weekends, on days the office is closed and
   on the bank holidays of the council's nation.

An adviser is named only inside office hours (docs/adr/0016-who-to-contact-now.md says why):
then, if they do not answer, the duty worker is there behind them.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.audit import services as audit
from parent_charter.authorities.models import Weekday, spans_by_day
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    save_if_unchanged,
)

from .calendar import BankHoliday, holiday_on
from .models import Absence, WorkingDay, WorkingPattern
from .selectors import shared_pattern_of

LONDON = zoneinfo.ZoneInfo("Europe/London")
# How far ahead to look for the next change. Christmas and New Year close an office for at
# most five days in a row, so three weeks always finds the next opening of an open office.
LOOKAHEAD_DAYS = 21

ADVISER, DUTY, EMERGENCY = "adviser", "duty", "emergency"

# "on Monday" and "on Monday 28 December" as a sentence ends; Welsh mutates "dydd" here.
ON_DAY = {
    0: gettext_lazy("on Monday"),
    1: gettext_lazy("on Tuesday"),
    2: gettext_lazy("on Wednesday"),
    3: gettext_lazy("on Thursday"),
    4: gettext_lazy("on Friday"),
    5: gettext_lazy("on Saturday"),
    6: gettext_lazy("on Sunday"),
}
ON_DAY_AND_DATE = {
    0: gettext_lazy("on Monday %(date)s"),
    1: gettext_lazy("on Tuesday %(date)s"),
    2: gettext_lazy("on Wednesday %(date)s"),
    3: gettext_lazy("on Thursday %(date)s"),
    4: gettext_lazy("on Friday %(date)s"),
    5: gettext_lazy("on Saturday %(date)s"),
    6: gettext_lazy("on Sunday %(date)s"),
}


# --- The answer ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NextChange:
    at: datetime.datetime
    sentence: str


@dataclass(frozen=True)
class Fallback:
    label: str
    phone: str


@dataclass(frozen=True)
class ContactAnswer:
    kind: str  # ADVISER, DUTY or EMERGENCY
    who: str  # the role, in words
    name: str  # the adviser's name, or "Duty worker" / "Emergency duty team"
    phone: str
    why: str
    until: datetime.datetime | None  # when this answer stops being right (None: not soon)
    next_change: NextChange | None
    is_emergency: bool
    at: datetime.datetime  # the moment asked about, in London time
    fallback: Fallback | None = None  # who to try if the adviser does not answer
    # Said beside the number when it is not the named person's own (an office switchboard).
    phone_note: str = ""

    @property
    def phone_link(self) -> str:
        return "tel:" + self.phone.replace(" ", "")


@dataclass(frozen=True)
class AdviserTimes:
    """What the answer needs to know about a parent's adviser."""

    name: str
    short_name: str
    phone: str
    days: dict  # weekday -> (starts_at, ends_at)
    absences: tuple  # ((first_day, last_day), ...)
    has_pattern: bool
    # False when `phone` is the office's number because the adviser has no work telephone.
    own_phone: bool = True

    def away_on(self, day: datetime.date) -> bool:
        return any(first <= day <= last for first, last in self.absences)


@dataclass(frozen=True)
class Arrangements:
    """A council's cover, and the parent's adviser if the question is asked for a parent."""

    nation: str
    office: dict  # weekday -> ((opens_at, closes_at), ...): two spans when closed for lunch
    duty_phone: str
    emergency_phone: str
    main_phone: str
    for_parent: bool = False
    adviser: AdviserTimes | None = None


@dataclass(frozen=True)
class _State:
    kind: str
    reason: str
    holiday: BankHoliday | None = None


def who_to_contact(*, council, at=None, parent=None) -> ContactAnswer:
    """Who `parent` (or anyone, without a parent) should call at `at` (default: now).

    A naive `at` is read as London wall-clock time. Needs the council scope active when a
    parent is given (the adviser's hours are staff members' personal data).
    """
    moment = _in_london(at or timezone.now())
    return answer_for(arrangements_for(council=council, parent=parent, day=moment.date()), moment)


def arrangements_for(*, council, parent=None, day: datetime.date) -> Arrangements:
    office = spans_by_day(council.office_hours.all())
    adviser = None
    if parent is not None and parent.personal_adviser_id:
        adviser = _adviser_times(parent.personal_adviser, council=council, day=day)
    return Arrangements(
        nation=council.nation,
        office=office,
        duty_phone=council.duty_phone,
        emergency_phone=council.out_of_hours_phone,
        main_phone=council.phone,
        for_parent=parent is not None,
        adviser=adviser,
    )


def _adviser_times(user, *, council, day: datetime.date) -> AdviserTimes:
    pattern = shared_pattern_of(user)
    absences = Absence.objects.filter(
        user=user,
        last_day__gte=day,
        first_day__lte=day + datetime.timedelta(days=LOOKAHEAD_DAYS + 1),
    ).values_list("first_day", "last_day")
    own = pattern.work_phone if pattern else ""
    phone = own or council.phone or council.duty_phone
    return AdviserTimes(
        name=user.full_name,
        short_name=user.get_short_name(),
        phone=phone,
        own_phone=bool(own),
        days={d.weekday: (d.starts_at, d.ends_at) for d in pattern.days.all()} if pattern else {},
        absences=tuple(absences),
        has_pattern=pattern is not None,
    )


def answer_for(arrangements: Arrangements, moment: datetime.datetime) -> ContactAnswer:
    """The answer at `moment` (aware). Pure: reads nothing from the database."""
    moment = _in_london(moment)
    state = _state(arrangements, moment)
    change_at, after = _next_change(arrangements, moment, state.kind)
    adviser = arrangements.adviser
    next_change = None
    if change_at is not None:
        next_change = NextChange(
            at=change_at,
            sentence=_change_sentence(state.kind, after.kind, change_at, moment.date(), adviser),
        )
    if state.kind == ADVISER:
        return ContactAnswer(
            kind=ADVISER,
            who=_("Your personal adviser"),
            name=adviser.name,
            phone=adviser.phone,
            phone_note=""
            if adviser.own_phone
            else _("This is the leaving care team's number: ask for %(name)s.")
            % {"name": adviser.short_name},
            why=_("%(name)s is at work now, until %(time)s.")
            % {"name": adviser.short_name, "time": _time(change_at)},
            until=change_at,
            next_change=next_change,
            is_emergency=False,
            at=moment,
            fallback=Fallback(
                label=_("If they do not answer, call the duty worker"),
                phone=arrangements.duty_phone,
            ),
        )
    if state.kind == DUTY:
        return ContactAnswer(
            kind=DUTY,
            who=_("The duty worker in the leaving care team"),
            name=_("Duty worker"),
            phone=arrangements.duty_phone,
            why=_duty_why(state, adviser, change_at),
            until=change_at,
            next_change=next_change,
            is_emergency=False,
            at=moment,
        )
    return ContactAnswer(
        kind=EMERGENCY,
        who=_("The council's emergency duty team, for when the office is closed"),
        name=_("Emergency duty team"),
        phone=arrangements.emergency_phone,
        why=_emergency_why(state),
        until=change_at,
        next_change=next_change,
        is_emergency=True,
        at=moment,
    )


def _in_london(moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=LONDON)
    return moment.astimezone(LONDON)


def _state(arrangements: Arrangements, moment: datetime.datetime) -> _State:
    day, now = moment.date(), moment.time()
    holiday = holiday_on(day, arrangements.nation)
    spans = None if holiday else arrangements.office.get(day.weekday())
    if holiday:
        return _State(EMERGENCY, "holiday", holiday)
    if not spans:
        return _State(EMERGENCY, "weekend" if day.weekday() >= 5 else "closed_today")
    if now < spans[0][0]:
        return _State(EMERGENCY, "before_open")
    if now >= spans[-1][1]:
        return _State(EMERGENCY, "after_close")
    if not any(opens <= now < closes for opens, closes in spans):
        return _State(EMERGENCY, "break")
    adviser = arrangements.adviser
    if adviser is None:
        return _State(DUTY, "no_adviser" if arrangements.for_parent else "open")
    if not adviser.has_pattern:
        return _State(DUTY, "hours_unknown")
    if adviser.away_on(day):
        return _State(DUTY, "away")
    work = adviser.days.get(day.weekday())
    if work is None:
        return _State(DUTY, "not_working_today")
    if not work[0] <= now < work[1]:
        return _State(DUTY, "not_now")
    return _State(ADVISER, "at_work")


def _next_change(arrangements: Arrangements, moment: datetime.datetime, kind: str):
    """The first moment after `moment` when the answer is someone else, and its state."""
    adviser = arrangements.adviser
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = moment.date() + datetime.timedelta(days=offset)
        times = {datetime.time(0, 0)}
        for span in arrangements.office.get(day.weekday(), ()):
            times.update(span)
        if adviser is not None:
            times.update(adviser.days.get(day.weekday(), ()))
        for at in sorted(datetime.datetime.combine(day, t, tzinfo=LONDON) for t in times):
            # Compared in UTC: two London times on the day the clocks change would otherwise
            # be compared by their wall-clock readings.
            if at.astimezone(datetime.UTC) <= moment.astimezone(datetime.UTC):
                continue
            state = _state(arrangements, _in_london(at))
            if state.kind != kind:
                return at, state
    return None, None


def _time(moment: datetime.datetime | None) -> str:
    return time_format(_in_london(moment), "G:i") if moment else ""


def _when(day: datetime.date, today: datetime.date) -> str:
    days = (day - today).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days < 7:
        return str(ON_DAY[day.weekday()])
    return str(ON_DAY_AND_DATE[day.weekday()]) % {"date": date_format(day, "j F")}


def _change_sentence(kind, new_kind, at, today, adviser) -> str:
    words = {"time": _time(at), "when": _when(_in_london(at).date(), today)}
    if new_kind == ADVISER:
        return _("%(name)s starts work at %(time)s %(when)s.") % {
            **words,
            "name": adviser.short_name,
        }
    if new_kind == DUTY and kind == ADVISER:
        return _(
            "%(name)s finishes work at %(time)s %(when)s. After that, call the duty worker."
        ) % {
            **words,
            "name": adviser.short_name,
        }
    if new_kind == DUTY:
        return _("The duty line opens at %(time)s %(when)s.") % words
    return (
        _("The office closes at %(time)s %(when)s. After that, call the emergency duty team.")
        % words
    )


def _duty_why(state: _State, adviser: AdviserTimes | None, until) -> str:
    office = _("The leaving care office is open until %(time)s.") % {"time": _time(until)}
    name = {"name": adviser.short_name} if adviser else {}
    reasons = {
        "open": "",
        "no_adviser": _("You do not have a personal adviser at the moment."),
        "hours_unknown": _("%(name)s's working hours are not recorded.") % name if name else "",
        "away": _("%(name)s is away today.") % name if name else "",
        "not_working_today": _("%(name)s is not at work today.") % name if name else "",
        "not_now": _("%(name)s is not at work at the moment.") % name if name else "",
    }
    reason = reasons.get(state.reason, "")
    return f"{reason} {office}".strip()


def _emergency_why(state: _State) -> str:
    reasons = {
        "holiday": _("Today is a bank holiday (%(holiday)s), so the office is closed.")
        % {"holiday": state.holiday.name if state.holiday else ""},
        "weekend": _("The office is closed at the weekend."),
        "closed_today": _("The office is closed today."),
        "before_open": _("The office is not open yet."),
        "after_close": _("The office has closed for the day."),
        "break": _("The office is closed for a break."),
    }
    return f"{reasons[state.reason]} " + _(
        "The emergency duty team answers when the office is closed, for anything that "
        "cannot wait until it opens."
    )


# --- Writes: a member of staff's working pattern and leave ----------------------------------


@dataclass(frozen=True)
class PatternChange:
    pattern: WorkingPattern
    weekdays: list  # names of the days whose hours changed
    phone_changed: bool


__all__ = ["DuplicateSubmission"]  # raised by absence_add; views catch it from here


def working_pattern_save(
    *,
    user,
    actor,
    expected_version: int,
    work_phone: str,
    days: dict,
) -> PatternChange:
    """Save `user`'s week: `days` maps each weekday to (starts_at, ends_at), or None.

    A pattern is created the first time; after that the save goes through only at the version
    the editor opened, or raises EditConflict (also when someone created it meanwhile).
    """
    with transaction.atomic():
        pattern = WorkingPattern.objects.filter(user=user).first()
        if pattern is None:
            pattern = WorkingPattern.objects.create(
                council=user.council, user=user, work_phone=work_phone, updated_by=actor
            )
            phone_changed = bool(work_phone)
        else:
            phone_changed = pattern.work_phone != work_phone
            save_if_unchanged(
                pattern,
                expected_version=expected_version,
                fields={"work_phone": work_phone, "updated_by": actor},
            )
        current = {d.weekday: (d.starts_at, d.ends_at) for d in pattern.days.all()}
        changed = [wd for wd in sorted(days) if days[wd] != current.get(wd)]
        for weekday in changed:
            if days[weekday] is None:
                WorkingDay.objects.filter(pattern=pattern, weekday=weekday).delete()
            else:
                starts_at, ends_at = days[weekday]
                WorkingDay.objects.update_or_create(
                    pattern=pattern,
                    weekday=weekday,
                    defaults={
                        "council": pattern.council,
                        "starts_at": starts_at,
                        "ends_at": ends_at,
                    },
                )
        names = [Weekday(wd).name.lower() for wd in changed]
        audit.record(
            actor=actor,
            council=user.council,
            action="contact.hours.updated",
            obj=pattern,
            detail={"weekdays": names, "phone_changed": phone_changed, "own": actor == user},
        )
    return PatternChange(pattern=pattern, weekdays=names, phone_changed=phone_changed)


def absence_add(
    *, user, actor, form_token, first_day: datetime.date, last_day: datetime.date
) -> Absence:
    if last_day < first_day:
        raise ValueError("The last day must not be before the first.")
    return add_once(
        Absence,
        form_token=form_token,
        object_type="contact.absence",
        actor=actor,
        action="contact.leave.added",
        audit_detail={"days": (last_day - first_day).days + 1, "own": actor == user},
        council=user.council,
        user=user,
        first_day=first_day,
        last_day=last_day,
        recorded_by=actor,
    )


def absence_remove(*, absence: Absence, actor) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=absence.council,
            action="contact.leave.removed",
            obj=absence,
            detail={"own": actor.pk == absence.user_id},
        )
        absence.delete()
