"""Reading messages and choices: a fixed number of queries however many there are."""

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


def recent_messages(parent, *, limit: int = RECENT) -> list[OutboundMessage]:
    return list(
        OutboundMessage.objects.filter(parent=parent).order_by("-created_at", "-pk")[:limit]
    )


def failed_messages(parent) -> list[OutboundMessage]:
    return list(
        OutboundMessage.objects.filter(parent=parent, failed_at__isnull=False).order_by(
            "-failed_at", "-pk"
        )[:RECENT]
    )
