"""Dates a parent may be reminded of by text or email, found by the apps that own them.

The messaging app sends the reminders (once a day, `manage.py send_parent_reminders`) but knows
nothing of plans or contact arrangements: each app registers a finder in AppConfig.ready(),
`(council, today) -> iterable of DueReminder`, that returns the reminders due now in a fixed
number of queries. The same reminder found twice is sent once: `key` names what is reminded
(a record and its date), and a date that moves is a new key.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings

DEFAULT_DAYS_AHEAD = 7


@dataclass(frozen=True)
class DueReminder:
    parent: object  # a parents.Parent of the council
    kind: str  # a reminder kind of messaging.kinds, such as "reminder_register_birth"
    key: str  # what is reminded, unique for the parent and kind; no personal data
    date: datetime.date | None = None


_FINDERS: dict[str, Callable[[object, datetime.date], Iterable[DueReminder]]] = {}


def register(key: str, finder: Callable[[object, datetime.date], Iterable[DueReminder]]) -> None:
    _FINDERS[key] = finder


def due(council, today: datetime.date) -> list[DueReminder]:
    found = []
    for _key, finder in sorted(_FINDERS.items()):
        found.extend(finder(council, today))
    return found


def window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The dates a finder reminds of today: from today to the days ahead that parents are
    told (setting PARENT_CHARTER_PARENT_REMINDER_DAYS, 7 by default)."""
    days = int(getattr(settings, "PARENT_CHARTER_PARENT_REMINDER_DAYS", DEFAULT_DAYS_AHEAD))
    return today, today + datetime.timedelta(days=days)
