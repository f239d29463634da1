"""The case-system references a parent's records carry, for their subject-access download."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.core.registries.subject_access import SubjectAccessPart

from .models import CaseRecordLink, RecordKind


def export(parent) -> list[SubjectAccessPart]:
    from parent_charter.children.models import Child

    children = Child.objects.filter(parent_links__parent=parent).values_list("pk", flat=True)
    links = list(CaseRecordLink.objects.filter(parent=parent).order_by("pk")) + list(
        CaseRecordLink.objects.filter(child_id__in=list(children)).order_by("pk")
    )
    if not links:
        return []
    records = [
        [
            (_("Record"), _("You") if link.kind == RecordKind.PARENT else _("Your child")),
            (_("Reference in the council's case system"), link.case_id),
        ]
        for link in links
    ]
    return [
        SubjectAccessPart(
            title=gettext_lazy("References from the council's case system"),
            records=records,
            notes=[
                _(
                    "Your council brought these records in from its own case system. The "
                    "reference is used only to match the records the next time it does."
                )
            ],
        )
    ]
