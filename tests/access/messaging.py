"""Access-matrix rows for messaging: the parent's own choice about reminders (portal), and
Notify's delivery receipts, open to the network but answered only with the bearer token
(tests/messaging/test_callback.py checks the token; without it the answer is 401)."""

from tests.access import EVERYONE

ROWS = {
    "messaging_portal:reminders": ("portal.use_portal", {"parent"}, {}),
    # Public to the network, answered only with Notify's bearer token: 401 without it.
    "messaging:delivery_status": ("public", EVERYONE, {"method": "post", "token": True}),
}
