"""What research exports add to pages other apps own, registered in apps.py: a section of the
parent's staff page (whether they object to research use, and the buttons to record or
withdraw it), a panel of the parent's portal home, and their objections in the parent's
subject-access download."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y") if moment else "–"


def parent_section(request, parent) -> dict:
    """One query; no audit row (the page records one `parent.viewed`)."""
    history = selectors.objection_history(parent)
    return {
        "parent": parent,
        "objection": next((row for row in history if row.is_active), None),
        "history": history,
        "can_record": request.user.has_perm("research.record_objection"),
    }


def portal_panel(request, parent) -> dict:
    return {"objection": selectors.open_objection(parent)}


def subject_access_export(parent) -> list:
    from parent_charter.core.registries.subject_access import SubjectAccessPart

    records = []
    for row in reversed(selectors.objections_of(parent)):
        record = [
            (_("Objection to research use recorded on"), _when(row.recorded_at)),
            (_("How it was recorded"), row.get_recorded_via_display()),
        ]
        if row.withdrawn_at:
            record += [
                (_("Withdrawn on"), _when(row.withdrawn_at)),
                (_("How it was withdrawn"), row.get_withdrawn_via_display()),
            ]
        records.append(record)
    if not records:
        return []
    return [SubjectAccessPart(title=gettext_lazy("Research use of your records"), records=records)]
