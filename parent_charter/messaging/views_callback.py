"""Notify's delivery receipts: POST /notify/delivery-status/, authenticated by the bearer token
the council gave Notify (settings NOTIFY_CALLBACK_TOKEN). No session, no CSRF token: Notify is
not a browser. Every change of status is audited (services.record_status)."""

import hmac
import json
import uuid

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_scopes import scopes_disabled

from parent_charter.core.permissions import public

from . import services
from .models import OutboundMessage, Status

# Notify's statuses, ours by the same name; "pending" (waiting for the phone network) and "sent"
# (handed to an international network, which sends no receipt) mean it is still on its way.
RECEIPT_STATUSES = {
    **{status.value: status.value for status in Status if status != Status.CANCELLED},
    "pending": Status.SENDING,
    "sent": Status.SENDING,
}


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


def _token_matches(request) -> bool:
    expected = settings.PARENT_CHARTER_NOTIFY.get("CALLBACK_TOKEN", "")
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    # With no token configured every receipt is refused: an empty token must not match.
    return (
        bool(expected)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(token.encode(), expected.encode())
    )


@public
@csrf_exempt
@require_POST
def delivery_status(request):
    if not _token_matches(request):
        return _error(401, "unauthorised", "The bearer token is missing or wrong.")
    try:
        payload = json.loads(request.body)
        notify_id = uuid.UUID(str(payload["id"]))
        status = str(payload["status"])
    except (ValueError, KeyError, TypeError):
        return _error(400, "bad_request", "Send JSON with the notification's id and status.")
    if status not in RECEIPT_STATUSES:
        return _error(400, "unknown_status", f"Unknown status {status[:40]!r}.")
    # Notify belongs to no council: the id it made, unguessable, names exactly one message,
    # and the change is written to that message's own council's trail.
    with scopes_disabled():
        message = (
            OutboundMessage.objects.select_related("council").filter(notify_id=notify_id).first()
        )
        if message is None:
            return _error(404, "not_found", "No message has this notification id.")
        changed = services.record_status(message=message, status=RECEIPT_STATUSES[status])
    return JsonResponse({"updated": changed})
