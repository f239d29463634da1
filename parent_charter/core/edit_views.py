"""The add page and the edit page every administrator's record form has (docs/adr/0008).

An add page carries a one-time token, so a form sent twice adds once; an edit page carries the
version its editor started from, so someone else's save in between shows both versions.
"""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .conflicts import submit_at_version, submit_locked_edit
from .pages import submit_once


def add_page(
    request,
    *,
    form_class,
    add,
    template,
    done,
    message,
    form_kwargs=None,
    initial=None,
    context=None,
    record_name: str = "record",
    on_show=None,
):
    """Bind the form, call `add(form_token=…, **form.record_fields())`, redirect to `done(record)`
    with `message(record)`. A form sent twice adds nothing the second time and goes to
    `done(None)`. `on_show()`, when given, is called each time the form is shown."""
    form_kwargs = form_kwargs or {}
    form = form_class(
        adding=True, initial={"form_token": uuid.uuid4(), **(initial or {})}, **form_kwargs
    )
    if request.method == "POST":
        form = form_class(request.POST, adding=True, **form_kwargs)
        added = submit_once(
            request, form, lambda token: add(form_token=token, **form.record_fields())
        )
        if added.duplicate:
            return redirect(done(None))
        if added.saved:
            messages.success(request, message(added.obj))
            return redirect(done(added.obj))
    if on_show is not None:
        on_show()
    return render(request, template, {"form": form, record_name: None, **(context or {})})


def edit_page(
    request,
    record,
    *,
    form_class,
    update,
    done,
    template=None,
    message,
    form_kwargs=None,
    context=None,
    record_name: str = "record",
    on_show=None,
    show=None,
):
    """Save the form through `update(expected_version=…, **form.record_fields())` and redirect to
    `done` with `message` (or `message(record)`, read after the save); someone else's save in
    between shows both versions, the form bound again with the same `form_kwargs`. `on_show()`,
    when given, is called each time the form is shown (to audit the read it is); `show(form,
    conflict)`, when given, makes the page instead of `template`."""
    form_kwargs = form_kwargs or {}
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_locked_edit(
            request,
            form_class(request.POST, **form_kwargs),
            update,
            rebind_kwargs=lambda current: form_kwargs,
        )
        if saved:
            messages.success(request, message(record) if callable(message) else message)
            return redirect(done)
    else:
        form = form_class(initial=form_class.initial_for(record), **form_kwargs)
    if on_show is not None:
        on_show()
    if show is not None:
        return show(form, conflict)
    return render(
        request,
        template,
        {"form": form, record_name: record, "conflict": conflict, **(context or {})},
    )


def version_page(
    request, record, *, form_class, save, template, done, record_name: str, initial=None
):
    """An edit page of one record whose conflict says what the record now holds, not a
    comparison field by field (a council's settings, a retention rule). `save(form)` saves at the
    version the form carries; on success, "Changes saved" and a redirect to `done`. On a conflict
    `conflict` and `record_name` are the record as it now stands. The form starts from `initial`,
    or the form class's `initial_for(record)`."""
    conflict = None
    if request.method == "POST":
        form, conflict, saved = submit_at_version(request, form_class, save)
        if saved:
            messages.success(request, _("Changes saved"))
            return redirect(done)
        record = conflict or record
    else:
        form = form_class(initial=form_class.initial_for(record) if initial is None else initial)
    return render(request, template, {"form": form, "conflict": conflict, record_name: record})


def council_setting_page(request, record, *, form_class, update, template, done, record_name):
    """`version_page` for a setting of the signed-in person's own council: `update` is the
    service that saves it, called with the council, the actor, the version the form carries and
    the form's record fields."""
    council = request.user.council
    return version_page(
        request,
        record,
        form_class=form_class,
        save=lambda form: update(
            council=council,
            actor=request.user,
            expected_version=form.expected_version,
            **form.record_fields(),
        ),
        template=template,
        done=done,
        record_name=record_name,
    )
