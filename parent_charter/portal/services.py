"""Writes of the portal's accounts: invitations, sign-in and reset links, disabling, and the
audited reads of a parent's own pages. Each runs in one transaction with its audit event."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_scopes import scope

from parent_charter.accounts.emails import normalise_email
from parent_charter.accounts.models import RoleGrant
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.notifications.models import ParentNotice

from .links import IP_THROTTLE_COUNT, THROTTLE_COUNT, THROTTLE_WINDOW, is_usable
from .messages import queue_link_message
from .models import LinkPurpose, LinkRequest, PortalAccount, PortalLink


class EmailInUse(ValueError):
    """Another sign-in already uses this email address."""


class LinkNotUsable(Exception):
    """The link was used, replaced or has expired since the page was opened."""


def _email_taken(email: str, *, except_user_id: int | None) -> bool:
    users = get_user_model().objects.filter(email__iexact=email)
    if except_user_id is not None:
        users = users.exclude(pk=except_user_id)
    return users.exists()


def account_of(parent) -> PortalAccount | None:
    return PortalAccount.objects.filter(parent=parent).select_related("user").first()


def _revoke_open_links(parent, purposes, now) -> int:
    return PortalLink.objects.filter(
        parent=parent, purpose__in=purposes, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)


# --- Invitation ---------------------------------------------------------------------------


def invite_parent(*, parent, actor, email: str) -> PortalLink:
    """Email the parent a one-time invitation (a new one replaces any not yet used)."""
    email = normalise_email(email)
    account = account_of(parent)
    if _email_taken(email, except_user_id=account.user_id if account else None):
        raise EmailInUse(email)
    with transaction.atomic():
        now = timezone.now()
        replaced = _revoke_open_links(parent, [LinkPurpose.INVITATION], now)
        link = PortalLink.objects.create(
            council=parent.council,
            purpose=LinkPurpose.INVITATION,
            parent=parent,
            email=email,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="portal.invitation.sent",
            obj=parent,
            detail={
                "link": str(link.public_id),
                "replaced": replaced,
                "existing_account": bool(account),
            },
        )
        queue_link_message(link, actor=actor)
    return link


def accept_invitation(*, link: PortalLink, password: str):
    """Make (or re-open) the parent's sign-in with their chosen password, once."""
    User = get_user_model()
    with scope(council=link.council_id), transaction.atomic():
        link = _claim(link)
        parent = link.parent
        account = account_of(parent)
        if _email_taken(link.email, except_user_id=account.user_id if account else None):
            raise EmailInUse(link.email)
        now = timezone.now()
        if account is None:
            user = User(
                username=link.email,
                email=link.email,
                full_name=f"{parent.preferred_name or parent.given_name} {parent.family_name}",
                council=parent.council,
            )
            user.set_password(password)
            user.save()
            RoleGrant.objects.create(user=user, role=Role.PARENT)
            account = PortalAccount.objects.create(
                council=parent.council,
                user=user,
                parent=parent,
                invited_by=link.created_by,
                activated_at=now,
            )
        else:
            user = account.user
            user.username = user.email = link.email
            user.is_active = True
            user.set_password(password)
            user.save(update_fields=["username", "email", "is_active", "password"])
            RoleGrant.objects.get_or_create(user=user, role=Role.PARENT)
            account.activated_at = account.activated_at or now
            account.disabled_at = None
            account.save(update_fields=["activated_at", "disabled_at"])
        user.__dict__.pop("roles", None)
        audit.record(
            actor=user,
            council=parent.council,
            action="portal.invitation.accepted",
            obj=parent,
            detail={"link": str(link.public_id)},
        )
    return user


def _claim(link: PortalLink) -> PortalLink:
    """Lock the link and mark it used, or raise LinkNotUsable. Call inside a transaction."""
    current = (
        PortalLink.objects.select_for_update(of=("self",))
        .select_related("parent__council")
        .filter(pk=link.pk)
        .first()
    )
    now = timezone.now()
    if current is None or not is_usable(current, now):
        raise LinkNotUsable
    current.used_at = now
    current.save(update_fields=["used_at"])
    return current


# --- Signing in by email link, and recovering the account --------------------------------


