"""Staff pages for children: add a child to a parent, view, change details and circumstances."""

import uuid
from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parent_charter.core.conflicts import submit_locked_edit
from parent_charter.core.form_reads import record_parent_viewed
from parent_charter.core.pages import or_404, submit_once
from parent_charter.core.permissions import requires

from . import selectors, services
from .forms import ChildForm
from .forms_add import ChildAddForm
from .forms_circumstances import CircumstancesForm
from .models import LivesWith


@requires("children.change_child")
@require_http_methods(["GET", "POST"])
def child_add(request, parent_id):
    parent = or_404(selectors.parent_for_new_child, public_id=parent_id)
    if request.method == "POST":
        form = ChildAddForm(request.POST, parent=parent)
        added = submit_once(
            request,
            form,
            lambda token: services.child_add(
                parent=parent, actor=request.user, form_token=token, **form.service_fields()
            ),
        )
        if added.duplicate and added.obj is None:
            return redirect("parents:detail", public_id=parent.public_id)
        if added.saved:
            messages.success(request, _("Child added. Both parents' plans have been updated."))
        if added.obj is not None:
            return redirect("children:detail", public_id=added.obj.public_id)
    else:
        form = ChildAddForm(parent=parent, initial={"form_token": uuid.uuid4()})
    # The add form shows the parent and this council's parents to choose the other from.
    record_parent_viewed(actor=request.user, parent=parent, form="child.add")
    return render(request, "children/add.html", {"form": form, "parent": parent})


@requires("parents.view_parent")
@require_http_methods(["GET", "HEAD"])
def child_detail(request, public_id):
    child = or_404(selectors.child_for_view, actor=request.user, public_id=public_id)
    history = list(child.circumstances.all())
    current = history[0] if history else None
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "label": selectors.child_label(child),
            "age": selectors.age_in_words(child.date_of_birth) if child.is_born else "",
            "links": list(child.parent_links.all()),
            "current": current,
            "current_home": selectors.home_in_words(child, current),
            "history": [(row, selectors.home_in_words(child, row)) for row in history],
            "needs_home_since_birth": child.is_born
            and (current is None or current.lives_with == LivesWith.NOT_YET_BORN),
        },
    )


@requires("children.change_child")
@require_http_methods(["GET", "POST"])
def child_edit(request, public_id):
    child = or_404(selectors.child_for_change, public_id=public_id)
    conflict = None
    if request.method == "POST":
        was_expected = child.is_expected
        form, conflict, saved = submit_locked_edit(
            request,
            ChildForm(request.POST, child=child),
            partial(services.child_update, child=child, actor=request.user),
            rebind_kwargs=lambda current: {"child": current},
        )
        if saved:
            if was_expected and child.is_born:
                messages.success(request, _("Birth recorded. Now record where the baby lives."))
                return redirect("children:change_circumstances", public_id=child.public_id)
            messages.success(request, _("Changes saved"))
            return redirect("children:detail", public_id=child.public_id)
    else:
        form = ChildForm(child=child, initial=ChildForm.initial_for(child))
    selectors.record_child_viewed(actor=request.user, child=child, form="child.edit")
    return render(
        request,
        "children/edit.html",
        {
            "form": form,
            "child": child,
            "label": selectors.child_label(child),
            "conflict": conflict,
        },
    )


@requires("children.change_child")
@require_http_methods(["GET", "POST"])
def change_circumstances(request, public_id):
    child = or_404(selectors.child_for_change, public_id=public_id)
    links = list(child.parent_links.all())
    current = selectors.current_circumstance(child)
    form_kwargs = {"child": child, "links": links, "current": current}
    if request.method == "POST":
        form = CircumstancesForm(request.POST, **form_kwargs)
        added = submit_once(
            request,
            form,
            lambda token: services.child_circumstances_change(
                child=child, actor=request.user, form_token=token, **form.service_fields()
            ),
        )
        if added.saved:
            messages.success(
                request, _("Circumstances recorded. Both parents' plans have been updated.")
            )
        if added.saved or added.duplicate:
            return redirect("children:detail", public_id=child.public_id)
    else:
        initial = {"form_token": uuid.uuid4()}
        if current is not None:
            initial["legal_status"] = current.legal_status
            if not (child.is_born and current.lives_with == LivesWith.NOT_YET_BORN):
                initial["lives_with"] = current.lives_with
                if current.lives_with_parent is not None:
                    initial["lives_with_parent"] = current.lives_with_parent.public_id
        form = CircumstancesForm(initial=initial, **form_kwargs)
    selectors.record_child_viewed(actor=request.user, child=child, form="child.circumstances")
    return render(
        request,
        "children/circumstances.html",
        {
            "form": form,
            "child": child,
            "label": selectors.child_label(child),
            "current": current,
            "current_home": selectors.home_in_words(child, current),
        },
    )
