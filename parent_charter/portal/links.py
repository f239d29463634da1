"""One-time links emailed to parents: how long each kind lasts, and how a link is found again.

The secret is 32 random bytes (URL-safe text); only its SHA-256 is stored, so a copy of the
database or of the task queue opens nothing. A link arriving by email is first put in the
session and the address reloaded without it (as Django's own password reset does), so the
secret never sits in a page's address, its history or a Referer header.
"""

import datetime
import hashlib
import secrets

from django.utils import timezone
from django_scopes import scopes_disabled

from .models import LinkPurpose, PortalLink

LIFETIMES = {
    LinkPurpose.INVITATION: datetime.timedelta(days=7),
    LinkPurpose.SIGN_IN: datetime.timedelta(minutes=15),
    LinkPurpose.PASSWORD_RESET: datetime.timedelta(hours=1),
}
# At most this many sign-in or reset links per account in THROTTLE_WINDOW (silently: the page
# says the same thing either way, so nobody learns whether an account exists).
THROTTLE_COUNT = 3
THROTTLE_WINDOW = datetime.timedelta(minutes=15)
# And at most this many requests from one client address in the window, whatever addresses
# they name (a household or an office may share one address, hence more than one person's).
IP_THROTTLE_COUNT = 10
SESSION_KEYS = {
    LinkPurpose.INVITATION: "portal_invitation_token",
    LinkPurpose.SIGN_IN: "portal_sign_in_token",
    LinkPurpose.PASSWORD_RESET: "portal_reset_token",
}


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_usable(link: PortalLink, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        link.token_hash is not None
        and link.used_at is None
        and link.revoked_at is None
        and link.expires_at is not None
        and link.expires_at > now
    )


def find_link(token: str, purpose: str) -> PortalLink | None:
    """The usable link this secret opens, or None (unknown, used, replaced or expired).

    The person holding the link is not signed in, so no council scope is active: the secret's
    hash is the only key, and it names exactly one row of one council.
    """
    if not token or len(token) > 100:
        return None
    with scopes_disabled():
        link = (
            PortalLink.objects.select_related("parent__council")
            .filter(token_hash=hash_token(token), purpose=purpose)
            .first()
        )
    if link is None or not is_usable(link):
        return None
    return link