def active_account_for_email(email: str) -> PortalAccount | None:
    """The active parent sign-in with this email, or None. Staff accounts are never found."""
    user = (
        get_user_model()
        .objects.filter(
            email__iexact=normalise_email(email), is_active=True, role_grants__role=Role.PARENT
        )
        .first()
    )
    if user is None:
        return None
    try:
        # The reverse one-to-one reads through the base manager: no council scope is needed.
        account = user.portal_account
    except PortalAccount.DoesNotExist:
        return None
    return account if account.disabled_at is None else None


def _throttle_key(kind: str, value: str) -> str:
    return salted_hmac(
        f"parent_charter.portal.link_request.{kind}", value, algorithm="sha256"
    ).hexdigest()


def request_link(*, email: str, purpose: str, ip_address: str | None) -> bool:
    """Take a request for a sign-in or password-reset link, for the worker to deal with.

    The same work whether or not the address has an account: both are counted, stored and
    handed to the same task (`handle_link_request`), which looks the account up away from the
    request, so neither the answer nor its timing tells anyone whether an account exists.
    At most THROTTLE_COUNT requests per email address and purpose, and IP_THROTTLE_COUNT per
    client address, in THROTTLE_WINDOW. A request over either limit writes nothing at all, so
    anonymous visitors cannot fill the audit trail (or any table) by asking again and again.

    Returns whether the request was taken, for tests only: callers show the same page either
    way.
    """
    if purpose not in (LinkPurpose.SIGN_IN, LinkPurpose.PASSWORD_RESET):
        raise ValueError(purpose)
    email = email.strip()
    email_key = _throttle_key("email", email.lower())
    ip_key = _throttle_key("ip", ip_address) if ip_address else ""
    now = timezone.now()
    with transaction.atomic():
        recent = LinkRequest.objects.filter(requested_at__gte=now - THROTTLE_WINDOW)
        if recent.filter(email_key=email_key, purpose=purpose).count() >= THROTTLE_COUNT:
            return False
        if ip_key and recent.filter(ip_key=ip_key).count() >= IP_THROTTLE_COUNT:
            return False
        request = LinkRequest.objects.create(
            purpose=purpose, email=email, email_key=email_key, ip_key=ip_key, requested_at=now
        )
        request_id = request.pk
        transaction.on_commit(lambda: _enqueue_link_request(request_id))
    return True


def _enqueue_link_request(request_id: int) -> None:
    from .tasks import handle_link_request

    handle_link_request.enqueue(request_id)


def link_for_request(request_id: int) -> PortalLink | None:
    """The worker's half of `request_link`: make the link if an active parent account has the
    address (None if not). Forgets the address, and requests older than a day."""
    now = timezone.now()
    with transaction.atomic():
        request = LinkRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or not request.email:
            return None  # already dealt with
        email, purpose = request.email, request.purpose
        request.email = ""
        request.save(update_fields=["email"])
        LinkRequest.objects.filter(requested_at__lt=now - datetime.timedelta(days=1)).delete()
    account = active_account_for_email(email)
    if account is None:
        return None
    with scope(council=account.council_id), transaction.atomic():
        parent = account.parent
        recent = PortalLink.objects.filter(
            parent=parent, purpose=purpose, created_at__gte=now - THROTTLE_WINDOW
        ).count()
        if recent >= THROTTLE_COUNT:
            # The same account by another spelling of its address: silently, like the rest.
            return None
        _revoke_open_links(parent, [purpose], now)
        link = PortalLink.objects.create(
            council=parent.council, purpose=purpose, parent=parent, email=account.user.email
        )
        audit.record(
            actor=None,
            council=parent.council,
            action=f"portal.{purpose}.requested",
            obj=parent,
            detail={"link": str(link.public_id)},
        )
        queue_link_message(link)
    return link


def use_sign_in_link(*, link: PortalLink):
    """Spend a sign-in link and return the user it signs in (the caller starts the session)."""
    with scope(council=link.council_id), transaction.atomic():
        link = _claim(link)
        account = account_of(link.parent)
        if account is None or not account.is_active:
            raise LinkNotUsable
        audit.record(
            actor=account.user,
            council=link.council,
            action="portal.sign_in_link.used",
            obj=link.parent,
            detail={"link": str(link.public_id)},
        )
    return account.user


