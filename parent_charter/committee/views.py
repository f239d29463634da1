"""The committee reports: the list, a report's page (draft or approved), the officer's
sections, approval, correction, and the PDFs built in the background."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.permissions import requires

from . import charts, selectors, services
from .forms import ApproveForm, CorrectionForm, SectionsForm, StartReportForm
from .models import PdfStatus, ReportPdf, ReportStatus


@requires("committee.view_report")
@require_GET
def index(request):
    can_change = request.user.has_perm("committee.change_report")
    return render(
        request,
        "committee/index.html",
        {
            "reports": list(selectors.visible_reports(request.user)),
            "can_change": can_change,
            "form": StartReportForm(today=timezone.localdate()) if can_change else None,
        },
    )


@requires("committee.change_report")
@require_POST
def create(request):
    form = StartReportForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        try:
            report = services.create_draft(
                council=request.user.council,
                actor=request.user,
                period=form.cleaned_data["quarter"],
            )
        except services.ReportRefused as refusal:
            form.add_error("quarter", str(refusal))
        else:
            messages.success(request, _("Draft report started"))
            return redirect("committee:report", public_id=report.public_id)
    return render(
        request,
        "committee/index.html",
        {
            "reports": list(selectors.visible_reports(request.user)),
            "can_change": True,
            "form": form,
        },
    )


@requires("committee.view_report")
@require_GET
def report(request, public_id):
    report = selectors.report_or_404(request.user, public_id)
    figures = selectors.report_figures(report)
    return render(
        request,
        "committee/report.html",
        {
            "report": report,
            "council": request.user.council,
            "figures": figures,
            "summary": selectors.summary(figures),
            "charts": charts.report_charts(figures),
            "patterns": charts.PATTERNS,
            "pdfs": _pdf_rows(report),
            "can_change": request.user.has_perm("committee.change_report"),
            "approve_form": ApproveForm(initial={"version": report.version}),
        },
    )


def _pdf_rows(report):
    found = selectors.pdfs_by_language(report)
    return [
        {"language": language, "name": name, "pdf": found.get(language)}
        for language, name in (("en", _("English")), ("cy", _("Welsh")))
    ]


@requires("committee.change_report")
@require_http_methods(["GET", "POST"])
def edit(request, public_id):
    report = selectors.report_or_404(request.user, public_id)
    if not report.is_draft:
        messages.error(request, _("An approved report cannot be changed: correct it instead."))
        return redirect("committee:report", public_id=report.public_id)
    conflict = None
    if request.method == "POST":

        def update(**fields):
            services.sections_update(report=report, actor=request.user, **fields)

        form, conflict, saved = submit_locked_edit(request, SectionsForm(request.POST), update)
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect("committee:report", public_id=report.public_id)
    else:
        form = SectionsForm(initial=SectionsForm.initial_for(report))
    return render(
        request,
        "committee/edit.html",
        {"report": report, "form": form, "conflict": conflict},
    )


@requires("committee.change_report")
@require_POST
def approve(request, public_id):
    report = selectors.report_or_404(request.user, public_id)
    form = ApproveForm(request.POST)
    form.is_valid()
    try:
        services.approve(report=report, actor=request.user, expected_version=form.expected_version)
    except services.ReportRefused as refusal:
        messages.error(request, str(refusal))
    except EditConflict:
        messages.error(
            request,
            _(
                "Someone changed the report while you were reading it. Nothing was approved: "
                "read it again, then approve."
            ),
        )
    else:
        messages.success(
            request, _("Report approved. Its figures are now fixed, and its PDFs are being built.")
        )
    return redirect("committee:report", public_id=report.public_id)


@requires("committee.change_report")
@require_http_methods(["GET", "POST"])
def correct(request, public_id):
    report = selectors.report_or_404(request.user, public_id)
    if report.status != ReportStatus.APPROVED:
        messages.error(request, _("Only the approved version in force can be corrected."))
        return redirect("committee:report", public_id=report.public_id)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.correct(
                report=report, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ReportRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, _("A new draft version was started"))
            return redirect("committee:report", public_id=correction.public_id)
    return render(request, "committee/correct.html", {"report": report, "form": form})


@requires("committee.view_report")
@require_POST
def build_pdf(request, public_id, language):
    report = selectors.report_or_404(request.user, public_id)
    if language not in services.LANGUAGES:
        raise Http404
    services.request_pdf(report=report, language=language, actor=request.user)
    messages.success(
        request, _("The PDF is being built. Refresh this page to see when it is ready.")
    )
    return redirect(reverse("committee:report", kwargs={"public_id": report.public_id}) + "#pdf")


@requires("committee.view_report")
@require_GET
def download(request, public_id, language):
    report = selectors.report_or_404(request.user, public_id)
    pdf = ReportPdf.objects.filter(report=report, language=language, status=PdfStatus.READY).first()
    if pdf is None:
        messages.info(request, _("That PDF is not ready yet."))
        return redirect(
            reverse("committee:report", kwargs={"public_id": report.public_id}) + "#pdf"
        )
    services.pdf_downloaded(pdf=pdf, actor=request.user)
    response = HttpResponse(bytes(pdf.content), content_type="application/pdf")
    name = f"committee-report-{report.quarter}-v{report.number}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
