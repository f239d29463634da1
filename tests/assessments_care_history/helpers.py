"""Shared set-up for the assessments tests."""

from django_scopes import scope

from .factories import CareHistoryEntryFactory, CareHistoryFactory

# Written into a care history so a test can prove it never leaks onto another page.
MARKER = "Zephyrine-marker-7Q3X placed after the flood at Owl Cottage"
REASON = (
    "The parent asked me to check the dates of her foster placements so her GP records can be "
    "matched; her adviser is on leave this week."
)


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
