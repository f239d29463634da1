"""Staff pages: parenting assessments, and the sealed care history with its break-glass.

The care history's door (`assessments.open_care_history`) lets any case worker knock; inside,
`selectors.access_for` decides whether they go in normally, under a running break-glass grant,
or are refused (403) and offered the form to give a reason.
"""

import uuid
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from parent_charter.audit import services as audit
from parent_charter.core.edit_views import add_page, edit_page
from parent_charter.core.form_reads import record_parent_viewed
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import requires
from parent_charter.parents.models import Parent

from . import selectors, services
from .forms import AssessmentForm, BreakGlassForm, CareHistoryEntryForm
from .models import EntryKind
from .services import GRANT_MINUTES

READ_ONLY = ["GET", "HEAD"]
ADD_ENTRY_LINKS = (
    (EntryKind.PERIOD, gettext_lazy("Add a period in care")),
    (EntryKind.REASON, gettext_lazy("Add a reason for coming into care")),
    (EntryKind.EVENT, gettext_lazy("Add a significant event")),
    (EntryKind.NOTE, gettext_lazy("Add a note")),
)


def _parent(public_id) -> Parent:
    return or_404(selectors.parent_for, public_id=public_id)


def _parent_page(parent, anchor: str) -> str:
    return reverse("parents:detail", kwargs={"public_id": parent.public_id}) + f"#{anchor}"


# --- Assessments ------------------------------------------------------------------------------


@requires("assessments.record_assessment")
@require_http_methods(["GET", "POST"])
def assessment_add(request, parent_id):
    parent = _parent(parent_id)
    assessors = selectors.assessor_choices(parent.council)
    if request.method == "POST":
        form = AssessmentForm(request.POST, assessors=assessors, adding=True)
        added = submit_once(
            request,
            form,
            lambda token: services.assessment_add(
                parent=parent, actor=request.user, form_token=token, **form.record_fields()
            ),
        )
        if added.duplicate and added.obj is None:
            return redirect(_parent_page(parent, "assessments"))
        if added.saved:
            messages.success(request, _("Assessment recorded"))
        if added.obj is not None:
            return redirect("assessments:detail", public_id=added.obj.public_id)
    else:
        initial = {"form_token": uuid.uuid4()}
        if any(person.pk == request.user.pk for person in assessors):
            initial["assessor"] = str(request.user.public_id)
        form = AssessmentForm(assessors=assessors, adding=True, initial=initial)
    record_parent_viewed(actor=request.user, parent=parent, form="assessment.add")
    return render(request, "assessments/assessment_form.html", {"form": form, "parent": parent})


@requires("assessments.view_assessment")
@require_http_methods(READ_ONLY)
def assessment_detail(request, public_id):
    assessment = or_404(selectors.assessment_for_view, actor=request.user, public_id=public_id)
    return render(
        request,
        "assessments/assessment_detail.html",
        {"assessment": assessment, "parent": assessment.parent},
    )


@requires("assessments.record_assessment")
@require_http_methods(["GET", "POST"])
def assessment_edit(request, public_id):
    assessment = or_404(
        selectors.assessment_for_view,
        actor=request.user,
        public_id=public_id,
        form="assessment.edit",
    )
    assessors = selectors.assessor_choices(assessment.council, keep=assessment.assessor)
    return edit_page(
        request,
        assessment,
        form_class=AssessmentForm,
        form_kwargs={"assessors": assessors, "adding": False},
        update=partial(services.assessment_update, assessment=assessment, actor=request.user),
        template="assessments/assessment_form.html",
        done=reverse("assessments:detail", kwargs={"public_id": assessment.public_id}),
        message=_("Changes saved"),
        context={"parent": assessment.parent},
        record_name="assessment",
    )


# --- The sealed care history ------------------------------------------------------------------


def _refuse_sealed(request, parent: Parent):
    """403 with the way forward: the door stays shut, and the refusal is in the trail."""
    with transaction.atomic():
        audit.record(
            actor=request.user,
            council=parent.council,
            action="access.denied",
            obj=parent,
            detail={
                "permission": "assessments.open_care_history",
                "view": request.resolver_match.view_name,
                "sealed": True,
            },
        )
    return render(
        request,
        "assessments/care_history_sealed.html",
        {"parent": parent, "minutes": GRANT_MINUTES},
        status=403,
    )


