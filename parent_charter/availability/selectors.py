"""Reads for the contact pages: a council's cover by time of week, and staff members' hours.

The public pages and the card show only the council's own arrangements, never a person. The
staff pages read staff members' hours and leave in a fixed number of queries.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.authorities.models import Council, Weekday, spans_by_day
from parent_charter.core.pages import read_audited
from parent_charter.core.registries import page_reads

from .models import Absence, WorkingPattern

# Staff whose hours the service uses: people a parent may be told to call.
STAFF_WITH_HOURS = (Role.PERSONAL_ADVISER, Role.TEAM_MANAGER)

# The end of a run of days ("Monday to Thursday"); Welsh mutates "dydd" after "i".
TO_DAY = {
    0: gettext_lazy("to Monday"),
    1: gettext_lazy("to Tuesday"),
    2: gettext_lazy("to Wednesday"),
    3: gettext_lazy("to Thursday"),
    4: gettext_lazy("to Friday"),
    5: gettext_lazy("to Saturday"),
    6: gettext_lazy("to Sunday"),
}


def public_council(slug: str) -> Council:
    """A council and its office hours, for the public pages (raises Council.DoesNotExist)."""
    return Council.objects.prefetch_related("office_hours").get(slug=slug)


def councils_for_index() -> list[Council]:
    return list(Council.objects.order_by("name"))


@dataclass(frozen=True)
class CoverRow:
    days: str
    hours: str


def hours_in_words(opens: datetime.time, closes: datetime.time) -> str:
    return _("%(opens)s to %(closes)s") % {
        "opens": time_format(opens, "G:i"),
        "closes": time_format(closes, "G:i"),
    }


def days_in_words(first: int, last: int) -> str:
    if first == last:
        return str(Weekday(first).label)
    return f"{Weekday(first).label} {TO_DAY[last]}"


def spans_in_words(spans) -> str:
    """ "9:00 to 17:00", or with a break "9:00 to 12:30, 13:30 to 17:00"."""
    return ", ".join(hours_in_words(opens, closes) for opens, closes in spans)


def office_cover(council: Council) -> list[CoverRow]:
    """When the duty worker answers: runs of days with the same office hours, Monday first."""
    hours = spans_by_day(council.office_hours.all())
    rows, run = [], []
    for day in Weekday:
        if run and hours.get(day.value) == hours.get(run[0]):
            run.append(day.value)
            continue
        if run and hours.get(run[0]):
            rows.append((run[0], run[-1], hours[run[0]]))
        run = [day.value]
    if run and hours.get(run[0]):
        rows.append((run[0], run[-1], hours[run[0]]))
    return [
        CoverRow(days_in_words(first, last), spans_in_words(spans)) for first, last, spans in rows
    ]


# --- Staff hours --------------------------------------------------------------------------


def staff_of_council(council_id) -> list[User]:
    """The council's advisers and managers with their hours and coming leave (4 queries)."""
    today = timezone.localdate()
    return list(
        User.objects.filter(
            council_id=council_id, is_active=True, role_grants__role__in=STAFF_WITH_HOURS
        )
        .distinct()
        .order_by("full_name")
        .prefetch_related(
            Prefetch(
                "absences",
                queryset=Absence.objects.filter(last_day__gte=today).order_by("first_day"),
                to_attr="coming_absences",
            ),
        )
        .select_related("working_pattern")
        .prefetch_related("working_pattern__days")
    )


def staff_member(*, council_id, public_id) -> User:
    """A member of staff of this council whose hours a council administrator may set."""
    return (
        User.objects.filter(
            council_id=council_id, is_active=True, role_grants__role__in=STAFF_WITH_HOURS
        )
        .distinct()
        .get(public_id=public_id)
    )


def pattern_of(user) -> WorkingPattern | None:
    return WorkingPattern.objects.filter(user=user).prefetch_related("days").first()


def shared_pattern_of(user) -> WorkingPattern | None:
    """`pattern_of`, read once for all the parts of one page that show it (the portal home
    shows the adviser's telephone, and its who-to-contact panel their hours)."""
    return page_reads.shared_read(("working_pattern", user.pk), pattern_of, user)


def coming_absences(user) -> list[Absence]:
    return list(
        Absence.objects.filter(user=user, last_day__gte=timezone.localdate()).order_by(
            "first_day", "pk"
        )
    )


def pattern_in_words(pattern: WorkingPattern | None) -> list[str]:
    if pattern is None:
        return []
    return [
        _("%(day)s, %(hours)s")
        % {"day": day.get_weekday_display(), "hours": hours_in_words(day.starts_at, day.ends_at)}
        for day in pattern.days.all()
    ]


def record_staff_hours_viewed(*, actor, member) -> None:
    """A council administrator opened another member of staff's hours and leave."""
    read_audited(
        actor=actor, council=actor.council, action="contact.staff_hours.viewed", obj=member
    )
