"""Staff pages for concerns: raise one, the concern page, change or close it, and record the
summary for the parent, offers, requests and decisions, the parent's views and support."""

import uuid
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.form_reads import record_parent_viewed
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import requires

from . import selectors, services, services_rights, services_summary
from .forms import (
    CloseForm,
    ConcernEditForm,
    ConcernRaiseForm,
    DecisionForm,
    OfferForm,
    OfferUpdateForm,
    ParentViewForm,
    RequestForm,
    SharedForm,
    SummaryForm,
    SupportForm,
)
from .models import Concern

PAGE_SIZE = 50
READ_ONLY = ["GET", "HEAD"]
FORM = ["GET", "POST"]


def _concern(public_id) -> Concern:
    return or_404(selectors.concern_for_change, public_id=public_id)


def _to_concern(concern, anchor: str = ""):
    response = redirect("concerns:detail", public_id=concern.public_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _add_once(request, concern, form, create, *, anchor: str, message):
    """Add what a valid form says, once per form token; after a save (told with `message`,
    or `message(obj)`) or a resend, back to the concern page's section. None: the form is
    shown again with its errors."""
    added = submit_once(request, form, create)
    if added.saved:
        messages.success(request, message(added.obj) if callable(message) else message)
    if added.saved or added.duplicate:
        return _to_concern(concern, anchor)
    return None


def _add_page(
    request,
    public_id,
    form_class,
    create,
    *,
    anchor: str,
    message: str,
    template: str,
    form_name: str,
    initial=None,
    form_kwargs=None,
):
    """A page that adds one record under the concern: `create(concern=, actor=, form_token=,
    **form.record_fields())` once per form token, then back to the concern page's section."""
    concern = _concern(public_id)
    kwargs = form_kwargs(concern) if form_kwargs else {}
    if request.method == "POST":
        form = form_class(request.POST, **kwargs)
        done = _add_once(
            request,
            concern,
            form,
            lambda token: create(
                concern=concern, actor=request.user, form_token=token, **form.record_fields()
            ),
            anchor=anchor,
            message=message,
        )
        if done:
            return done
    else:
        form = form_class(initial={"form_token": uuid.uuid4(), **(initial or {})}, **kwargs)
    return _render_form(request, concern, template, form, form_name=form_name)


def _edit_page(
    request,
    concern,
    item,
    form_class,
    update,
    *,
    anchor: str,
    message: str,
    template: str,
    form_name: str,
    form_kwargs=None,
    initial=None,
    **extra,
):
    """A page that changes `item` at the version its editor started from (`update(actor=,
    expected_version=, **form.record_fields())`), then back to the concern page's section.
    `form_kwargs(item)` are the form's own arguments; someone else's save shows both versions.
    """
    kwargs_for = form_kwargs or (lambda current: {})
    conflict = None
    if request.method == "POST":
        try:
            form, conflict, saved = submit_locked_edit(
                request,
                form_class(request.POST, **kwargs_for(item)),
                partial(update, actor=request.user),
                rebind_kwargs=form_kwargs,
            )
        except services.ConcernClosed:
            return _closed(request, concern)
        if saved:
            messages.success(request, message)
            return _to_concern(concern, anchor)
    else:
        initial = form_class.initial_for(item) if initial is None else initial
        form = form_class(initial=initial, **kwargs_for(item))
    return _render_form(
        request, concern, template, form, form_name=form_name, conflict=conflict, **extra
    )


def _render_form(request, concern, template, form, *, form_name, **extra):
    selectors.record_concern_viewed(actor=request.user, concern=concern, form=form_name)
    return render(
        request, template, {"concern": concern, "parent": concern.parent, "form": form, **extra}
    )


# --- The council's open concerns, and raising one --------------------------------------------


@requires("concerns.view_open_concerns")
@require_http_methods(READ_ONLY)
def concern_list(request):
    page = Paginator(selectors.open_concerns(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (
            concern,
            selectors.SUMMARY_STATES[
                selectors.summary_state(
                    concern.summary_number,
                    concern.summary_shared_on,
                    concern.summary_acknowledged_at,
                )
            ],
        )
        for concern in page
    ]
    selectors.record_list_viewed(actor=request.user, shown=len(rows), page=page.number)
    return render(request, "concerns/list.html", {"page": page, "rows": rows})


@requires("concerns.change_concern")
@require_http_methods(FORM)
def concern_raise(request, parent_id):
    parent = or_404(selectors.parent_for_concern, public_id=parent_id)
    if request.method == "POST":
        form = ConcernRaiseForm(request.POST)
        added = submit_once(
            request,
            form,
            lambda token: services.concern_raise(
                parent=parent, actor=request.user, form_token=token, **form.record_fields()
            ),
        )
        if added.duplicate and added.obj is None:
            return redirect("parents:detail", public_id=parent.public_id)
        if added.saved:
            messages.success(
                request, _("Concern recorded. The parent's plan now holds the promises for it.")
            )
        if added.obj is not None:
            return _to_concern(added.obj)
    else:
        form = ConcernRaiseForm(initial={"form_token": uuid.uuid4()})
    record_parent_viewed(actor=request.user, parent=parent, form="concern.raise")
    return render(
        request,
        "concerns/raise.html",
        {"form": form, "parent": parent, "has_children": parent.child_links.exists()},
    )


# --- The concern page, changing and closing it ----------------------------------------------


@requires("concerns.view_concern")
@require_http_methods(READ_ONLY)
def concern_detail(request, public_id):
    page = or_404(selectors.concern_for_page, actor=request.user, public_id=public_id)
    return render(
        request,
        "concerns/detail.html",
        {"page": page, "concern": page.concern, "parent": page.concern.parent},
    )


def _closed(request, concern):
    messages.info(request, _("This concern is closed, so its record can no longer be changed."))
    return _to_concern(concern)


@requires("concerns.change_concern")
@require_http_methods(FORM)
def concern_edit(request, public_id):
    concern = _concern(public_id)
    if not concern.is_open:
        return _closed(request, concern)
    conflict = None
    if request.method == "POST":
        changed = []

        def update(**fields):
            changed.extend(services.concern_update(concern=concern, actor=request.user, **fields))

        try:
            form, conflict, saved = submit_locked_edit(
                request, ConcernEditForm(request.POST), update
            )
        except services.ConcernClosed:
            return _closed(request, concern)
        if saved:
            if changed:
                messages.success(request, _("Changes saved"))
            else:
                messages.info(request, _("Nothing was changed"))
            return _to_concern(concern)
    else:
        form = ConcernEditForm(initial=ConcernEditForm.initial_for(concern))
    return _render_form(
        request, concern, "concerns/edit.html", form, form_name="concern.edit", conflict=conflict
    )


@requires("concerns.change_concern")
@require_http_methods(FORM)
def concern_close(request, public_id):
    concern = _concern(public_id)
    if not concern.is_open:
        return _closed(request, concern)
    return _edit_page(
        request,
        concern,
        concern,
        CloseForm,
        partial(services.concern_close, concern=concern),
        anchor="",
        message=_("Concern closed. The parent's plan has been updated."),
        template="concerns/close.html",
        form_name="concern.close",
        form_kwargs=lambda current: {"concern": current},
    )


# --- The summary for the parent ---------------------------------------------------------------


def _summary_saved(summary) -> str:
    if summary.is_shared:
        return _("Summary saved. The parent can read it online and has been told.")
    return _("Summary saved. Share it with the parent, then record when and how.")


@requires("concerns.change_concern")
@require_http_methods(FORM)
def summary_write(request, public_id):
    concern = _concern(public_id)
    latest = concern.summaries.order_by("-number").first()
    if request.method == "POST":
        form = SummaryForm(request.POST)
        done = _add_once(
            request,
            concern,
            form,
            lambda token: services_summary.summary_write(
                concern=concern,
                actor=request.user,
                form_token=token,
                **form.record_fields(),
            ),
            anchor="summary",
            message=_summary_saved,
        )
        if done:
            return done
    else:
        initial = {"form_token": uuid.uuid4()}
        if latest is not None:
            initial |= {"what_is_happening": latest.what_is_happening, "the_plan": latest.the_plan}
        form = SummaryForm(initial=initial)
    return _render_form(
        request,
        concern,
        "concerns/summary_form.html",
        form,
        form_name="concern.summary",
        latest=latest,
    )


@requires("concerns.change_concern")
@require_http_methods(FORM)
def summary_shared(request, public_id, summary_id):
    concern = _concern(public_id)
    summary = or_404(selectors.summary_for_change, concern=concern, public_id=summary_id)
    if summary.is_shared:
        messages.info(request, _("This version has already been shared with the parent."))
        return _to_concern(concern, "summary")
    if request.method == "POST":
        form = SharedForm(request.POST, summary=summary)
        if form.is_valid():
            try:
                services_summary.summary_record_shared(
                    summary=summary, actor=request.user, **form.cleaned_data
                )
            except services_summary.AlreadyShared:
                messages.info(request, _("This version has already been shared with the parent."))
            else:
                messages.success(request, _("Recorded that the summary was shared"))
            return _to_concern(concern, "summary")
    else:
        form = SharedForm(summary=summary)
    return _render_form(
        request,
        concern,
        "concerns/shared_form.html",
        form,
        form_name="concern.summary_shared",
        summary=summary,
    )


# --- Advocacy and legal advice ----------------------------------------------------------------


@requires("concerns.change_concern")
@require_http_methods(FORM)
def offer_add(request, public_id):
    return _add_page(
        request,
        public_id,
        OfferForm,
        services_rights.offer_record,
        anchor="offers",
        message=_("Offer recorded"),
        template="concerns/offer_form.html",
        form_name="concern.offer_add",
    )


@requires("concerns.change_concern")
@require_http_methods(FORM)
def offer_answer(request, public_id, offer_id):
    concern = _concern(public_id)
    offer = or_404(selectors.offer_for_change, concern=concern, public_id=offer_id)
    return _edit_page(
        request,
        concern,
        offer,
        OfferUpdateForm,
        partial(services_rights.offer_update, offer=offer),
        anchor="offers",
        message=_("The parent's answer is saved"),
        template="concerns/offer_form.html",
        form_name="concern.offer_answer",
        offer=offer,
    )


# --- The parent's requests --------------------------------------------------------------------


@requires("concerns.change_concern")
@require_http_methods(FORM)
def request_add(request, public_id):
    return _add_page(
        request,
        public_id,
        RequestForm,
        services_rights.request_record,
        anchor="requests",
        message=_("Request recorded. Record the decision when it is made."),
        template="concerns/request_form.html",
        form_name="concern.request_add",
        initial={"asked_by": "parent"},
    )


@requires("concerns.change_concern")
@require_http_methods(FORM)
def request_decide(request, public_id, request_id):
    concern = _concern(public_id)
    record = or_404(selectors.request_for_change, concern=concern, public_id=request_id)
    initial = DecisionForm.initial_for(record)
    if not initial["decided_by_name"]:
        initial["decided_by_name"] = request.user.full_name
    return _edit_page(
        request,
        concern,
        record,
        DecisionForm,
        partial(services_rights.request_decide, request=record),
        anchor="requests",
        message=_("Decision recorded. The parent has been told."),
        template="concerns/decide.html",
        form_name="concern.request_decide",
        form_kwargs=lambda current: {"request_record": current},
        initial=initial,
        record=record,
    )


# --- The parent's views, and support ----------------------------------------------------------


@requires("concerns.change_concern")
@require_http_methods(FORM)
def view_add(request, public_id):
    return _add_page(
        request,
        public_id,
        ParentViewForm,
        services_rights.view_record,
        anchor="views",
        message=_("The parent's view is recorded"),
        template="concerns/view_form.html",
        form_name="concern.view_add",
    )


@requires("concerns.add_support")
@require_http_methods(FORM)
def support_add(request, public_id):
    return _add_page(
        request,
        public_id,
        SupportForm,
        services_rights.support_add,
        anchor="support",
        message=_("Support added to the parent's plan"),
        template="concerns/support_form.html",
        form_name="concern.support_add",
        form_kwargs=lambda concern: {"council": concern.council_id},
    )
