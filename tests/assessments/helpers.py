"""Shared set-up for the assessments tests."""

import datetime

from django.utils import timezone
from django_scopes import scope

from parent_charter.audit.models import AuditEvent

from .factories import CareHistoryEntryFactory, CareHistoryFactory

# Written into a care history so a test can prove it never leaks onto another page.
MARKER = "Zephyrine-marker-7Q3X placed after the flood at Owl Cottage"
REASON = (
    "The parent asked me to check the dates of her foster placements so her GP records can be "
    "matched; her adviser is on leave this week."
)


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


def sealed_history(parent, *, entries: int = 1, marker: str = MARKER):
    """A care history holding `entries` entries, the first one carrying the marker."""
    with scope(council=parent.council_id):
        history = CareHistoryFactory(parent=parent)
        for index in range(entries):
            CareHistoryEntryFactory(
                history=history, details=marker if index == 0 else f"Entry {index}"
            )
    return history


def care_history_url(parent) -> str:
    return f"/staff/assessments/care-history/{parent.public_id}/"


def break_glass_url(parent) -> str:
    return f"/staff/assessments/care-history/{parent.public_id}/reason/"


def openings_url(parent) -> str:
    return f"/staff/assessments/care-history/{parent.public_id}/openings/"


def parent_page(parent) -> str:
    return f"/staff/parents/{parent.public_id}/"


def section(body: str, anchor: str) -> str:
    start = body.index(f'id="{anchor}"')
    return body[start : body.index("</section>", start)]
