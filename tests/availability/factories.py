"""Factories for staff members' working weeks and leave."""

import datetime

import factory

from parent_charter.availability.models import Absence, WorkingDay, WorkingPattern


class WorkingPatternFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingPattern

    council = factory.SelfAttribute("user.council")
    user = None
    work_phone = "07700 900123"


class WorkingDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingDay

    council = factory.SelfAttribute("pattern.council")
    pattern = factory.SubFactory(WorkingPatternFactory)
    weekday = 0
    starts_at = datetime.time(9, 0)
    ends_at = datetime.time(17, 0)


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    council = factory.SelfAttribute("user.council")
    user = None
    first_day = datetime.date(2026, 6, 15)
    last_day = datetime.date(2026, 6, 19)


def give_week(user, days: dict, phone: str = "07700 900123") -> WorkingPattern:
    """A working pattern for `user`: weekday -> (starts_at, ends_at)."""
    pattern = WorkingPatternFactory(user=user, work_phone=phone)
    for weekday, (starts, ends) in days.items():
        WorkingDayFactory(pattern=pattern, weekday=weekday, starts_at=starts, ends_at=ends)
    return pattern
