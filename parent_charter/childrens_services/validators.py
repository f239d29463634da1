"""The referral guard as a form check, for every free text that can reach a decision about a child.

A concern's evidence is read as a referral's evidence is (care status does not belong in it);
an assessment's summary, a plan review's notes and a manager's reasons are read as records:
the parent's past may be written about, but no conclusion about the child may be drawn from it.
Either way the worker sees the words that were read and why, next to the field, and nothing
they typed is lost: the form comes back with it, to be rewritten in terms of what is happening
now.
"""

from django import forms
from django.utils.translation import gettext as _

from . import guard


def guard_message(result: guard.Result) -> str:
    words = "; ".join(f"“{finding.words}”" for finding in result.findings[:3])
    family = result.findings[0].family if result.findings else guard.CARE_HISTORY
    return _(
        "These words rest on the parent's own past or on routine, not on what is happening now "
        "(%(words)s). %(why)s"
    ) % {"words": words, "why": family.explanation}


def check_text(value: str, *, mode: str = guard.RECORD) -> str:
    """Raise a ValidationError naming the words when the guard would hold this text."""
    if not value:
        return value
    result = guard.check(value, mode=mode)
    if result.flagged:
        raise forms.ValidationError(guard_message(result), code="rests_on_the_past")
    return value


def check_fields(form: forms.Form, names, *, mode: str = guard.RECORD) -> None:
    """Check each named field of a cleaned form; errors go next to the field."""
    for name in names:
        value = form.cleaned_data.get(name)
        if not isinstance(value, str) or name in form.errors:
            continue
        try:
            check_text(value, mode=mode)
        except forms.ValidationError as error:
            form.add_error(name, error)
