"""Staff pages for a parent's support plan: the task list, one item, and recording a review."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.concurrency import EditConflict
from parent_charter.core.conflicts import rebind_after_conflict
from parent_charter.core.form_reads import record_parent_viewed
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import requires

from . import selectors, services_items
from .forms import PlanItemForm, PlanReviewForm


@requires("plans.view_plan")
@require_http_methods(["GET"])
def plan_detail(request, parent_id):
    page = or_404(selectors.plan_for_view, actor=request.user, parent_public_id=parent_id)
    return render(request, "plans/plan.html", {"page": page, "parent": page.parent})


def _item_form(item, data=None) -> PlanItemForm:
    kwargs = {"council": item.council_id, "current_owner_id": item.owner_id}
    if data is not None:
        return PlanItemForm(data, **kwargs)
    return PlanItemForm(initial=PlanItemForm.initial_for(item), **kwargs)


def _render_item(request, item, *, form=None, conflict=None, closed_error=False, status=200):
    selectors.record_item_viewed(actor=request.user, item=item)
    can_change = request.user.has_perm("plans.change_plan") and item.is_open
    if can_change and form is None:
        form = _item_form(item)
    context = {
        "item": item,
        "parent": item.plan.parent,
        "title": selectors.item_title(item),
        "guidance": selectors.guidance_for(item),
        "history": selectors.status_history(item),
        "overdue": selectors.is_overdue(item, timezone.localdate()),
        "form": form if can_change else None,
        "conflict": conflict,
        "closed_error": closed_error,
    }
    return render(request, "plans/item.html", context, status=status)


@requires("plans.view_plan")
@require_http_methods(["GET", "POST"])
def plan_item(request, public_id):
    if request.method == "POST":
        return _update_item(request, public_id)
    return _render_item(request, or_404(selectors.item_for_page, public_id))


@requires("plans.change_plan")
def _update_item(request, public_id):
    item = or_404(selectors.item_for_page, public_id)
    if not item.is_open:
        return _render_item(request, item, closed_error=True, status=409)
    form, conflict = _item_form(item, request.POST), None
    if form.is_valid():
        try:
            update = services_items.item_update(
                item=item,
                actor=request.user,
                expected_version=form.expected_version,
                note=form.cleaned_data["note"],
                **form.record_fields(),
            )
        except EditConflict as error:
            form, conflict = rebind_after_conflict(
                request,
                form,
                error.current,
                council=item.council_id,
                current_owner_id=item.owner_id,
            )
        except services_items.ItemClosed:
            item.refresh_from_db()
            return _render_item(request, item, closed_error=True, status=409)
        else:
            if update.anything_saved:
                messages.success(request, _("Changes saved"))
            else:
                messages.info(request, _("Nothing was changed"))
            return redirect("plans:plan", parent_id=item.plan.parent.public_id)
    return _render_item(request, item, form=form, conflict=conflict)


@requires("plans.change_plan")
@require_http_methods(["GET", "POST"])
def review_add(request, parent_id):
    parent = or_404(selectors.get_parent, parent_id)
    form = PlanReviewForm(initial={"form_token": uuid.uuid4()})
    if request.method == "POST":
        form = PlanReviewForm(request.POST)
        added = submit_once(
            request,
            form,
            lambda token: services_items.review_record(
                parent=parent, actor=request.user, form_token=token, **form.record_fields()
            ),
        )
        if added.saved or added.duplicate:
            if added.saved:
                messages.success(request, _("Review recorded"))
            return redirect(reverse("parents:detail", args=[parent.public_id]) + "#reviews")
    record_parent_viewed(actor=request.user, parent=parent, form="plans.review_add")
    return render(request, "plans/review_form.html", {"form": form, "parent": parent})
