"""Staff pages for concerns: raise one, the concern page, change or close it, and record the
summary for the parent, offers, requests and decisions, the parent's views and support."""

import uuid
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.permissions import requires
from parent_charter.parents.models import Parent

from . import selectors, services
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
from .models import Concern, ConcernOffer, ConcernRequest, ConcernSummary

PAGE_SIZE = 50
READ_ONLY = ["GET", "HEAD"]
FORM = ["GET", "POST"]


def _already_sent(request):
    messages.info(request, _("That form had already been sent. Nothing was added twice."))


def _token(form):
    return form.cleaned_data["form_token"] or uuid.uuid4()


def _concern(public_id) -> Concern:
    try:
        return selectors.concern_for_change(public_id=public_id)
    except Concern.DoesNotExist:
        raise Http404 from None


def _to_concern(concern, anchor: str = ""):
    response = redirect("concerns:detail", public_id=concern.public_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


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
    try:
        parent = selectors.parent_for_concern(public_id=parent_id)
    except Parent.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        form = ConcernRaiseForm(request.POST)
        if form.is_valid():
            try:
                concern = services.concern_raise(
                    parent=parent,
                    actor=request.user,
                    form_token=_token(form),
                    **form.record_fields(),
                )
            except services.DuplicateSubmission as duplicate:
                _already_sent(request)
                if duplicate.existing is None:
                    return redirect("parents:detail", public_id=parent.public_id)
                return _to_concern(duplicate.existing)
            messages.success(
                request, _("Concern recorded. The parent's plan now holds the promises for it.")
            )
            return _to_concern(concern)
    else:
        form = ConcernRaiseForm(initial={"form_token": uuid.uuid4()})
    selectors.record_parent_viewed(actor=request.user, parent=parent, form="concern.raise")
    return render(
        request,
        "concerns/raise.html",
        {"form": form, "parent": parent, "has_children": parent.child_links.exists()},
    )


# --- The concern page, changing and closing it ----------------------------------------------


@requires("concerns.view_concern")
@require_http_methods(READ_ONLY)
def concern_detail(request, public_id):
    try:
        page = selectors.concern_for_page(actor=request.user, public_id=public_id)
    except Concern.DoesNotExist:
        raise Http404 from None
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
    conflict = None
    if request.method == "POST":
        try:
            form, conflict, saved = submit_locked_edit(
                request,
                CloseForm(request.POST, concern=concern),
                partial(services.concern_close, concern=concern, actor=request.user),
                rebind_kwargs=lambda current: {"concern": current},
            )
        except services.ConcernClosed:
            return _closed(request, concern)
        if saved:
            messages.success(request, _("Concern closed. The parent's plan has been updated."))
            return _to_concern(concern)
    else:
        form = CloseForm(concern=concern, initial=CloseForm.initial_for(concern))
    return _render_form(
        request, concern, "concerns/close.html", form, form_name="concern.close", conflict=conflict
    )


# --- The summary for the parent ---------------------------------------------------------------


@requires("concerns.change_concern")
@require_http_methods(FORM)
def summary_write(request, public_id):
    concern = _concern(public_id)
    latest = concern.summaries.order_by("-number").first()
    if request.method == "POST":
        form = SummaryForm(request.POST)
        if form.is_valid():
            try:
                summary = services.summary_write(
                    concern=concern,
                    actor=request.user,
                    form_token=_token(form),
                    what_is_happening=form.cleaned_data["what_is_happening"],
                    the_plan=form.cleaned_data["the_plan"],
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                if summary.is_shared:
                    text = _("Summary saved. The parent can read it online and has been told.")
                else:
                    text = _("Summary saved. Share it with the parent, then record when and how.")
                messages.success(request, text)
            return _to_concern(concern, "summary")
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
    try:
        summary = selectors.summary_for_change(concern=concern, public_id=summary_id)
    except ConcernSummary.DoesNotExist:
        raise Http404 from None
    if summary.is_shared:
        messages.info(request, _("This version has already been shared with the parent."))
        return _to_concern(concern, "summary")
    if request.method == "POST":
        form = SharedForm(request.POST, summary=summary)
        if form.is_valid():
            try:
                services.summary_record_shared(
                    summary=summary, actor=request.user, **form.cleaned_data
                )
            except services.AlreadyShared:
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
    concern = _concern(public_id)
    if request.method == "POST":
        form = OfferForm(request.POST)
        if form.is_valid():
            try:
                services.offer_record(
                    concern=concern,
                    actor=request.user,
                    form_token=_token(form),
                    **form.record_fields(),
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("Offer recorded"))
            return _to_concern(concern, "offers")
    else:
        form = OfferForm(initial={"form_token": uuid.uuid4()})
    return _render_form(
        request, concern, "concerns/offer_form.html", form, form_name="concern.offer_add"
    )


@requires("concerns.change_concern")
@require_http_methods(FORM)
def offer_answer(request, public_id, offer_id):
    concern = _concern(public_id)
    try:
        offer = selectors.offer_for_change(concern=concern, public_id=offer_id)
    except ConcernOffer.DoesNotExist:
        raise Http404 from None
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            OfferUpdateForm(request.POST),
            partial(services.offer_update, offer=offer, actor=request.user),
        )
        if saved:
            messages.success(request, _("The parent's answer is saved"))
            return _to_concern(concern, "offers")
    else:
        form = OfferUpdateForm(initial=OfferUpdateForm.initial_for(offer))
    return _render_form(
        request,
        concern,
        "concerns/offer_form.html",
        form,
        form_name="concern.offer_answer",
        offer=offer,
        conflict=conflict,
    )


# --- The parent's requests --------------------------------------------------------------------


@requires("concerns.change_concern")
@require_http_methods(FORM)
def request_add(request, public_id):
    concern = _concern(public_id)
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                services.request_record(
                    concern=concern,
                    actor=request.user,
                    form_token=_token(form),
                    **form.record_fields(),
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(
                    request, _("Request recorded. Record the decision when it is made.")
                )
            return _to_concern(concern, "requests")
    else:
        form = RequestForm(initial={"form_token": uuid.uuid4(), "asked_by": "parent"})
    return _render_form(
        request, concern, "concerns/request_form.html", form, form_name="concern.request_add"
    )


@requires("concerns.change_concern")
@require_http_methods(FORM)
def request_decide(request, public_id, request_id):
    concern = _concern(public_id)
    try:
        record = selectors.request_for_change(concern=concern, public_id=request_id)
    except ConcernRequest.DoesNotExist:
        raise Http404 from None
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            DecisionForm(request.POST, request_record=record),
            partial(services.request_decide, request=record, actor=request.user),
            rebind_kwargs=lambda current: {"request_record": current},
        )
        if saved:
            messages.success(request, _("Decision recorded. The parent has been told."))
            return _to_concern(concern, "requests")
    else:
        initial = DecisionForm.initial_for(record)
        if not initial["decided_by_name"]:
            initial["decided_by_name"] = request.user.full_name
        form = DecisionForm(request_record=record, initial=initial)
    return _render_form(
        request,
        concern,
        "concerns/decide.html",
        form,
        form_name="concern.request_decide",
        record=record,
        conflict=conflict,
    )


# --- The parent's views, and support ----------------------------------------------------------


@requires("concerns.change_concern")
@require_http_methods(FORM)
def view_add(request, public_id):
    concern = _concern(public_id)
    if request.method == "POST":
        form = ParentViewForm(request.POST)
        if form.is_valid():
            try:
                services.view_record(
                    concern=concern,
                    actor=request.user,
                    form_token=_token(form),
                    given_on=form.cleaned_data["given_on"],
                    words=form.cleaned_data["words"],
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("The parent's view is recorded"))
            return _to_concern(concern, "views")
    else:
        form = ParentViewForm(initial={"form_token": uuid.uuid4()})
    return _render_form(
        request, concern, "concerns/view_form.html", form, form_name="concern.view_add"
    )


@requires("concerns.add_support")
@require_http_methods(FORM)
def support_add(request, public_id):
    concern = _concern(public_id)
    if request.method == "POST":
        form = SupportForm(request.POST, council=concern.council_id)
        if form.is_valid():
            try:
                services.support_add(
                    concern=concern,
                    actor=request.user,
                    form_token=_token(form),
                    **form.record_fields(),
                )
            except services.DuplicateSubmission:
                _already_sent(request)
            else:
                messages.success(request, _("Support added to the parent's plan"))
            return _to_concern(concern, "support")
    else:
        form = SupportForm(council=concern.council_id, initial={"form_token": uuid.uuid4()})
    return _render_form(
        request, concern, "concerns/support_form.html", form, form_name="concern.support_add"
    )
