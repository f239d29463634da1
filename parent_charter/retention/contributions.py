"""What retention contributes to shared pages: the parent's staff page and the parent's copy of
their information (subject access)."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.core.registries.subject_access import SubjectAccessPart

from .models import SupportEnd
from .selectors import retention_for


def staff_section(request, parent) -> dict:
    """The "Support ended and retention" section of a parent's page. One query, no writes."""
    return {
        "parent": parent,
        "support_end": SupportEnd.objects.filter(parent=parent).first(),
        "can_record": request.user.has_perm("retention.record_support_end"),
    }


def export_retention(parent) -> list[SubjectAccessPart]:
    """How long each kind of record is kept, why, and until when once support has ended."""
    records = []
    for row in retention_for(parent):
        kept_until = row["kept_until"]
        records.append(
            [
                (_("Kind of record"), row["kind"]),
                (_("What it covers"), row["covers"]),
                (_("How long we keep it"), row["period"]),
                (_("Why"), row["reason"]),
                (
                    _("Kept until"),
                    date_format(kept_until, "j F Y")
                    if kept_until
                    else _("Counted from when support ends"),
                ),
            ]
        )
    end = SupportEnd.objects.filter(parent=parent).first()
    notes = []
    if end is not None:
        notes.append(_("Support ended on %(day)s.") % {"day": date_format(end.ended_on, "j F Y")})
    notes.append(
        _("Nothing is removed without two members of staff agreeing, and each removal is recorded.")
    )
    return [
        SubjectAccessPart(
            title=gettext_lazy("How long we keep your information"),
            records=records,
            notes=notes,
        )
    ]
