"""Staff pages for parents' records: list, view, add, change, and the record's audit trail."""

import uuid

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.audit.selectors import trail_for_object
from parent_charter.core.concurrency import EditConflict
from parent_charter.core.conflicts import rebind_after_conflict
from parent_charter.core.permissions import requires

from . import selectors, services
from .forms import ParentForm
from .models import Parent

PAGE_SIZE = 50


def _get_parent(request, public_id) -> Parent:
    try:
        return selectors.parent_for_view(actor=request.user, public_id=public_id)
    except Parent.DoesNotExist:
        raise Http404 from None


@requires("parents.view_parent")
def parent_list(request):
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.parents_for_list(search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    selectors.record_list_viewed(
        actor=request.user, council=request.user.council, shown=len(page), page=page.number
    )
    return render(request, "parents/list.html", {"page": page, "search": search})


@requires("parents.view_parent")
def parent_detail(request, public_id):
    parent = _get_parent(request, public_id)
    return render(request, "parents/detail.html", {"parent": parent})


@requires("parents.add_parent")
@require_http_methods(["GET", "POST"])
def parent_create(request):
    council = request.user.council
    if request.method == "POST":
        form = ParentForm(request.POST, council=council)
        if form.is_valid():
            token = form.cleaned_data["form_token"] or uuid.uuid4()
            try:
                parent = services.parent_create(
                    council=council, actor=request.user, form_token=token, **form.record_fields()
                )
            except services.DuplicateSubmission as duplicate:
                if duplicate.existing is None:
                    raise Http404 from None
                messages.info(
                    request, _("That form had already been sent. Nothing was added twice.")
                )
                return redirect("parents:detail", public_id=duplicate.existing.public_id)
            messages.success(request, _("Parent record added"))
            return redirect("parents:detail", public_id=parent.public_id)
    else:
        form = ParentForm(council=council, initial={"form_token": uuid.uuid4()})
    return render(request, "parents/form.html", {"form": form, "parent": None})


@requires("parents.change_parent")
@require_http_methods(["GET", "POST"])
def parent_edit(request, public_id):
    parent = _get_parent(request, public_id)
    conflict = None
    if request.method == "POST":
        form = ParentForm(request.POST, council=parent.council)
        if form.is_valid():
            expected = form.cleaned_data["version"] or 0
            try:
                services.parent_update(
                    parent=parent,
                    actor=request.user,
                    expected_version=expected,
                    **form.record_fields(),
                )
            except EditConflict as error:
                form, conflict = rebind_after_conflict(
                    request, form, error.current, council=parent.council
                )
            else:
                messages.success(request, _("Changes saved"))
                return redirect("parents:detail", public_id=parent.public_id)
    else:
        form = ParentForm(council=parent.council, initial=ParentForm.initial_for(parent))
    return render(
        request, "parents/form.html", {"form": form, "parent": parent, "conflict": conflict}
    )


@requires("audit.view_trail")
def parent_audit_trail(request, public_id):
    parent = _get_parent(request, public_id)
    events = trail_for_object(actor=request.user, obj=parent)
    rows = [(event, _changed_labels(event)) for event in events]
    return render(request, "parents/audit_trail.html", {"parent": parent, "rows": rows})


def _changed_labels(event) -> list[str]:
    """The changed fields of an update event, in words a person reads (and in their language)."""
    labels = []
    for name in event.detail.get("fields", []):
        try:
            labels.append(str(Parent._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:  # a field since renamed: show its stored name
            labels.append(name)
    return labels
