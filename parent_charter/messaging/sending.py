"""One attempt to send a message, run by the worker; and when to try again.

The attempt runs inside a transaction that locks the message, so two workers never send it
twice. A temporary failure (Notify busy or down, the network) waits and tries again, longer
each time (RETRY_DELAYS); a refusal that will not change (a bad number, a missing template) or
the last attempt marks the message failed, which the adviser sees on the parent's page.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit

from . import links
from .backends import Outgoing, SendFailed, backend
from .models import Channel, OutboundMessage, Status

# Minutes to wait after the first, second, ... failed attempt. Five attempts over about a day.
DEFAULT_RETRY_DELAYS = (5, 30, 120, 720)


def retry_delays() -> tuple[int, ...]:
    return tuple(settings.PARENT_CHARTER_NOTIFY.get("RETRY_DELAY_MINUTES", DEFAULT_RETRY_DELAYS))


def max_attempts() -> int:
    return len(retry_delays()) + 1


def _address(message: OutboundMessage) -> str:
    parent = message.parent
    return parent.phone if message.channel == Channel.SMS else parent.email


def attempt(message_id: int, *, now: datetime.datetime | None = None) -> str:
    """Try to send the message once. Returns what happened: "sent", "retry", "failed",
    "cancelled", or "skipped" (already sent, given up, or not due yet)."""
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            OutboundMessage.objects.select_for_update(of=("self",))
            .select_related("parent__council")
            .get(pk=message_id)
        )
        if message.status != Status.CREATED or (
            message.next_attempt_at is not None and message.next_attempt_at > now
        ):
            return "skipped"
        try:
            # A savepoint: a link's secret made for this attempt is undone if Notify refuses.
            with transaction.atomic():
                outgoing = _outgoing(message)
                if outgoing is None:
                    return _finish(message, Status.CANCELLED, now=now, outcome="cancelled")
                notify_id = backend().send(outgoing)
        except SendFailed as failure:
            return _failed(message, failure, now=now)
        message.attempts += 1
        message.notify_id = notify_id
        message.last_error = ""
        message.next_attempt_at = None
        return _finish(message, Status.SENDING, now=now, outcome="sent", sent=True)


def _outgoing(message: OutboundMessage) -> Outgoing | None:
    to, extra = _address(message), {}
    preparer = links.preparer_for(message.kind)
    if preparer is not None:
        prepared = preparer(message)
        if prepared is None:
            return None
        to, extra = prepared.to, prepared.personalisation
    if not to:
        raise SendFailed("no address", retryable=False)
    if not message.template_id:
        raise SendFailed("no template", retryable=False)
    return Outgoing(
        kind=message.kind,
        channel=message.channel,
        language=message.language,
        to=to,
        template_id=message.template_id,
        personalisation={**message.personalisation, **extra},
        reference=str(message.public_id),
    )


def _failed(message: OutboundMessage, failure: SendFailed, *, now) -> str:
    message.attempts += 1
    message.last_error = failure.code[:100]
    delays = retry_delays()
    if failure.retryable and message.attempts <= len(delays):
        message.next_attempt_at = now + datetime.timedelta(minutes=delays[message.attempts - 1])
        message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        _audit(message, "message.send_failed", retry=True)
        from .services import _enqueue

        run_after, ids = message.next_attempt_at, (message.pk, message.council_id)
        transaction.on_commit(lambda: _enqueue(*ids, run_after=run_after))
        return "retry"
    message.next_attempt_at = None
    message.failed_at = now
    status = Status.TECHNICAL_FAILURE if failure.retryable else Status.PERMANENT_FAILURE
    if failure.code == "no template":
        status = Status.TECHNICAL_FAILURE
    return _finish(message, status, now=now, outcome="failed")


def _finish(message, status, *, now, outcome: str, sent: bool = False) -> str:
    message.status = status
    message.status_at = now
    if sent:
        message.sent_at = now
    message.save()
    _audit(message, f"message.{outcome}", retry=False)
    return outcome


def _audit(message: OutboundMessage, action: str, *, retry: bool) -> None:
    detail = {"kind": message.kind, "channel": message.channel, "attempts": message.attempts}
    if message.last_error:
        detail["error"] = message.last_error
    if retry:
        detail["retry"] = True
    audit.record(actor=None, council=message.council, action=action, obj=message, detail=detail)


def due_for_retry(*, council, now: datetime.datetime) -> list[int]:
    """Messages waiting for their next attempt whose time has come (or never tried)."""
    return list(
        OutboundMessage.objects.filter(council=council, status=Status.CREATED)
        .exclude(next_attempt_at__gt=now)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