@requires("assessments.open_care_history")
@require_http_methods(READ_ONLY)
def care_history(request, parent_id):
    parent = _parent(parent_id)
    access = selectors.access_for(request, parent)
    if not access.allowed:
        return _refuse_sealed(request, parent)
    services.record_opening(parent=parent, actor=request.user, access=access)
    history = selectors.care_history_of(parent)
    return render(
        request,
        "assessments/care_history.html",
        {
            "parent": parent,
            "history": history,
            "entries": selectors.entries_of(history),
            "access": access,
            "can_change": access.normal_role is not None
            and request.user.has_perm("assessments.change_care_history"),
            "add_links": ADD_ENTRY_LINKS,
        },
    )


@requires("assessments.open_care_history")
@require_http_methods(["GET", "POST"])
def break_glass(request, parent_id):
    parent = _parent(parent_id)
    access = selectors.access_for(request, parent)
    if access.normal_role is not None:
        # The parent's adviser and the managers need no reason: straight in (and recorded).
        return redirect("assessments:care_history", parent_id=parent.public_id)
    exists = selectors.care_history_of(parent) is not None
    if request.method == "POST" and exists:
        form = BreakGlassForm(request.POST)
        if form.is_valid():
            try:
                grant = services.break_glass(
                    parent=parent,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    form_token=form.cleaned_data["form_token"] or uuid.uuid4(),
                )
            except services.DuplicateSubmission as duplicate:
                grant = duplicate.existing
                if grant is None or grant.opened_by_id != request.user.pk:
                    raise PermissionDenied from None
            selectors.remember_grant(request, grant)
            messages.success(
                request,
                _(
                    "The care history is open to you for %(minutes)s minutes. The team managers "
                    "have been told, and the opening is listed on the parent's record."
                )
                % {"minutes": GRANT_MINUTES},
            )
            return redirect("assessments:care_history", parent_id=parent.public_id)
    else:
        form = BreakGlassForm(initial={"form_token": uuid.uuid4()})
    record_parent_viewed(actor=request.user, parent=parent, form="care_history.break_glass")
    return render(
        request,
        "assessments/break_glass.html",
        {
            "form": form,
            "parent": parent,
            "exists": exists,
            "grant": access.grant,
            "minutes": GRANT_MINUTES,
        },
    )


@requires("assessments.view_care_history_openings")
@require_http_methods(READ_ONLY)
def openings(request, parent_id):
    parent = _parent(parent_id)
    rows = selectors.openings_of(parent)
    selectors.record_openings_viewed(actor=request.user, parent=parent, shown=len(rows))
    return render(request, "assessments/openings.html", {"parent": parent, "openings": rows})


def _kind_or_404(kind: str) -> str:
    if kind not in EntryKind.values:
        raise Http404
    return kind


def _changer_access(request, parent: Parent) -> selectors.Access:
    """Entries are changed only with the normal right, never under a break-glass grant."""
    access = selectors.access_for(request, parent)
    if access.normal_role is None:
        raise PermissionDenied
    return access


@requires("assessments.change_care_history")
@require_http_methods(["GET", "POST"])
def entry_add(request, parent_id, kind):
    parent = _parent(parent_id)
    kind = _kind_or_404(kind)
    access = _changer_access(request, parent)
    history_url = reverse("assessments:care_history", kwargs={"parent_id": parent.public_id})
    return add_page(
        request,
        form_class=CareHistoryEntryForm,
        form_kwargs={"kind": kind, "parent": parent},
        add=partial(services.entry_add, parent=parent, actor=request.user, kind=kind),
        template="assessments/entry_form.html",
        done=lambda entry: history_url,
        message=lambda entry: _("Added to the care history"),
        context={"parent": parent, "kind_label": EntryKind(kind).label},
        record_name="entry",
        on_show=lambda: services.record_opening(
            parent=parent, actor=request.user, access=access, form="care_history.entry.add"
        ),
    )


@requires("assessments.change_care_history")
@require_http_methods(["GET", "POST"])
def entry_edit(request, public_id):
    entry = or_404(selectors.entry_for_change, public_id=public_id)
    parent = entry.history.parent
    access = _changer_access(request, parent)
    return edit_page(
        request,
        entry,
        form_class=CareHistoryEntryForm,
        form_kwargs={"kind": entry.kind, "parent": parent, "adding": False},
        update=partial(services.entry_update, entry=entry, actor=request.user),
        template="assessments/entry_form.html",
        done=reverse("assessments:care_history", kwargs={"parent_id": parent.public_id}),
        message=_("Changes saved"),
        context={"parent": parent, "kind_label": entry.get_kind_display()},
        record_name="entry",
        on_show=lambda: services.record_opening(
            parent=parent, actor=request.user, access=access, form="care_history.entry.edit"
        ),
    )
