"""Changes to committee reports: start a draft, write the officer's sections, approve (which
freezes the figures), correct an approved report as a new version, and build its PDFs."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import EditConflict, save_audited, save_if_unchanged

from . import selectors
from .models import CommitteeReport, PdfStatus, ReportPdf, ReportStatus

SECTION_FIELDS = ("services_changes", "financial_implications", "recommendation")
LANGUAGES = ("en", "cy")


class ReportRefused(Exception):
    """The change is not allowed in the report's present state; the message says why."""


def _record_version(report, *, actor, action: str) -> None:
    """The audit row of what happened to one version of a quarter's report."""
    audit.record(
        actor=actor,
        council=report.council,
        action=action,
        obj=report,
        detail={"quarter": report.quarter, "version": report.number},
    )


def create_draft(*, council, actor, period) -> CommitteeReport:
    """A first draft for a quarter that has no report yet."""
    with transaction.atomic():
        if CommitteeReport.objects.filter(council=council, quarter=period.slug).exists():
            raise ReportRefused(
                _("There is already a report for %(quarter)s.") % {"quarter": period.label}
            )
        report = CommitteeReport.objects.create(
            council=council, quarter=period.slug, created_by=actor
        )
        audit.record(
            actor=actor,
            council=council,
            action="committee.report.created",
            obj=report,
            detail={"quarter": period.slug},
        )
    return report


def sections_update(*, report, actor, expected_version: int, **fields) -> CommitteeReport:
    """Save the officer's sections of a draft at the version the editor started from."""
    if not report.is_draft:
        raise ReportRefused(_("An approved report cannot be changed: correct it instead."))
    save_audited(
        report,
        expected_version=expected_version,
        fields={name: fields[name] for name in SECTION_FIELDS},
        actor=actor,
        action="committee.report.updated",
        only_changed=True,
    )
    return report


def approve(*, report, actor, expected_version: int, build_pdfs: bool = True) -> CommitteeReport:
    """Freeze the figures as they are now, in both languages, and approve the draft. The
    version it corrects, if any, is kept and marked as replaced. Both PDFs are then built
    (unless `build_pdfs` is False: the page then offers to build them)."""
    if not report.is_draft:
        raise ReportRefused(_("This report is already approved."))
    from parent_charter.figures import periods

    figures = selectors.frozen_figures(council=report.council, period=periods.parse(report.quarter))
    with transaction.atomic():
        save_if_unchanged(
            report,
            expected_version=expected_version,
            fields={
                "status": ReportStatus.APPROVED,
                "figures": figures,
                "approved_by": actor,
                "approved_at": timezone.now(),
            },
        )
        if report.replaces_id:
            CommitteeReport.objects.filter(pk=report.replaces_id).update(
                status=ReportStatus.REPLACED
            )
        # PDFs of the draft showed live figures: they go, and the approved ones are built.
        ReportPdf.objects.filter(report=report).delete()
        _record_version(report, actor=actor, action="committee.report.approved")
        for language in LANGUAGES if build_pdfs else ():
            _queue_pdf(report=report, language=language, actor=actor)
    return report


def correct(*, report, actor, reason: str) -> CommitteeReport:
    """A new draft version of an approved report, with the reason for the correction. The
    approved version stays in force, unchanged, until the correction is approved."""
    if report.status != ReportStatus.APPROVED:
        raise ReportRefused(_("Only the approved version in force can be corrected."))
    with transaction.atomic():
        if CommitteeReport.objects.filter(
            quarter=report.quarter, status=ReportStatus.DRAFT
        ).exists():
            raise ReportRefused(_("A correction of this report is already being written."))
        correction = CommitteeReport.objects.create(
            council=report.council,
            quarter=report.quarter,
            number=report.number + 1,
            replaces=report,
            correction_reason=reason,
            created_by=actor,
            **{name: getattr(report, name) for name in SECTION_FIELDS},
        )
        _record_version(correction, actor=actor, action="committee.report.corrected")
    return correction


def _queue_pdf(*, report, language: str, actor) -> ReportPdf:
    pdf, _created = ReportPdf.objects.update_or_create(
        report=report,
        language=language,
        defaults={
            "council": report.council,
            "status": PdfStatus.QUEUED,
            "progress": 0,
            "content": None,
            "size": 0,
            "built_at": None,
            "requested_by": actor,
            "requested_at": timezone.now(),
        },
    )
    audit.record(
        actor=actor,
        council=report.council,
        action="committee.pdf.requested",
        obj=report,
        detail={"language": language, "version": report.number},
    )
    from .tasks import build_pdf_task

    pdf_id, council_id = pdf.pk, report.council_id
    transaction.on_commit(lambda: build_pdf_task.enqueue(pdf_id, council_id))
    return pdf


def request_pdf(*, report, language: str, actor) -> ReportPdf:
    """Ask the worker to build (or rebuild) one language's PDF of the report."""
    if language not in LANGUAGES:
        raise ReportRefused(_("Choose English or Welsh."))
    with transaction.atomic():
        existing = ReportPdf.objects.filter(report=report, language=language).first()
        if existing and existing.status in (PdfStatus.QUEUED, PdfStatus.BUILDING):
            return existing  # already on its way: asking twice builds it once
        return _queue_pdf(report=report, language=language, actor=actor)


def _progress(pdf, percent: int, status=PdfStatus.BUILDING) -> None:
    ReportPdf.objects.filter(pk=pdf.pk).update(status=status, progress=percent)


def build_pdf(*, pdf: ReportPdf) -> ReportPdf:
    """Build a queued PDF, saying how far it has got, and keep its bytes in its row."""
    from .pdf import render_pdf

    report = pdf.report
    _progress(pdf, 10)
    try:
        content = render_pdf(
            report=report,
            council=report.council,
            language=pdf.language,
            progress=lambda percent: _progress(pdf, percent),
        )
    except Exception:
        _progress(pdf, 0, PdfStatus.FAILED)
        raise
    with transaction.atomic():
        ReportPdf.objects.filter(pk=pdf.pk).update(
            status=PdfStatus.READY,
            progress=100,
            content=content,
            size=len(content),
            built_at=timezone.now(),
        )
        audit.record(
            actor=pdf.requested_by,
            council=report.council,
            action="committee.pdf.built",
            obj=report,
            detail={"language": pdf.language, "version": report.number, "bytes": len(content)},
        )
    pdf.refresh_from_db()
    return pdf


def pdf_downloaded(*, pdf: ReportPdf, actor) -> None:
    audit.record_now(
        actor=actor,
        council=pdf.council,
        action="committee.pdf.downloaded",
        obj=pdf.report,
        detail={"language": pdf.language, "version": pdf.report.number},
    )


__all__ = [
    "EditConflict",
    "ReportRefused",
    "approve",
    "build_pdf",
    "correct",
    "create_draft",
    "pdf_downloaded",
    "request_pdf",
    "sections_update",
]
