"""The "Who to contact now" panel of the parent's portal home."""

from . import services


def contact_panel(request, parent) -> dict:
    """The answer for the signed-in parent, with their adviser: a few queries, no audit row."""
    return {
        "answer": services.who_to_contact(council=parent.council, parent=parent),
        "slug": parent.council.slug,
    }
