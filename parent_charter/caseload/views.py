"""Caseload and oversight: an adviser's caseload, the team's, reassigning a parent, a timeline."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.conflicts import rebind_after_conflict
from parent_charter.core.permissions import requires
from parent_charter.parents import selectors as parent_selectors
from parent_charter.parents.models import Parent
from parent_charter.plans.selectors import offer_for

from . import selectors, services
from .forms import CaseloadFilterForm, ReassignForm
from .timeline import timeline as timeline_of

PAGE_SIZE = 50


@requires("parents.view_caseload")
@require_http_methods(["GET"])
def caseload(request):
    user, today = request.user, timezone.localdate()
    whole_council = user.has_perm("parents.view_team")
    advisers = list(selectors.advisers_of(user.council)) if whole_council else None
    form = CaseloadFilterForm(request.GET, advisers=advisers)
    form.is_valid()
    filters = form.filters()
    offer = offer_for(user.council)
    parents = selectors.caseload(
        user=user, whole_council=whole_council, filters=filters, offer=offer, today=today
    )
    page = Paginator(parents, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.caseload_rows(page.object_list, offer=offer, today=today)
    selectors.record_caseload_viewed(
        actor=user,
        council=user.council,
        filters=filters,
        shown=len(rows),
        total=page.paginator.count,
        page=page.number,
    )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "whole_council": whole_council,
        "filtered": bool(filters.for_audit()),
    }
    return render(request, "caseload/caseload.html", context)


@requires("parents.view_team")
@require_http_methods(["GET"])
def team(request):
    council = request.user.council
    overview = selectors.team_overview(
        actor=request.user,
        council=council,
        offer=offer_for(council),
        today=timezone.localdate(),
    )
    return render(request, "caseload/team.html", {"overview": overview})


def _parent_or_404(public_id) -> Parent:
    try:
        return selectors.parent_by_public_id(public_id)
    except Parent.DoesNotExist:
        raise Http404 from None


@requires("parents.reassign_parent")
@require_http_methods(["GET", "POST"])
def reassign(request, parent_id):
    try:
        parent = parent_selectors.parent_for_view(actor=request.user, public_id=parent_id)
    except Parent.DoesNotExist:
        raise Http404 from None
    form_kwargs = {"council": parent.council, "current_adviser": parent.personal_adviser}
    conflict = None
    if request.method == "POST":
        form = ReassignForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.reassign_parent(
                    parent=parent,
                    actor=request.user,
                    new_adviser=form.cleaned_data["personal_adviser"],
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"] or 0,
                )
            except EditConflict as error:
                current = error.current
                form, conflict = rebind_after_conflict(
                    request,
                    form,
                    current,
                    council=current.council,
                    current_adviser=current.personal_adviser,
                )
                parent = current
            else:
                messages.success(
                    request,
                    _("%(name)s is now this parent's personal adviser")
                    % {"name": parent.personal_adviser.get_full_name()},
                )
                return redirect("parents:detail", public_id=parent.public_id)
    else:
        form = ReassignForm(initial={"version": parent.version}, **form_kwargs)
    return render(
        request,
        "caseload/reassign.html",
        {"form": form, "parent": parent, "conflict": conflict},
    )


@requires("parents.view_timeline")
@require_http_methods(["GET"])
def timeline(request, parent_id):
    parent = _parent_or_404(parent_id)
    entries = timeline_of(actor=request.user, parent=parent)
    return render(request, "caseload/timeline.html", {"parent": parent, "entries": entries})
