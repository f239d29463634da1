"""What the portal adds to pages other apps own, registered in apps.py: the "Portal account"
section of a parent's staff page, and where a parent lands after the accounts app's sign-in
page (the landing itself is part of the portal's sign-in flow, in signin.py).

The portal's own home-page panels are in panels.py, and its own part of the subject-access
download in exporter.py.
"""

from . import selectors
from .signin import parent_landing as parent_landing


def staff_section(request, parent) -> dict:
    """The "Portal account" section of a parent's staff page. Three queries, no writes."""
    return {
        "parent": parent,
        "summary": selectors.account_summary(parent),
        "can_invite": request.user.has_perm("portal.invite_parent"),
        "can_handle": request.user.has_perm("portal.handle_challenges"),
    }
