"""The "Money and rights you may have" panel of the parent's portal home."""

from . import services

SHOWN = 4


def rights_panel(request, parent) -> dict:
    """A few of what the parent may be able to get: fixed queries, no audit row."""
    matches = services.guide_for_parent(parent)
    return {
        "matches": matches[:SHOWN],
        "count": len(matches),
        "more": max(len(matches) - SHOWN, 0),
    }
