"""What this app holds about a parent, for their subject-access download.

The care history is the parent's own childhood record, so all of it is theirs to read, with
the list of everyone who opened it and why. Assessments of the parent are included too. Nothing
here is marked as third-party information, so nothing is withheld.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.accounts.roles import Role
from parent_charter.core.registries.subject_access import SubjectAccessPart

from .models import CareHistoryAccess, CareHistoryEntry, ParentingAssessment


def _date(value) -> str:
    return date_format(value, "j F Y") if value else "–"


def _when(value) -> str:
    return date_format(localtime(value), "j F Y, H:i")


def _assessments(parent) -> list[list[tuple[str, str]]]:
    rows = ParentingAssessment.objects.filter(parent=parent).select_related("assessor")
    return [
        [
            (_("Kind of assessment"), assessment.get_kind_display()),
            (_("Assessor"), assessment.assessor.full_name),
            (_("Started"), _date(assessment.started_on)),
            (_("Completed"), _date(assessment.completed_on)),
            (_("Outcome"), assessment.get_outcome_display() or _("Not decided yet")),
            (_("Summary of current information"), assessment.summary),
        ]
        for assessment in rows.order_by("started_on", "pk")
    ]


def _entries(parent) -> list[list[tuple[str, str]]]:
    rows = CareHistoryEntry.objects.filter(history__parent=parent).select_related("recorded_by")
    records = []
    for entry in rows:
        record = [(_("Kind of entry"), entry.get_kind_display())]
        if entry.from_date:
            record.append((_("From"), _date(entry.from_date)))
        if entry.to_date:
            record.append((_("To"), _date(entry.to_date)))
        if entry.placement_type:
            record.append((_("Type of placement"), entry.get_placement_type_display()))
        if entry.placing_authority:
            record.append((_("Placing authority"), entry.placing_authority))
        if entry.details:
            record.append((_("Details"), entry.details))
        record.append((_("Recorded"), _when(entry.recorded_at)))
        records.append(record)
    return records


def opening_role(opening: CareHistoryAccess) -> str:
    return str(Role(opening.role).label) if opening.role in Role.values else opening.role


def _openings(parent) -> list[list[tuple[str, str]]]:
    rows = CareHistoryAccess.objects.filter(parent=parent).select_related("opened_by")
    return [
        [
            (_("When"), _when(opening.opened_at)),
            (_("Who"), opening.opened_by.full_name),
            (_("Their role"), opening_role(opening)),
            (_("How it was opened"), opening.get_kind_display()),
            (_("Reason they gave"), opening.reason or _("None needed: normal access")),
        ]
        for opening in rows.order_by("-opened_at", "-pk")
    ]


def export_for_parent(parent) -> list[SubjectAccessPart]:
    return [
        SubjectAccessPart(
            title=gettext_lazy("Your parenting assessments"), records=_assessments(parent)
        ),
        SubjectAccessPart(title=gettext_lazy("Your care history"), records=_entries(parent)),
        SubjectAccessPart(
            title=gettext_lazy("Who has opened your care history, and why"),
            records=_openings(parent),
            notes=[
                _(
                    "Your care history is sealed. Your personal adviser and the team managers "
                    "can open it; anyone else must write down why first, and the managers are "
                    "told."
                )
            ],
        ),
    ]