def reset_password(*, link: PortalLink, password: str):
    """Spend a reset link and set the new password. Other sessions end with the old password."""
    with scope(council=link.council_id), transaction.atomic():
        link = _claim(link)
        account = account_of(link.parent)
        if account is None or not account.is_active:
            raise LinkNotUsable
        user = account.user
        user.set_password(password)
        user.save(update_fields=["password"])
        audit.record(
            actor=user,
            council=link.council,
            action="account.password_reset",
            obj=user,
            detail={"link": str(link.public_id)},
        )
    return user


# --- Switching an account off -------------------------------------------------------------


def disable_account(*, parent, actor) -> PortalAccount | None:
    """Switch the parent's sign-in off (their sessions end) and cancel links not yet used."""
    with transaction.atomic():
        account = account_of(parent)
        now = timezone.now()
        revoked = _revoke_open_links(parent, list(LinkPurpose.values), now)
        if account is not None and account.disabled_at is None:
            account.disabled_at = now
            account.save(update_fields=["disabled_at"])
            account.user.is_active = False
            account.user.save(update_fields=["is_active"])
        audit.record(
            actor=actor,
            council=parent.council,
            action="portal.account.disabled",
            obj=parent,
            detail={"had_account": account is not None, "links_cancelled": revoked},
        )
    return account


# --- Audited reads of the parent's own pages ------------------------------------------------


def record_viewed(*, actor, parent, action: str, detail: dict | None = None) -> None:
    with transaction.atomic():
        audit.record(actor=actor, council=parent.council, action=action, obj=parent, detail=detail)


def record_home_viewed(*, actor, parent, notice_ids: list[int]) -> None:
    """The home page's one audit row; the notices it showed count as seen by the parent."""
    with transaction.atomic():
        if notice_ids:
            ParentNotice.objects.filter(
                parent=parent, pk__in=notice_ids, seen_at__isnull=True
            ).update(seen_at=timezone.now())
        audit.record(
            actor=actor,
            council=parent.council,
            action="portal.home_viewed",
            obj=parent,
            detail={"notices": len(notice_ids)},
        )


def record_messages_viewed(*, actor, parent, page) -> None:
    """The messages page's one audit row; the messages on the page count as seen."""
    unseen = [notice.pk for notice in page if not notice.seen_at]
    with transaction.atomic():
        if unseen:
            ParentNotice.objects.filter(parent=parent, pk__in=unseen, seen_at__isnull=True).update(
                seen_at=timezone.now()
            )
        audit.record(
            actor=actor,
            council=parent.council,
            action="portal.messages_viewed",
            obj=parent,
            detail={"page": page.number, "shown": len(page), "new": len(unseen)},
        )


def last_invitation(parent) -> PortalLink | None:
    return (
        PortalLink.objects.filter(parent=parent, purpose=LinkPurpose.INVITATION)
        .order_by("-created_at", "-pk")
        .first()
    )


def invitation_expired(link: PortalLink | None, now: datetime.datetime | None = None) -> bool:
    return bool(link and link.expires_at and link.expires_at <= (now or timezone.now()))


# --- The parent's view on a plan item -----------------------------------------------------


def save_parent_view(*, item, parent, actor, expected_version: int, parent_view: str):
    """The plans service writes the view; the adviser is told there is something to read."""
    from parent_charter.notifications.services import notify_staff
    from parent_charter.plans.services_parent_view import parent_view_save

    with transaction.atomic():
        saved = parent_view_save(
            item=item,
            parent=parent,
            actor=actor,
            expected_version=expected_version,
            parent_view=parent_view,
        )
        if saved.changed and parent.personal_adviser_id:
            notify_staff(
                council=parent.council,
                recipients=[parent.personal_adviser],
                kind="portal.parent_view",
                params={"parent": parent.display_name},
                url=reverse("plans:item", kwargs={"public_id": item.public_id}),
            )
    return saved


def record_list_viewed(*, actor, shown: int, show: str) -> None:
    """The staff list of challenges names parents: reading it is recorded like a parent list."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=actor.council,
            action="portal.challenges.list_viewed",
            detail={"shown": shown, "show": show},
        )
