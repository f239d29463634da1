"""The council figures page, and for team managers the parents behind a parents figure."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from parent_charter.core.edit_views import council_setting_page
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
    return council_setting_page(
        request,
        services.settings_for(request.user.council),
        form_class=FiguresSettingsForm,
        update=services.settings_update,
        template="figures/settings.html",
        done="figures:index",
        record_name="row",
    )
