"""What every living-apart page does the same way: find its record or 404, show the shared form
page (a read of the parent's record, so audited), and the add and change flows."""

import uuid
from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parent_charter.children.selectors import child_label
from parent_charter.core.edit_views import edit_page as core_edit_page
from parent_charter.core.pages import or_404, submit_once
from parent_charter.parents.models import Parent

from .. import selectors

READ_ONLY = ["GET", "HEAD"]
FORM = ["GET", "POST"]


def page_url(parent, anchor: str = "") -> str:
    """The parent's living-apart page, at the section `anchor`."""
    url = reverse("apart:parent", kwargs={"parent_id": parent.public_id})
    return f"{url}#{anchor}" if anchor else url


def parent_or_404(parent_id) -> Parent:
    return or_404(selectors.parent_for_apart, public_id=parent_id)


def parent_and_child(parent, child) -> str:
    """The caption of a form about one of the parent's children."""
    return _("%(parent)s and %(child)s") % {
        "parent": parent.display_name,
        "child": child_label(child),
    }


def form_page(request, *, parent, form, title, form_name, caption="", intro="", **extra):
    """The shared form page; showing it is a read of the parent's record, so it is audited."""
    selectors.record_page_viewed(actor=request.user, parent=parent, form=form_name)
    return render(
        request,
        "apart/form.html",
        {
            "parent": parent,
            "form": form,
            "title": title,
            "caption": caption or parent.display_name,
            "intro": intro,
            "back_url": page_url(parent),
            **extra,
        },
    )


def add_page(
    request,
    form_class,
    create,
    *,
    parent,
    done,
    added,
    initial=None,
    form_kwargs=None,
    accepting=True,
    **page,
):
    """An add form: a GET (or a POST while not `accepting`) shows it blank with a new one-time
    token; a valid POST calls `create(form, form_token)` once per token, says `added`, and goes to
    `done` (a URL, or a function of what was made, None if the first sending is unfinished).
    `page` is passed to `form_page`."""
    form_kwargs = form_kwargs or {}
    if request.method == "POST" and accepting:
        form = form_class(request.POST, request.FILES, **form_kwargs)
        result = submit_once(request, form, partial(create, form))
        if result.saved:
            messages.success(request, added)
        if result.saved or result.duplicate:
            return redirect(done(result.obj) if callable(done) else done)
    else:
        form = form_class(initial={"form_token": uuid.uuid4(), **(initial or {})}, **form_kwargs)
    return form_page(request, parent=parent, form=form, **page)


def edit_page(request, form_class, update, *, record, parent, done, form_kwargs=None, **page):
    """A change form at the version its editor started from: a valid POST calls `update`
    (raising EditConflict if someone saved first, then shown side by side) and goes to `done`.
    `page` is passed to `form_page`."""
    return core_edit_page(
        request,
        record,
        form_class=form_class,
        update=update,
        done=done,
        message=_("Changes saved"),
        form_kwargs={**(form_kwargs or {}), "editing": True},
        show=lambda form, conflict: form_page(
            request, parent=parent, form=form, conflict=conflict, submit=_("Save"), **page
        ),
    )
