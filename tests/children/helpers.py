"""Shared set-up for the children tests."""

import datetime
import uuid

from django.utils import timezone
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.children import services
from tests.factories import ParentFactory


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


def other_parent(council, **fields):
    with scope(council=council.pk):
        return ParentFactory(
            council=council,
            given_name=fields.pop("given_name", "Alex"),
            family_name=fields.pop("family_name", "Marsh"),
            **fields,
        )


def add_child(parent, actor, **fields):
    """A child added through the service, as the add page does."""
    fields.setdefault("due_date", today() + datetime.timedelta(days=150))
    with scope(council=parent.council_id):
        return services.child_add(parent=parent, actor=actor, form_token=uuid.uuid4(), **fields)


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))
