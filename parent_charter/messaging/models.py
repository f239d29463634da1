"""Texts and emails to parents, sent through GOV.UK Notify, and each parent's choice about them.

A message is stored before it is sent and sent by the background worker (tasks.py), never in a
request. Its status follows Notify's: "created" until Notify accepts it, then "sending" until
Notify's delivery receipt says delivered or failed (views_callback.py). The worker tries again
after a temporary failure, waiting longer each time; after the last attempt the message stays
failed and the adviser sees it on the parent's page, to reach the parent another way.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class Channel(models.TextChoices):
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")


class Status(models.TextChoices):
    CREATED = "created", _("Waiting to be sent")
    SENDING = "sending", _("Sent, not yet delivered")
    DELIVERED = "delivered", _("Delivered")
    PERMANENT_FAILURE = "permanent-failure", _("Not delivered: the address or number is wrong")
    TEMPORARY_FAILURE = "temporary-failure", _("Not delivered: the phone or inbox was unavailable")
    TECHNICAL_FAILURE = "technical-failure", _("Not sent: a technical problem")
    CANCELLED = "cancelled", _("Not sent: no longer needed")


# Notify's delivery receipts may move a message to these, and nothing moves it out of them.
FAILED_STATUSES = frozenset(
    {Status.PERMANENT_FAILURE, Status.TEMPORARY_FAILURE, Status.TECHNICAL_FAILURE}
)
FINAL_STATUSES = FAILED_STATUSES | {Status.DELIVERED, Status.CANCELLED}


class OutboundMessage(CouncilOwnedModel):
    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="outbound_messages"
    )
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    language = models.CharField(max_length=2)
    template_id = models.CharField(max_length=100)
    # What the template is given, as sent, except a one-time link (made and sent by the worker,
    # never stored: see messaging.links). Texts: the first name and where to sign in only.
    personalisation = models.JSONField(default=dict, blank=True)
    # What is reminded (core.registries.parent_reminders), so a reminder is sent once; or the
    # record a one-time link belongs to ("portal-link:<id>").
    key = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CREATED)
    notify_id = models.UUIDField(null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Why the last attempt failed: Notify's status code and error class, never its text (which
    # may repeat the address).
    last_error = models.CharField(max_length=100, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    status_at = models.DateTimeField(null=True, blank=True)
    # When the worker gave up, or Notify said it could not deliver: shown to the adviser.
    failed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "kind", "key"],
                condition=~models.Q(key="") & models.Q(kind__startswith="reminder_"),
                name="outbound_message_reminded_once",
            )
        ]
        indexes = [
            models.Index(fields=["council", "status", "next_attempt_at"]),
            models.Index(fields=["parent", "created_at"]),
        ]

    def __str__(self):
        return f"{self.kind} {self.public_id}"

    @property
    def has_failed(self) -> bool:
        return self.failed_at is not None

    @property
    def kind_label(self) -> str:
        from .kinds import KINDS

        kind = KINDS.get(self.kind)
        return str(kind.label) if kind else self.kind


class MessageChoice(CouncilOwnedModel, VersionedModel):
    """Whether the parent wants reminders. Notices they must be told are sent either way."""

    parent = models.OneToOneField(
        "parents.Parent", on_delete=models.CASCADE, related_name="message_choice"
    )
    reminders = models.BooleanField(_("send me reminders"), default=True)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self):
        return f"Message choice {self.public_id}"
