"""Panels of the parent's portal home page, contributed by the apps that own them.

Like parent_sections for staff: each app registers a PortalSection in AppConfig.ready() with a
template and a context function `(request, parent) -> dict | None` (None hides the panel, for
example when a parent lives with all their children). Context functions use a fixed number of
queries and write no audit rows (the home page records one `portal.home_viewed`).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PortalSection:
    key: str
    order: int
    template: str
    context: Callable  # (request, parent) -> dict | None


_SECTIONS: dict[str, PortalSection] = {}


def register(section: PortalSection) -> None:
    _SECTIONS[section.key] = section


def sections_for(request, parent) -> list[tuple[str, dict]]:
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: s.order):
        context = section.context(request, parent)
        if context is not None:
            shown.append((section.template, context))
    return shown
