"""The council figures page, and for team managers the parents behind a parents figure."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.permissions import requires

from . import periods, selectors, services
from .forms import FiguresSettingsForm, PeriodForm


def _period(request):
    """The chosen period, or the last full quarter; the form carries any error to show."""
    today = timezone.localdate()
    if "period" in request.GET:
        form = PeriodForm(request.GET, today=today)
        if form.is_valid():
            return form, form.cleaned_data["period"]
    else:
        form = PeriodForm(initial={"period": periods.last_full_quarter(today).slug}, today=today)
    return form, periods.last_full_quarter(today)


@requires("figures.view_figures")
@require_GET
def index(request):
    form, period = _period(request)
    figures = selectors.council_figures(council=request.user.council, period=period)
    return render(
        request,
        "figures/index.html",
        {
            "form": form,
            "figures": figures,
            "can_drill": request.user.has_perm("figures.view_figure_parents"),
            "can_change_settings": request.user.has_perm("figures.change_settings"),
        },
    )


@requires("figures.view_figure_parents")
@require_GET
def parents(request):
    form, period = _period(request)
    figure = request.GET.get("figure", "supported")
    if figure not in selectors.DRILL_FIGURES:
        raise Http404
    people = selectors.parents_behind(
        actor=request.user, council=request.user.council, period=period, figure=figure
    )
    return render(
        request,
        "figures/parents.html",
        {
            "form": form,
            "period": period,
            "figure": figure,
            "figure_label": selectors.drill_label(figure),
            "people": people,
        },
    )


@requires("figures.change_settings")
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    council = request.user.council
    row = services.settings_for(council)
    conflict = None
    if request.method == "POST":
        form = FiguresSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.settings_update(
                    council=council,
                    actor=request.user,
                    expected_version=form.expected_version,
                    suppression_threshold=form.cleaned_data["suppression_threshold"],
                )
            except EditConflict as error:
                conflict = row = error.current
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = FiguresSettingsForm(data)
                form.is_valid()
            else:
                messages.success(request, _("Changes saved"))
                return redirect("figures:index")
    else:
        form = FiguresSettingsForm(initial=FiguresSettingsForm.initial_for(row))
    return render(request, "figures/settings.html", {"form": form, "conflict": conflict})
