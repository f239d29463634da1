"""The edit-conflict page shared by every form with optimistic locking (docs/adr/0008).

When someone saved first, the editor sees each field that differs (theirs and the saved one)
and keeps everything they typed; the form is rebound at the version now stored, so saving
again, having compared, is a deliberate choice.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def rebind_after_conflict(request, form, current, **form_kwargs):
    """Returns the rebound form and the rows of differing fields to show above it.

    The form class needs `initial_for(record)` and `record_fields()`; it may define
    `compared_field_names()` to limit the comparison.
    """
    saved = type(form).initial_for(current)
    names = getattr(form, "compared_field_names", lambda: list(form.record_fields()))()
    rows = [
        {
            "label": form.fields[name].label,
            "yours": display_value(form.fields[name], form.cleaned_data.get(name)),
            "saved": display_value(form.fields[name], saved.get(name)),
        }
        for name in names
        if name in form.fields and _differs(form.cleaned_data.get(name), saved.get(name))
    ]
    return rebound_at(request, type(form), current, **form_kwargs), rows


def submit_at_version(request, form_class, save):
    """Bind `form_class` to the POST and, when valid, `save(form)` at the version it carries.

    Returns (form, current, saved): when someone else saved first (EditConflict), `current` is
    the record as it now stands and the form is bound again at its version (`rebound_at`).
    """
    from .concurrency import EditConflict

    form = form_class(request.POST)
    if not form.is_valid():
        return form, None, False
    try:
        save(form)
    except EditConflict as error:
        return rebound_at(request, form_class, error.current), error.current, False
    return form, None, True


def rebound_at(request, form_class, current, **form_kwargs):
    """The sent form bound again at the version now stored, checked, so that saving again
    after comparing is a deliberate choice."""
    data = request.POST.copy()  # a QueryDict copy keeps every ticked box of a multi-choice
    data["version"] = str(current.version)
    rebound = form_class(data, **form_kwargs)
    rebound.is_valid()
    return rebound


def _differs(mine, saved) -> bool:
    mine, saved = getattr(mine, "pk", mine), getattr(saved, "pk", saved)
    if isinstance(mine, list) and isinstance(saved, list):
        return set(mine) != set(saved)
    return mine != saved


def display_value(field, value) -> str:
    """A field's value as a person reads it, in the active language."""
    value = getattr(value, "pk", value) if not isinstance(value, (list, str)) else value
    if value in (None, "", []):
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    choices = {str(key): label for key, label in getattr(field, "choices", None) or []}
    if isinstance(value, list):
        return ", ".join(str(choices.get(str(item), item)) for item in value)
    if str(value) in choices:
        return str(choices[str(value)])
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


def submit_locked_edit(request, form, update, *, rebind_kwargs=None):
    """Validate a bound edit form and save it at the version the editor started from.

    `update(expected_version=…, **form.record_fields())` is the service call. Returns
    (form, conflict rows or None, saved): on a conflict the form is rebound as
    `rebind_after_conflict` does, with `rebind_kwargs(current)` passed to the form class.
    """
    from .concurrency import EditConflict

    if not form.is_valid():
        return form, None, False
    try:
        update(expected_version=form.expected_version, **form.record_fields())
    except EditConflict as error:
        kwargs = rebind_kwargs(error.current) if rebind_kwargs else {}
        form, conflict = rebind_after_conflict(request, form, error.current, **kwargs)
        return form, conflict, False
    return form, None, True
