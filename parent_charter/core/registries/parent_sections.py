"""Sections of a parent's page, contributed by the apps that own them.

The parents app knows nothing of children or plans; each app registers the section it shows
on the parent's page (in its AppConfig.ready), with the permission needed to see it and a
function that gathers its data in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import page_reads


@dataclass(frozen=True)
class ParentSection:
    key: str
    order: int
    template: str
    context: Callable  # (request, parent) -> dict
    permission: str | None = None


_SECTIONS: dict[str, ParentSection] = {}


def register(section: ParentSection) -> None:
    _SECTIONS[section.key] = section


def sections_for(request, parent) -> list[tuple[str, dict]]:
    """(template, context) for each section this user may see, in page order; sections that
    show the same records read them once (`page_reads.shared_read`)."""
    with page_reads.gathering():
        return [
            (section.template, section.context(request, parent))
            for section in sorted(_SECTIONS.values(), key=lambda s: s.order)
            if section.permission is None or request.user.has_perm(section.permission)
        ]
