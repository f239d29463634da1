"""Reading messages and choices: a fixed number of queries however many there are."""

from django.db.models import Q
from django.utils.translation import gettext as _

from . import kinds, services
from .models import MessageChoice, OutboundMessage

RECENT = 10


def choice_for(parent) -> MessageChoice:
    """The parent's choice, or the default one (reminders on, not yet saved)."""
    choice = MessageChoice.objects.filter(parent=parent).first()
    return choice or MessageChoice(council=parent.council, parent=parent, reminders=True)


def how_we_reach(parent) -> str:
    """How reminders and notices would reach the parent, in words."""
    channel = services.channel_for(parent, kinds.get("notice"))
    if channel == "sms":
        return _("by text message")
    if channel == "email":
        return _("by email")
    return ""


# What the parent page shows of a message (messaging/parent_section.html).
SHOWN_FIELDS = ("kind", "channel", "status", "attempts", "created_at", "failed_at")


def recent_and_failed(parent) -> tuple[list[OutboundMessage], list[OutboundMessage]]:
    """The parent's latest messages and latest undelivered ones (RECENT of each), in one
    query: a message can be in both lists."""
    messages = OutboundMessage.objects.filter(parent=parent)
    newest = messages.order_by("-created_at", "-pk").values("pk")[:RECENT]
    failed = (messages.filter(failed_at__isnull=False).order_by("-failed_at", "-pk").values("pk"))[
        :RECENT
    ]
    rows = list(messages.filter(Q(pk__in=newest) | Q(pk__in=failed)).only(*SHOWN_FIELDS))
    recent = sorted(rows, key=lambda m: (m.created_at, m.pk), reverse=True)[:RECENT]
    undelivered = sorted(
        (m for m in rows if m.failed_at is not None),
        key=lambda m: (m.failed_at, m.pk),
        reverse=True,
    )[:RECENT]
    return recent, undelivered
