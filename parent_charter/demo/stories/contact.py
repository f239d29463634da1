"""Demo working weeks and leave for the demo advisers and managers.

Priya (Herefordshire) works part-time, Monday to Wednesday, so on a Thursday her parents are
sent to the duty worker; Tom starts early and leaves early; Rhian (Cardiff) works a four-day
week. The telephone numbers are from Ofcom's ranges kept for drama (never real lines).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from parent_charter.accounts.models import User
from parent_charter.authorities.models import Weekday
from parent_charter.availability.models import Absence, WorkingDay, WorkingPattern
from parent_charter.demo.recorded import record_demo

NINE, FIVE = datetime.time(9, 0), datetime.time(17, 0)


def _week(days, starts=NINE, ends=FIVE, friday_ends=None):
    week = dict.fromkeys(days, (starts, ends))
    if friday_ends and 4 in week:
        week[4] = (starts, friday_ends)
    return week


# Demo email -> (work telephone, week, days from today to a week's leave or None)
PATTERNS = {
    "priya@herefordshire.demo": ("07700 900461", _week((0, 1, 2)), None),
    "tom@herefordshire.demo": (
        "07700 900462",
        _week(range(5), datetime.time(8, 0), datetime.time(16, 0)),
        24,
    ),
    "morgan@herefordshire.demo": (
        "01632 960462",
        _week(range(5), friday_ends=datetime.time(16, 45)),
        None,
    ),
    "rhian@cardiff.demo": (
        "029 2018 0461",
        _week((0, 1, 2, 3), datetime.time(8, 30), datetime.time(17, 0)),
        None,
    ),
    "gareth@cardiff.demo": (
        "029 2018 0462",
        _week(range(5), friday_ends=datetime.time(16, 30)),
        10,
    ),
}


def seed(council) -> str:
    users = User.objects.filter(council=council, email__in=PATTERNS)
    added = 0
    with scope(council=council.pk), transaction.atomic():
        for user in users.order_by("email"):
            phone, week, leave_in = PATTERNS[user.email]
            pattern, created = WorkingPattern.objects.get_or_create(
                user=user, defaults={"council": council, "work_phone": phone}
            )
            if not created:
                continue
            for weekday, (starts, ends) in week.items():
                WorkingDay.objects.create(
                    council=council,
                    pattern=pattern,
                    weekday=weekday,
                    starts_at=starts,
                    ends_at=ends,
                )
            if leave_in is not None and not Absence.objects.filter(user=user).exists():
                first = timezone.localdate() + datetime.timedelta(days=leave_in)
                Absence.objects.create(
                    council=council,
                    user=user,
                    first_day=first,
                    last_day=first + datetime.timedelta(days=4),
                )
            record_demo(
                council,
                "contact.hours.updated",
                pattern,
                detail={
                    "weekdays": [Weekday(d).name.lower() for d in sorted(week)],
                    "phone_changed": True,
                },
            )
            added += 1
    return f"{added} working weeks added" if added else ""
