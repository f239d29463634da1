"""Demo texts and emails in Herefordshire: the "new-baby" mother prefers texts; a reminder to
register the birth was delivered to her phone, and an email about a plan review could not be
delivered, so her adviser's page shows the failure. Recorded once (deterministic public ids).

New messages in the demo go to the console backend: the worker started by `make run` writes
each one to its console, as GOV.UK Notify would put it together.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from parent_charter.audit import services as audit
from parent_charter.demo.recorded import demo_id
from parent_charter.demo.scenarios import story_parent
from parent_charter.messaging import services
from parent_charter.messaging.models import Channel, OutboundMessage, Status

COUNCIL = "herefordshire"
# (key, kind, channel, what Notify said, days ago sent)
MESSAGES = (
    ("birth", "reminder_register_birth", Channel.SMS, Status.DELIVERED, 3),
    ("review", "reminder_plan_review", Channel.EMAIL, Status.PERMANENT_FAILURE, 1),
)


def _id(council, key: str) -> uuid.UUID:
    return demo_id(council, "messaging", key)


def seed(council) -> str:
    if council.slug != COUNCIL:
        return ""
    with scope(council=council.pk), transaction.atomic():
        parent = story_parent(council, "new-baby", "baby")
        if (
            parent is None
            or OutboundMessage.objects.filter(public_id=_id(council, "birth")).exists()
        ):
            return ""
        if not parent.phone:
            parent.phone = "07700 900461"
        parent.preferred_contact = "text"
        parent.save(update_fields=["phone", "preferred_contact"])
        now = timezone.now()
        for key, kind, channel, status, days_ago in MESSAGES:
            _message(
                council,
                parent,
                key=key,
                kind=kind,
                channel=channel,
                status=status,
                at=now - datetime.timedelta(days=days_ago),
            )
    return "2 texts and emails added"


def _message(council, parent, *, key, kind, channel, status, at) -> None:
    message = OutboundMessage.objects.create(
        public_id=_id(council, key),
        council=council,
        parent=parent,
        kind=kind,
        channel=channel,
        language=parent.preferred_language,
        template_id=services.template_for(kind, channel, parent.preferred_language),
        personalisation={"first_name": services.first_name(parent)},
        key=f"demo:{key}",
        status=status,
        notify_id=_id(council, f"{key}:notify"),
        attempts=1,
        sent_at=at,
        status_at=at + datetime.timedelta(minutes=2),
        failed_at=at + datetime.timedelta(minutes=2) if status != Status.DELIVERED else None,
    )
    audit.record(
        actor=None,
        council=council,
        action="message.status_received",
        obj=message,
        detail={"kind": kind, "status": status, "demo": True},
    )
