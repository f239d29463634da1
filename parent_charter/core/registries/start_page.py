"""Links on the staff start page, contributed by the apps that own the pages.

Each app registers its links in its AppConfig.ready(), with the permission needed to follow
them, so the start page shows each member of staff only what their roles open.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class DashboardLink:
    key: str
    order: int
    url_name: str
    title: str  # lazily translated
    description: str  # lazily translated
    permission: str
    # Optional: (request) -> int, a count shown beside the link (one query, no personal data).
    count: Callable | None = None
    # Optional: (count) -> str, what the count counts in words ("4 waiting for an answer"),
    # when it is not simply everything the link's page lists.
    count_text: Callable | None = None


_LINKS: dict[str, DashboardLink] = {}


def register(link: DashboardLink) -> None:
    _LINKS[link.key] = link


def links_for(request) -> list[dict]:
    links = []
    for link in sorted(_LINKS.values(), key=lambda item: item.order):
        if not request.user.has_perm(link.permission):
            continue
        count = link.count(request) if link.count else None
        links.append(
            {
                "href": reverse(link.url_name),
                "title": link.title,
                "description": link.description,
                "count": count,
                "count_text": link.count_text(count) if link.count_text and count else None,
            }
        )
    return links
