"""What each app holds about a parent, for the parent to read and download (subject access).

Each app that keeps personal data about a parent registers an exporter in AppConfig.ready():
`(parent) -> list[SubjectAccessPart]`. An exporter leaves out what is marked as third-party
information (for example the name of a person who raised a concern, or another parent's
details) and says that it has done so, so the parent knows something was withheld and why.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SubjectAccessPart:
    title: str  # lazily translated heading, for example _("Referrals")
    # Each record as an ordered list of (label, value) pairs, values already put into words.
    records: list[list[tuple[str, str]]]
    # Why anything was left out, if it was (shown to the parent), else "".
    withheld: str = ""
    notes: list[str] = field(default_factory=list)


_EXPORTERS: dict[str, tuple[int, Callable]] = {}


def register(key: str, order: int, exporter: Callable) -> None:
    _EXPORTERS[key] = (order, exporter)


def export_for(parent) -> list[SubjectAccessPart]:
    parts = []
    for _order, exporter in sorted(_EXPORTERS.values(), key=lambda item: item[0]):
        parts.extend(exporter(parent))
    return parts
