"""What this app adds to pages other apps own, registered in apps.py: the assessments and
care-history sections of a parent's page, the portal panel of who opened the parent's care
history, the reasons shown on the parent's audit trail, and the subject-access download.

The sections and the panel write nothing and use a fixed number of queries.

For the subject-access download: the care history is the parent's own childhood record, so
all of it is theirs to read, with the list of everyone who opened it and why. Assessments of
the parent are included too. Nothing here is marked as third-party information, so nothing is
withheld.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.accounts.roles import Role
from parent_charter.core.registries.subject_access import SubjectAccessPart
from parent_charter.parents.models import Parent

from .models import (
    AccessKind,
    CareHistory,
    CareHistoryAccess,
    CareHistoryEntry,
    ParentingAssessment,
)
from .selectors import SECTION_OPENINGS, access_for, latest_openings, openings_of


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


def assessments_section(request, parent: Parent) -> dict:
    """The parent page's assessments, in one query however many there are."""
    return {
        "parent": parent,
        "assessments": list(
            ParentingAssessment.objects.filter(parent=parent)
            .select_related("assessor")
            # What section_assessments.html shows of each.
            .only(
                "public_id",
                "kind",
                "started_on",
                "completed_on",
                "outcome",
                "assessor__full_name",
            )
            .order_by("-started_on", "-pk")
        ),
        "can_record": request.user.has_perm("assessments.record_assessment"),
    }


def care_history_section(request, parent: Parent) -> dict:
    """The parent page's care history section: that it exists, the way in, and who opened it.

    Never its contents. Three queries at most, whatever the number of entries or openings.
    """
    access = access_for(request, parent)
    openings, total = latest_openings(parent, limit=SECTION_OPENINGS)
    return {
        "parent": parent,
        "exists": CareHistory.objects.filter(parent=parent).exists(),
        "access": access,
        "can_change": access.normal_role is not None
        and request.user.has_perm("assessments.change_care_history"),
        "openings": openings,
        "openings_total": total,
        "limit": SECTION_OPENINGS,
    }


def portal_panel(request, parent: Parent) -> dict | None:
    """The parent's own view of who opened their care history and why.

    Hidden when there is no care history and nobody has opened one.
    """
    openings = openings_of(parent, limit=SECTION_OPENINGS)
    exists = CareHistory.objects.filter(parent=parent).exists()
    if not openings and not exists:
        return None
    return {
        "openings": openings,
        "openings_total": CareHistoryAccess.objects.filter(parent=parent).count(),
        "limit": SECTION_OPENINGS,
    }


def break_glass_reasons(access_ids: list[str]) -> dict[str, str]:
    """The reasons written for opening the sealed care history, by opening. The trail keeps
    no free text, so the reason is read from the opening itself (one query). Registered for the
    parent's audit trail in apps.py (core.registries.parent_trail)."""
    ids = [access_id for access_id in access_ids if access_id]
    if not ids:
        return {}
    return {
        str(public_id): reason
        for public_id, reason in CareHistoryAccess.objects.filter(
            public_id__in=ids, kind=AccessKind.BREAK_GLASS
        ).values_list("public_id", "reason")
    }
