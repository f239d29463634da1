"""Writes of the case-records API: clients made and revoked by the council administrator, and
each call's admission (the token checked, the rate limit counted, the last use noted).

Every change and every refused call is audited. Calls that succeed are audited by the read or
write they make, through the owning app's selectors and services (`parent.viewed`,
`plan.item.updated`...), with the client's own account as the actor.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import claim_or_raise, complete_submission

from . import tokens
from .models import ApiClient, Scope

DEFAULT_CALLS_PER_WINDOW = 120
DEFAULT_WINDOW_SECONDS = 60


def calls_per_window() -> int:
    return getattr(settings, "CASE_API_CALLS_PER_WINDOW", DEFAULT_CALLS_PER_WINDOW)


def window_seconds() -> int:
    return getattr(settings, "CASE_API_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)


@dataclass(frozen=True)
class NewClient:
    client: ApiClient
    token: str  # shown once, never stored


def client_create(*, council, actor, name: str, scopes: list[str], form_token) -> NewClient:
    """A new client with a new token. A resent form makes nothing twice (DuplicateSubmission)."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValueError(f"Unknown or no scopes: {sorted(unknown)}")
    name = name.strip()
    prefix, token = tokens.new_token()
    with transaction.atomic():
        claim = claim_or_raise(form_token, object_type="caseapi.apiclient", model=ApiClient)
        account = get_user_model()(
            username=f"api-client-{prefix}",
            email=f"api-client-{prefix}@api-clients.invalid",
            full_name=name,
            council=council,
            is_active=False,
        )
        account.set_unusable_password()
        account.save()
        client = ApiClient.objects.create(
            council=council,
            name=name,
            scopes=[s for s in Scope.values if s in scopes],
            token_prefix=prefix,
            token_hash=tokens.digest(token),
            account=account,
            created_by=actor,
        )
        complete_submission(claim, client)
        audit.record(
            actor=actor,
            council=council,
            action="api.client.created",
            obj=client,
            detail={"scopes": client.scopes},
        )
    return NewClient(client=client, token=token)


def client_revoke(*, client: ApiClient, actor) -> bool:
    """Revoke the client's token for good. False if it was revoked already."""
    with transaction.atomic():
        now = timezone.now()
        updated = ApiClient.objects.filter(pk=client.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=actor
        )
        if not updated:
            return False
        client.revoked_at, client.revoked_by = now, actor
        audit.record(actor=actor, council=client.council, action="api.client.revoked", obj=client)
    return True


class Refused(Exception):
    """A call refused before it reaches the API: 401 (no client) or 429 (too many calls)."""

    def __init__(self, status: int, code: str, message: str, *, client=None, retry_after=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.client, self.retry_after = client, retry_after


def _find(token: str) -> ApiClient | None:
    prefix = tokens.prefix_of(token)
    if prefix is None:
        return None
    # Finding whose token this is comes before any council is known: the one place the API
    # steps outside the council wall, for one row found by its unique prefix.
    with scopes_disabled():
        return (
            ApiClient.objects.select_related("account", "council")
            .filter(token_prefix=prefix)
            .first()
        )


def admit(authorization: str, *, now: datetime.datetime | None = None) -> ApiClient:
    """The client whose bearer token the Authorization header carries, its call counted.

    Raises Refused: 401 for no token, an unknown or revoked one; 429 when the client has used
    up its calls in the current window (with the seconds until the window ends)."""
    scheme, _space, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Refused(
            401,
            "unauthenticated",
            "Send your token in the Authorization header: 'Authorization: Bearer <token>'.",
        )
    token = token.strip()
    client = _find(token)
    if client is None or not tokens.matches(token, client.token_hash):
        raise Refused(401, "invalid_token", "This token is not recognised.")
    if not client.is_active:
        raise Refused(
            401,
            "revoked_token",
            "This token has been revoked. Ask your council's administrator for a new one.",
            client=client,
        )
    return _count_call(client, now or timezone.now())


def _count_call(client: ApiClient, now: datetime.datetime) -> ApiClient:
    limit, window = calls_per_window(), window_seconds()
    with transaction.atomic():
        # Locked so that two calls at once cannot both take the window's last place.
        row = (
            ApiClient._base_manager.select_for_update()
            .only("window_started_at", "window_calls")
            .get(pk=client.pk)
        )
        started, calls = row.window_started_at, row.window_calls
        if started is None or (now - started).total_seconds() >= window or now < started:
            started, calls = now, 0
        over = calls >= limit
        ApiClient._base_manager.filter(pk=client.pk).update(
            window_started_at=started,
            window_calls=calls if over else calls + 1,
            last_used_at=now,
        )
    client.last_used_at = now
    if over:
        remaining = window - (now - started).total_seconds()
        raise Refused(
            429,
            "rate_limited",
            f"This client may make {limit} calls every {window} seconds. "
            "Wait until the time in Retry-After has passed, then try again.",
            client=client,
            retry_after=max(1, math.ceil(remaining)),
        )
    return client


def record_refusal(
    *, client: ApiClient | None, status: int, code: str, endpoint: str, method: str, record=""
) -> None:
    """One audit row for a call that was refused, in the client's council's trail (or the
    network's when the token names no client)."""
    detail = {"status": status, "error": code, "endpoint": endpoint, "method": method}
    if record:
        detail["record"] = record
    if client is not None:
        detail["api_client"] = str(client.public_id)
    with transaction.atomic():
        audit.record(
            actor=client.account if client is not None else None,
            council=client.council if client is not None else None,
            action="api.refused",
            detail=detail,
        )


def record_call(*, client: ApiClient, action: str, obj=None, parent=None, detail=None) -> None:
    """The audit row of a call whose read has no audited selector of its own."""
    with transaction.atomic():
        audit.record(
            actor=client.account,
            council=client.council,
            action=action,
            obj=obj,
            parent=parent,
            detail={"api_client": str(client.public_id), **(detail or {})},
        )
