"""Shared set-up for the living-apart tests."""

import datetime

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent


def today() -> datetime.date:
    return timezone.localdate()


def date_fields(name: str, value: datetime.date | None) -> dict:
    if value is None:
        return {f"{name}_{part}": "" for part in ("day", "month", "year")}
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def make(in_council, factory, **fields):
    """A record made in the council's scope, as a request would see it."""
    with scope(council=in_council.pk):
        return factory(**fields)


def fresh(record):
    with scopes_disabled():
        return type(record)._base_manager.get(pk=record.pk)


def error_of(body: str, field: str) -> str:
    """The text of a field's error message (GOV.UK puts it in <p id="id_<field>-error">)."""
    return body.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
