"""What messaging adds to pages other apps own, registered in apps.py: a section of the
parent's staff page, a panel of the portal home, and its part of the subject-access copy."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .models import MessageChoice, OutboundMessage


def parent_section(request, parent) -> dict:
    recent, failed = selectors.recent_and_failed(parent)
    return {
        "parent": parent,
        "choice": selectors.choice_for(parent),
        "how": selectors.how_we_reach(parent),
        "recent": recent,
        "failed": failed,
    }


def portal_panel(request, parent) -> dict:
    return {"reminders": selectors.choice_for(parent).reminders}


def subject_access_export(parent) -> list:
    from parent_charter.core.registries.subject_access import SubjectAccessPart

    records = []
    choice = MessageChoice.objects.filter(parent=parent).first()
    if choice is not None:
        records.append(
            [
                (_("Reminders"), _("Yes") if choice.reminders else _("No")),
                (_("Chosen on"), date_format(choice.changed_at, "j F Y")),
            ]
        )
    for message in OutboundMessage.objects.filter(parent=parent).order_by("created_at", "pk"):
        records.append(
            [
                (_("Message"), message.kind_label),
                (_("Sent by"), message.get_channel_display()),
                (_("Created on"), date_format(message.created_at, "j F Y")),
                (_("Status"), message.get_status_display()),
            ]
        )
    if not records:
        return []
    return [SubjectAccessPart(title=gettext_lazy("Texts and emails"), records=records)]
