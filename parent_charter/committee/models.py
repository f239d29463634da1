"""A council's quarterly report to its committee on the charter, and its PDFs.

A report is a draft (its figures read live from the casework) until a team manager approves
it; then the figures are stored as they were, in both languages, and never recomputed. A
correction is a new version of the same quarter, with its reason; the version it replaces is
kept, marked as replaced. The PDF's bytes are kept in the database, so any app server can
hand it out whichever worker built it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    REPLACED = "replaced", _("Replaced by a correction")


class CommitteeReport(CouncilOwnedModel, VersionedModel):
    quarter = models.CharField(_("quarter"), max_length=7)  # a period slug, such as 2026-Q3
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    services_changes = models.TextField(_("Changes made to services"), blank=True)
    financial_implications = models.TextField(_("Financial implications"), blank=True)
    recommendation = models.TextField(_("Recommendation to members"), blank=True)
    # Frozen at approval: {"en": figures, "cy": figures}, as committee.snapshot writes them.
    figures = models.JSONField(null=True, blank=True, editable=False)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    correction_reason = models.TextField(_("Reason for the correction"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-quarter", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "quarter", "number"], name="committee_report_one_per_number"
            ),
            models.UniqueConstraint(
                fields=["council", "quarter"],
                condition=models.Q(status="draft"),
                name="committee_report_one_draft_per_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(figures__isnull=False),
                name="committee_report_approved_has_figures",
            ),
        ]

    def __str__(self):
        return f"Committee report {self.quarter} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT


class PdfStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    BUILDING = "building", _("Being built")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be built")


class ReportPdf(CouncilOwnedModel):
    """One language's PDF of one version of a report, built in the background."""

    report = models.ForeignKey(CommitteeReport, on_delete=models.CASCADE, related_name="pdfs")
    language = models.CharField(max_length=2, choices=[("en", "English"), ("cy", "Cymraeg")])
    status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent done
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language"], name="committee_pdf_one_per_language"
            ),
        ]

    def __str__(self):
        return f"PDF {self.language} of {self.report_id}"
