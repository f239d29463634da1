"""Writing messages to parents: queueing one, the parent's choice, and Notify's receipts.

A message is queued inside the transaction of the change that causes it and sent by the worker
once that transaction commits (tasks.send_message), so a request never waits for Notify and a
change rolled back sends nothing.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import save_audited

from . import kinds
from .models import FINAL_STATUSES, Channel, MessageChoice, OutboundMessage, Status


class UnknownKind(ValueError):
    pass


def first_name(parent) -> str:
    return (parent.preferred_name or parent.given_name).split(" ")[0]


def sign_in_url() -> str:
    return settings.PARENT_CHARTER_SITE_URL.rstrip("/") + reverse("portal:home")


def wants_reminders(parent) -> bool:
    choice = MessageChoice.objects.filter(parent=parent).only("reminders").first()
    return choice is None or choice.reminders


def channel_for(parent, kind: kinds.Kind) -> str | None:
    """By text if the parent prefers it (and has a mobile number), else by email, else by text
    if that is all there is; None if there is no way to reach them. Links go only by email."""
    if kind.sms is None:
        return Channel.EMAIL if parent.email else None
    if parent.preferred_contact == "text" and parent.phone:
        return Channel.SMS
    if parent.email:
        return Channel.EMAIL
    return Channel.SMS if parent.phone else None


def personalisation(*, parent, kind: kinds.Kind, channel: str, language: str, date=None) -> dict:
    """What the template is given: only what its wording uses (kinds.Kind.placeholders). A
    text: at most the first name and where to sign in. A one-time link's email: the council's
    name (the link itself is added as it is sent)."""
    values = {
        "first_name": first_name(parent),
        "sign_in_url": sign_in_url(),
        "council": parent.council.display_name(language),
    }
    if date is not None:
        with override(language):
            values["date"] = date_format(date, "j F Y")
    wanted = kind.placeholders(channel) - {"link"}
    return {name: value for name, value in values.items() if name in wanted}


def queue(
    *, parent, kind: str, actor=None, key: str = "", date=None, channel: str | None = None
) -> OutboundMessage | None:
    """Store a message for the parent and have the worker send it; None if none is sent.

    None when the kind is a reminder and the parent chose not to get them, when there is no
    address or number to send to, or when this reminder (`key`) was sent before.
    Call inside the transaction of the change that causes it.
    """
    definition = kinds.KINDS.get(kind)
    if definition is None:
        raise UnknownKind(kind)
    if definition.optional and not wants_reminders(parent):
        return None
    channel = channel or channel_for(parent, definition)
    if channel is None:
        return None
    language = parent.preferred_language or "en"
    message = OutboundMessage(
        council=parent.council,
        parent=parent,
        kind=kind,
        channel=channel,
        language=language,
        template_id=template_for(kind, channel, language),
        personalisation=personalisation(
            parent=parent, kind=definition, channel=channel, language=language, date=date
        ),
        key=key,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return None  # this reminder was sent before (the constraint keeps it to once)
    audit.record(
        actor=actor,
        council=parent.council,
        action="message.queued",
        obj=message,
        detail={"kind": kind, "channel": channel, "language": language},
    )
    message_id, council_id = message.pk, parent.council_id
    transaction.on_commit(lambda: _enqueue(message_id, council_id))
    return message


def template_for(kind: str, channel: str, language: str) -> str:
    configured = kinds.template_id(kind, channel, language)
    if configured or settings.PARENT_CHARTER_NOTIFY.get("BACKEND") == "notify":
        return configured
    return f"console:{kind}:{channel}:{language}"


def _enqueue(message_id: int, council_id: int, run_after=None) -> None:
    from .tasks import send_message

    task = send_message
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the periodic run (send_parent_reminders) sends it when it is due
        task = task.using(run_after=run_after)
    task.enqueue(message_id, council_id)


def set_reminder_choice(*, parent, reminders: bool, expected_version: int, actor) -> MessageChoice:
    """The parent's choice about reminders, saved at the version they saw (EditConflict if
    it changed since), and audited."""
    with transaction.atomic():
        choice, _created = MessageChoice.objects.get_or_create(
            parent=parent, defaults={"council": parent.council, "changed_by": actor}
        )
        save_audited(
            choice,
            # A parent who never chose sees the new choice's first version.
            expected_version=expected_version,
            fields={"reminders": reminders},
            also={"changed_by": actor},
            actor=actor,
            action="message.choice_changed",
            detail={"reminders": reminders},
        )
    return choice


def record_status(*, message: OutboundMessage, status: str) -> bool:
    """Notify's delivery receipt. False if it changes nothing (a repeat, or an old receipt
    arriving after the final one)."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update(of=("self",)).get(pk=message.pk)
        if message.status == status or message.status in FINAL_STATUSES:
            return False
        now = timezone.now()
        message.status = status
        message.status_at = now
        fields = ["status", "status_at"]
        if status in {Status.PERMANENT_FAILURE, Status.TEMPORARY_FAILURE}:
            message.failed_at = now
            fields.append("failed_at")
        message.save(update_fields=fields)
        audit.record(
            actor=None,
            council=message.council,
            action="message.status_received",
            obj=message,
            detail={"kind": message.kind, "status": status},
        )
    return True
