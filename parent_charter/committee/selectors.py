"""Reads of the committee reports. A draft's figures are read live from the council figures; an
approved report's are the ones stored at approval, never recomputed."""

from django.http import Http404
from django.utils import translation

from parent_charter.figures import periods
from parent_charter.figures.selectors import council_figures

from . import snapshot
from .models import CommitteeReport, ReportPdf, ReportStatus


def _language(language: str | None = None) -> str:
    language = language or translation.get_language() or "en"
    return "cy" if language.startswith("cy") else "en"


def visible_reports(user):
    """The council's reports the user may read: drafts only for those who write them."""
    reports = CommitteeReport.objects.select_related("approved_by", "created_by")
    if not user.has_perm("committee.change_report"):
        reports = reports.exclude(status=ReportStatus.DRAFT)
    return reports


def report_or_404(user, public_id) -> CommitteeReport:
    report = visible_reports(user).select_related("replaces").filter(public_id=public_id).first()
    if report is None:
        raise Http404
    return report


def report_figures(report: CommitteeReport, language: str | None = None) -> dict:
    """The figures the report shows, in the language asked (or the active one)."""
    if report.figures:
        return snapshot.thaw(report.figures[_language(language)])
    with translation.override(_language(language)):
        return council_figures(council=report.council, period=periods.parse(report.quarter))


def frozen_figures(*, council, period) -> dict:
    """The council figures of a period as JSON, in English and in Welsh."""
    stored = {}
    for language in ("en", "cy"):
        with translation.override(language):
            stored[language] = snapshot.freeze(council_figures(council=council, period=period))
    return stored


def pdfs_by_language(report: CommitteeReport) -> dict:
    """Each language's PDF row of the report, without reading the PDF's bytes."""
    return {pdf.language: pdf for pdf in ReportPdf.objects.filter(report=report).defer("content")}


def current_report(*, quarter: str):
    """The report members should read for a quarter: the approved version still in force, or
    else the draft (None when there is neither)."""
    reports = list(
        CommitteeReport.objects.filter(
            quarter=quarter, status__in=[ReportStatus.APPROVED, ReportStatus.DRAFT]
        ).order_by("status", "-number")
    )
    return reports[0] if reports else None


def summary(figures) -> dict:
    """The few figures the plain-words summary speaks of, as protected counts."""
    cs_rows = figures["childrens_services"]["rows"]

    def cs(index, period=0):
        return cs_rows[index][1][period][-1][0]  # the "all kinds" cell

    headline = figures["parents"]["headline"]
    promises = figures["promises"]["rows"]
    least = promises[0] if promises and promises[0]["kept"].percent is not None else None
    return {
        "supported": headline[0][2][0],
        "supported_before": headline[0][2][1],
        "started": headline[1][2][0],
        "least_kept": least,
        "cs_made": cs(0),
        "cs_held_history": cs(2),
        "cs_held_routine": cs(3),
        "cs_refused": cs(4),
        "separated": figures["separation"]["separated"][0],
        "children": figures["separation"]["children"][0],
        "separated_share": figures["separation"]["shares"][0],
        "challenges": figures["challenges"]["totals"][0][0],
    }
