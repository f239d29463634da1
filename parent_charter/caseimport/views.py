"""The council administrator's pages: the column mapping, an upload, and a run's progress.

Every page works without JavaScript: the run's page shows a progress bar and a link to look
again (and, if the administrator asks for it, refreshes itself every few seconds).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parent_charter.core.permissions import requires

from . import selectors, services
from .forms import PRESETS, ColumnMappingForm, UploadForm
from .models import ImportRun, RunStatus

PERMISSION = "caseimport.import_cases"
AUTO_REFRESH_SECONDS = 5


@requires(PERMISSION)
def start(request):
    council = request.user.council
    return render(
        request,
        "caseimport/start.html",
        {
            "council": council,
            "mapping": selectors.mapping_of(council),
            "runs": selectors.recent_runs(council),
        },
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def mapping(request):
    council = request.user.council
    existing = selectors.mapping_of(council)
    if request.method == "POST":
        form = ColumnMappingForm(request.POST, instance=existing)
        if form.is_valid():
            services.mapping_save(
                council=council,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in ColumnMappingForm.Meta.fields},
            )
            messages.success(request, _("Column mapping saved"))
            return redirect("caseimport:start")
    else:
        preset = PRESETS.get(request.GET.get("preset", ""))
        form = ColumnMappingForm(instance=existing, initial=preset)
        if preset and existing is not None:
            # A preset replaces what is saved only on the form, until it is saved.
            form = ColumnMappingForm(initial={**services.mapping_as_dict(existing), **preset})
    return render(
        request,
        "caseimport/mapping.html",
        {"form": form, "council": council, "presets": sorted(PRESETS)},
    )


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def upload(request):
    council = request.user.council
    current_mapping = selectors.mapping_of(council)
    if current_mapping is None:
        messages.info(request, _("Say first which columns of your case system's files hold what."))
        return redirect("caseimport:mapping")
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            run = services.run_create(
                council=council,
                actor=request.user,
                parents_text=form.cleaned_data["parents_file"],
                children_text=form.cleaned_data["children_file"],
            )
            return redirect("caseimport:run", public_id=run.public_id)
    return render(
        request,
        "caseimport/upload.html",
        {"form": form, "council": council, "mapping": current_mapping},
    )


def _run_or_404(public_id) -> ImportRun:
    try:
        return selectors.run_for(public_id)
    except ImportRun.DoesNotExist:
        raise Http404 from None


@requires(PERMISSION)
def run(request, public_id):
    the_run = _run_or_404(public_id)
    problems, page = selectors.problems_page(the_run, request.GET.get("page"))
    auto = request.GET.get("refresh") == "on" and the_run.is_running
    return render(
        request,
        "caseimport/run.html",
        {
            "run": the_run,
            "problems": problems,
            "page": page,
            "auto_refresh": AUTO_REFRESH_SECONDS if auto else None,
            "statuses": RunStatus,
        },
    )


@requires(PERMISSION)
@require_POST
def confirm(request, public_id):
    the_run = _run_or_404(public_id)
    if not services.run_confirm(run=the_run, actor=request.user):
        messages.error(request, _("This upload is not waiting to be imported."))
    return redirect("caseimport:run", public_id=the_run.public_id)
