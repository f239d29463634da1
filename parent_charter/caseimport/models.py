"""Importing parents and children from a council's case system (Liquidlogic, Mosaic and others).

A council saves once which of its export's columns hold what (`ColumnMapping`). Each upload
is an `ImportRun`: checked in the background first (the dry run), then, when the
administrator confirms, applied in one transaction. `CaseRecordLink` remembers which of our
records each case-system identifier became, so a second import updates instead of adding.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel


class ColumnMapping(CouncilOwnedModel):
    """Which CSV column holds each fact, and what the case system's codes mean. One a council.

    Holds no personal data, but is scoped like personal records so a council only ever finds
    its own.
    """

    system_name = models.CharField(
        _("case system"), max_length=100, help_text=_("For example Liquidlogic or Mosaic")
    )
    # Parents' file.
    parent_id_column = models.CharField(_("the case system's identifier"), max_length=100)
    given_name_column = models.CharField(_("first name"), max_length=100)
    family_name_column = models.CharField(_("last name"), max_length=100)
    date_of_birth_column = models.CharField(_("date of birth"), max_length=100)
    postcode_column = models.CharField(_("postcode"), max_length=100, blank=True)
    parent_role_column = models.CharField(
        _("mother, father or other parent"), max_length=100, blank=True
    )
    # Children's file.
    child_id_column = models.CharField(_("the child's identifier"), max_length=100, blank=True)
    child_parent_id_column = models.CharField(
        _("the parent's identifier"), max_length=100, blank=True
    )
    child_given_name_column = models.CharField(_("child's first name"), max_length=100, blank=True)
    child_date_of_birth_column = models.CharField(
        _("child's date of birth"), max_length=100, blank=True
    )
    child_due_date_column = models.CharField(_("due date"), max_length=100, blank=True)
    living_arrangement_column = models.CharField(
        _("where the child lives"), max_length=100, blank=True
    )
    # "code = value" lines: the case system's codes, on top of our own values and labels.
    parent_role_codes = models.TextField(_("codes for mother, father or other parent"), blank=True)
    living_arrangement_codes = models.TextField(_("codes for where the child lives"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council"], name="caseimport_one_mapping_a_council")
        ]

    def __str__(self):
        return self.system_name


# What a council says about its case system's files, in the order the mapping page asks.
MAPPING_FIELDS = (
    "system_name",
    "parent_id_column",
    "given_name_column",
    "family_name_column",
    "date_of_birth_column",
    "postcode_column",
    "parent_role_column",
    "parent_role_codes",
    "child_id_column",
    "child_parent_id_column",
    "child_given_name_column",
    "child_date_of_birth_column",
    "child_due_date_column",
    "living_arrangement_column",
    "living_arrangement_codes",
)


class RecordKind(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")


class CaseRecordLink(CouncilOwnedModel):
    """One case-system identifier and the record it became here. Unique within a council."""

    kind = models.CharField(max_length=10, choices=RecordKind.choices)
    case_id = models.CharField(max_length=100)
    parent = models.OneToOneField(
        "parents.Parent", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    first_imported_by = models.ForeignKey("ImportRun", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "case_id"], name="caseimport_case_id_unique"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="parent", parent__isnull=False, child__isnull=True)
                    | models.Q(kind="child", child__isnull=False, parent__isnull=True)
                ),
                name="caseimport_link_names_its_record",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.case_id}"


class RunStatus(models.TextChoices):
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked: ready to import")
    PROBLEMS = "problems", _("Problems found")
    IMPORTING = "importing", _("Importing")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Not imported")


class ImportRun(CouncilOwnedModel):
    """One upload: its files until it is imported, the dry run's findings, and its progress."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.CHECKING)
    # The uploaded files, kept only until the import is applied (then emptied).
    parents_csv = models.TextField(blank=True)
    children_csv = models.TextField(blank=True)
    # The mapping as it was at upload, so the import applies exactly what was checked.
    mapping = models.JSONField(default=dict)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    # Line, column and message of each problem; codes only, never the rows' values.
    problems = models.JSONField(default=list)
    # Counts: parents/children created, updated, unchanged.
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import {self.public_id}"

    @property
    def is_running(self) -> bool:
        return self.status in (RunStatus.CHECKING, RunStatus.IMPORTING)

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0 if self.is_running else 100
        return min(100, self.done_rows * 100 // self.total_rows)

    @property
    def changes(self) -> int:
        return sum(
            self.summary.get(key, 0)
            for key in (
                "parents_created",
                "parents_matched",
                "parents_updated",
                "children_created",
                "children_updated",
            )
        )
