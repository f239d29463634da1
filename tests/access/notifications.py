"""Access-matrix rows for a member of staff's own notifications."""

from tests.access import STAFF

ROWS = {
    "notifications:list": (
        "notifications.view_own",
        (STAFF - {"coordinator"}) | {"other_pa"},
        {},
    ),
}
