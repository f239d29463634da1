"""Reminding advisers of letter-box letters and contact sessions a few days before the date.

Run daily for each council (apart.tasks, queued by `manage.py send_apart_reminders`). Each
date is reminded once: a `ReminderSent` row is written in the same transaction as the
notification, and unique constraints refuse a second one, so running again the same day (or
two runs overlapping) adds nothing. A date that moves is a new date and is reminded again.
"""

import datetime
from dataclasses import asdict, dataclass
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from parent_charter.audit import services as audit
from parent_charter.children.selectors import child_label
from parent_charter.notifications.services import notify_staff

from .models import ReminderKind, ReminderSent
from .selectors import contact_due, letter_box_due
from .services.claims import team_managers

DEFAULT_DAYS = 7


def reminder_days() -> int:
    """How many days ahead advisers are reminded (setting PARENT_CHARTER_APART_REMINDER_DAYS)."""
    return int(getattr(settings, "PARENT_CHARTER_APART_REMINDER_DAYS", DEFAULT_DAYS))


@dataclass
class ReminderCounts:
    letter_box: int = 0
    contact: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _date_param(day: datetime.date) -> str:
    # Numeric, so it reads the same in English and Welsh wherever the notice is shown.
    return day.strftime("%d/%m/%Y")


def _recipients(parent, managers_cache: dict) -> list:
    """The parent's adviser; if they have none (or have left), the council's team managers."""
    adviser = parent.personal_adviser
    if adviser is not None and adviser.is_active:
        return [adviser]
    if "managers" not in managers_cache:
        managers_cache["managers"] = team_managers(parent.council)
    return managers_cache["managers"]


def send_reminders(*, council, today: datetime.date, days: int) -> ReminderCounts:
    """Remind advisers of this council's dates from today to `days` ahead, once per date."""
    horizon = today + datetime.timedelta(days=days)
    counts = ReminderCounts()
    # Both kinds of date share the day and one look-up of the team managers.
    remind_each = partial(_remind_each, council=council, today=today, managers={})
    exchanges = letter_box_due(council=council, start=today, end=horizon).select_related(
        "council", "arrangement__child", "arrangement__parent__personal_adviser"
    )
    counts.letter_box = remind_each(
        exchanges,
        kind=ReminderKind.LETTER_BOX,
        link="exchange",
        day_of=lambda exchange: exchange.due_on,
        arrangement_of=lambda exchange: exchange.arrangement,
    )
    arrangements = contact_due(council=council, start=today, end=horizon).select_related(
        "council", "child", "parent__personal_adviser"
    )
    counts.contact = remind_each(
        arrangements,
        kind=ReminderKind.CONTACT,
        link="arrangement",
        day_of=lambda arrangement: arrangement.next_date,
        arrangement_of=lambda arrangement: arrangement,
    )
    return counts


def _remind_each(records, *, kind, link, day_of, arrangement_of, council, today, managers) -> int:
    """Remind each record's date (`day_of`) not reminded yet; returns how many were sent.
    `link` names the record's field on ReminderSent."""
    sent = set(
        ReminderSent.objects.filter(council=council, kind=kind, for_date__gte=today).values_list(
            f"{link}_id", "for_date"
        )
    )
    count = 0
    for record in records:
        day = day_of(record)
        if (record.pk, day) in sent:
            continue
        arrangement = arrangement_of(record)
        if _remind(
            kind=kind,
            record=record,
            arrangement=arrangement,
            day=day,
            today=today,
            recipients=_recipients(arrangement.parent, managers),
            reminder=ReminderSent(
                council=record.council, kind=kind, for_date=day, **{link: record}
            ),
        ):
            count += 1
    return count


def _remind(*, kind, record, arrangement, day, today, recipients, reminder) -> bool:
    """One reminder in its own transaction; False if another run sent it first."""
    parent = arrangement.parent
    try:
        with transaction.atomic():
            reminder.save()
            notify_staff(
                council=parent.council,
                recipients=recipients,
                kind=(
                    "apart.letter_box_due"
                    if kind == ReminderKind.LETTER_BOX
                    else "apart.contact_due"
                ),
                params={
                    "parent": parent.display_name,
                    "child": child_label(arrangement.child),
                    "date": _date_param(day),
                },
                url=reverse("apart:parent", kwargs={"parent_id": parent.public_id}),
            )
            audit.record(
                actor=None,
                council=parent.council,
                action="apart.reminder.sent",
                obj=record,
                detail={
                    "kind": kind,
                    "days_before": (day - today).days,
                    "recipients": len(recipients),
                },
            )
    except IntegrityError:
        return False
    return True
