"""Reminders to parents, found by the apps that own the dates (core.registries.parent_reminders)
and sent once each, unless the parent chose not to get reminders."""

from django.db import transaction

from parent_charter.core.registries.parent_reminders import due

from . import kinds, services


def queue_due(*, council, today) -> int:
    queued = 0
    for reminder in due(council, today):
        if kinds.get(reminder.kind).category != kinds.Category.REMINDER:
            raise ValueError(f"{reminder.kind} is not a reminder kind")
        with transaction.atomic():
            if services.queue(
                parent=reminder.parent, kind=reminder.kind, key=reminder.key, date=reminder.date
            ):
                queued += 1
    return queued
