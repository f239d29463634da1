"""Messages whose content is made at the moment of sending: one-time links.

The app that owns a link registers a preparer for its kinds (the portal, for invitations,
sign-in links and password resets). The worker calls it inside the transaction that sends the
message, so the link's secret is made, stored as a hash and handed to Notify together: if
Notify refuses it, the secret is rolled back and the next attempt makes a new one, and neither
the message row nor the task queue ever holds it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Prepared:
    to: str  # the address to send to
    personalisation: dict  # added to the stored personalisation for this attempt only


_PREPARERS: dict[str, Callable] = {}


def register(kind: str, preparer: Callable) -> None:
    """`preparer(message) -> Prepared | None`; None when the link is no longer wanted."""
    _PREPARERS[kind] = preparer


def preparer_for(kind: str) -> Callable | None:
    return _PREPARERS.get(kind)
