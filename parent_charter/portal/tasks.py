"""Background work of the portal, run by the task worker (`manage.py db_worker`).

Emails are never sent inside a request. A link's secret is made here, just before its email,
so the request that asked for it (and the task queue's stored arguments) never holds it.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django_scopes import scope

from .links import LIFETIMES, hash_token, new_token
from .models import LinkPurpose, PortalLink

LINK_URL_NAMES = {
    LinkPurpose.INVITATION: "portal:accept_invitation",
    LinkPurpose.SIGN_IN: "portal:use_sign_in_link",
    LinkPurpose.PASSWORD_RESET: "portal:reset_password",
}


@task
def email_portal_link(link_id: int, council_id: int, base_url: str) -> bool:
    """Make the link's secret and email it. False if the link was replaced or already sent.

    The email is sent inside the transaction that stores the secret's hash: if sending fails,
    nothing is stored and the task can simply be run again.
    """
    with scope(council=council_id), transaction.atomic():
        link = (
            PortalLink.objects.select_for_update(of=("self",))
            .select_related("parent__council")
            .get(pk=link_id)
        )
        if link.token_hash is not None or link.revoked_at is not None or link.used_at is not None:
            return False
        token = new_token()
        now = timezone.now()
        link.token_hash = hash_token(token)
        link.sent_at = now
        link.expires_at = now + LIFETIMES[link.purpose]
        link.save(update_fields=["token_hash", "sent_at", "expires_at"])
        url = f"{base_url.rstrip('/')}{reverse(LINK_URL_NAMES[link.purpose])}?token={token}"
        parent = link.parent
        with override(parent.preferred_language or "en"):
            subject, body = _message(link.purpose, url, parent.council)
            send_mail(subject=subject, message=body, from_email=None, recipient_list=[link.email])
    return True


def _message(purpose: str, url: str, council) -> tuple[str, str]:
    """Subject and text in the active language. No personal data beyond the council's name."""
    council_name = council.display_name((get_language() or "en")[:2])
    if purpose == LinkPurpose.INVITATION:
        return (
            _("Your invitation to Parent Charter"),
            _(
                "Your personal adviser at %(council)s has invited you to Parent Charter. There "
                "you can see your support plan, who to contact and what you may be entitled "
                "to, and tell the council if a promise was not kept.\n\n"
                "Choose your password here within 7 days:\n%(url)s\n\n"
                "The link works once. If you were not expecting this email, you can ignore it."
            )
            % {"council": council_name, "url": url},
        )
    if purpose == LinkPurpose.SIGN_IN:
        return (
            _("Your link to sign in to Parent Charter"),
            _(
                "Use this link to sign in to Parent Charter. It works once, within 15 "
                "minutes:\n%(url)s\n\n"
                "If you did not ask for it, you can ignore this email: nobody can sign in "
                "without the link."
            )
            % {"url": url},
        )
    return (
        _("Choose a new password for Parent Charter"),
        _(
            "Use this link to choose a new password for Parent Charter. It works once, within "
            "1 hour:\n%(url)s\n\n"
            "If you did not ask for it, you can ignore this email: your password stays as it is."
        )
        % {"url": url},
    )


@task
def handle_link_request(request_id: int, base_url: str) -> bool:
    """Deal with a request for a sign-in or reset link: a link and its email if the address has
    an active parent account, nothing otherwise. Run for every request that was not over its
    limit, so the page asking for a link does the same work either way."""
    from .services import link_for_request

    link = link_for_request(request_id)
    if link is None:
        return False
    return email_portal_link.call(link.pk, link.council_id, base_url)


@task
def escalate_council_challenges(council_id: int) -> int:
    """Pass the council's overdue challenges to its team managers. Safe to run twice."""
    from parent_charter.authorities.models import Council

    from .services_challenges import escalate_overdue

    with scope(council=council_id):
        return escalate_overdue(council=Council.objects.get(pk=council_id))
