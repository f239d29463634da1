"""The public search of the directory and each service's page. No personal data, no sign-in."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from parent_charter.availability import services as contact_services
from parent_charter.core.pages import or_404
from parent_charter.core.permissions import public

from . import opening, selectors
from .forms import SearchForm

RESULTS_PER_PAGE = 20


@public
@require_http_methods(["GET"])
def search(request):
    councils = selectors.councils_with_directory()
    slug = request.GET.get("council", "")
    council = next((c for c in councils if c.slug == slug), None)
    form = SearchForm(
        request.GET if request.GET else None,
        councils=councils,
        needs=selectors.need_choices(council),
    )
    now = timezone.now()
    page, results = None, []
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        queryset = selectors.search(
            council=council,
            text=data.get("q", ""),
            need=data.get("need", ""),
            age=data.get("age"),
            open_at=now if data.get("open_now") else None,
        )
        page = Paginator(queryset, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results = [
            {
                "service": service,
                "state": opening.opening_state(list(service.schedules.all()), now),
                "needs": [
                    a.taxonomy_term for a in service.attributes.all() if a.taxonomy_term.theme
                ],
            }
            for service in page.object_list
        ]
        for row in results:
            row["change"] = opening.describe_change(row["state"], now)
    language = (get_language() or "en")[:2]
    context = {
        "form": form,
        "page": page,
        "results": results,
        "council": council,
        "council_name": council.display_name(language) if council else "",
    }
    if page is not None and not page.paginator.count and data.get("open_now"):
        context.update(_nobody_open(council, councils, now, language))
    return render(request, "directory/search.html", context)


def _nobody_open(council, councils, now, language) -> dict:
    """Nothing listed is open (an evening, a weekend): never a dead end. With a council, who to
    call at this moment and its emergency duty team; without one, every council's way to both."""
    if council is not None:
        return {"contact_answer": contact_services.who_to_contact(council=council, at=now)}
    return {
        "contact_councils": [
            {"council": c, "name": c.display_name(language)}
            for c in sorted(councils, key=lambda c: c.display_name(language))
        ]
    }


@public
@require_http_methods(["GET"])
def service_page(request, id):
    service = or_404(selectors.public_service, id)
    now = timezone.now()
    today = timezone.localdate(now)
    schedules = list(service.schedules.all())
    state = opening.opening_state(schedules, now)
    language = (get_language() or "en")[:2]
    return render(
        request,
        "directory/service_page.html",
        {
            "service": service,
            "council_name": service.council.display_name(language),
            "eligibility": selectors.eligibility_of(service),
            "state": state,
            "change": opening.describe_change(state, now),
            "regular": [
                {"text": opening.describe(s), "note": s.display_description}
                for s in schedules
                if not s.is_exception
                and (s.valid_to is None or s.valid_to >= today)
                and (opening.describe(s) or s.display_description)
            ],
            "exceptions": [
                {"text": opening.describe(s), "note": s.display_description}
                for s in schedules
                if s.is_exception and (s.valid_to or s.valid_from) >= today
            ],
        },
    )
