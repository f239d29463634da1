"""The portal's one-time links, sent as messages through GOV.UK Notify (messaging).

A link's message is queued when the link is made; the worker calls `prepare_link` as it sends,
which makes the secret, stores its hash and gives Notify the address, all in the sending
transaction (messaging.links): the request, the task queue and the message row never hold it.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from parent_charter.messaging import links as message_links
from parent_charter.messaging import services as messaging

from .links import LIFETIMES, hash_token, new_token
from .models import LinkPurpose, PortalLink

LINK_URL_NAMES = {
    LinkPurpose.INVITATION: "portal:accept_invitation",
    LinkPurpose.SIGN_IN: "portal:use_sign_in_link",
    LinkPurpose.PASSWORD_RESET: "portal:reset_password",
}
MESSAGE_KINDS = {
    LinkPurpose.INVITATION: "invitation",
    LinkPurpose.SIGN_IN: "sign_in_link",
    LinkPurpose.PASSWORD_RESET: "password_reset",
}
KEY_PREFIX = "portal-link:"


def queue_link_message(link: PortalLink, *, actor=None):
    """Queue the link's email. Call inside the transaction that made the link."""
    return messaging.queue(
        parent=link.parent,
        kind=MESSAGE_KINDS[link.purpose],
        key=f"{KEY_PREFIX}{link.pk}",
        channel="email",
        actor=actor,
    )


def prepare_link(message) -> message_links.Prepared | None:
    """Make the link's secret as its email is sent; None if the link was replaced, used or
    already sent."""
    link = (
        PortalLink.objects.select_for_update(of=("self",))
        .filter(pk=int(message.key.removeprefix(KEY_PREFIX)))
        .first()
    )
    if link is None or link.token_hash or link.revoked_at or link.used_at:
        return None
    token = new_token()
    now = timezone.now()
    link.token_hash = hash_token(token)
    link.sent_at = now
    link.expires_at = now + LIFETIMES[link.purpose]
    link.save(update_fields=["token_hash", "sent_at", "expires_at"])
    url = (
        f"{settings.PARENT_CHARTER_SITE_URL.rstrip('/')}"
        f"{reverse(LINK_URL_NAMES[link.purpose])}?token={token}"
    )
    return message_links.Prepared(to=link.email, personalisation={"link": url})


def register() -> None:
    for kind in MESSAGE_KINDS.values():
        message_links.register(kind, prepare_link)
