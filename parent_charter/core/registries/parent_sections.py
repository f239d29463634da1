"""Sections of a parent's page, contributed by the apps that own them.

The parents app knows nothing of children or plans; each app registers the section it shows
on the parent's page (in its AppConfig.ready), with the permission needed to see it and a
function that gathers its data in a fixed number of queries.
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class ParentSection:
    key: str
    order: int
    template: str
    context: Callable  # (request, parent) -> dict
    permission: str | None = None


_SECTIONS: dict[str, ParentSection] = {}

# What the sections of the page being gathered have read so far (None outside sections_for).
_page_reads: ContextVar[dict | None] = ContextVar("parent_page_reads", default=None)


def register(section: ParentSection) -> None:
    _SECTIONS[section.key] = section


def sections_for(request, parent) -> list[tuple[str, dict]]:
    """(template, context) for each section this user may see, in page order."""
    reads = _page_reads.set({})
    try:
        return [
            (section.template, section.context(request, parent))
            for section in sorted(_SECTIONS.values(), key=lambda s: s.order)
            if section.permission is None or request.user.has_perm(section.permission)
        ]
    finally:
        _page_reads.reset(reads)


def shared_read(key: str, parent, read: Callable):
    """`read(parent)`, done once for all the sections of one page that show the same records
    (the children section and the living-apart section both show the parent's children).
    Outside sections_for it simply reads, so nothing is kept from one page to the next."""
    reads = _page_reads.get()
    if reads is None:
        return read(parent)
    if (key, parent.pk) not in reads:
        reads[key, parent.pk] = read(parent)
    return reads[key, parent.pk]
