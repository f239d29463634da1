"""What moving between councils adds to pages other apps own, registered in apps.py: the start
page's count of incoming moves waiting, a section of the parent's staff page (moves proposed
for them, or the council they came from), a panel of the portal home when a move waits for the
parent's answer, and their moves in the subject-access download."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from . import catalogue, selectors
from .models import Status


def waiting_count(request) -> int:
    return selectors.waiting_count(request.user.council)


def waiting_text(count) -> str:
    return ngettext(
        "%(count)s waiting for a decision", "%(count)s waiting for a decision", count
    ) % {"count": count}


def parent_section(request, parent) -> dict:
    """One query; no audit row (the page records one `parent.viewed`)."""
    transfers, arrival = selectors.for_parent_page(parent)
    return {
        "parent": parent,
        "transfers": transfers,
        "open": next((row for row in transfers if row.is_open), None),
        "moved": any(row.closes_record for row in transfers),
        "arrival": arrival,
        "language": (get_language() or "en")[:2],
        "can_propose": request.user.has_perm("transfers.propose"),
    }


def portal_panel(request, parent) -> dict | None:
    """Shown only while a move waits for the parent's answer. One query."""
    waiting = [row for row in selectors.for_portal(parent) if row.status == Status.PROPOSED]
    if not waiting:
        return None
    return {"transfer": waiting[0], "language": (get_language() or "en")[:2]}


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y") if moment else "–"


def subject_access_export(parent) -> list:
    from parent_charter.core.registries.subject_access import SubjectAccessPart

    language = (get_language() or "en")[:2]
    records = []
    for row in reversed(selectors.transfers_of(parent)):
        records.append(
            [
                (_("Proposed on"), _when(row.proposed_at)),
                (_("To"), row.receiving_council.display_name(language)),
                (_("Kind"), row.get_kind_display()),
                (
                    _("What goes with you"),
                    ", ".join(str(group.label) for group in catalogue.groups(row.information)),
                ),
                (_("Status"), row.get_status_display()),
                (
                    _("Your answer given on"),
                    date_format(row.consent_given_on, "j F Y") if row.consent_given_on else "–",
                ),
                (_("Decided on"), _when(row.decided_at)),
                (_("Why the other council declined"), row.decline_reason or "–"),
            ]
        )
    arrival = selectors.arrival_of(parent)
    if arrival is not None:
        records.append(
            [
                (_("Came to us from"), arrival.sending_council.display_name(language)),
                (_("On"), _when(arrival.accepted_on)),
                (_("Kind"), arrival.kind_label),
            ]
        )
    if not records:
        return []
    return [SubjectAccessPart(title=gettext_lazy("Moving to another council"), records=records)]
