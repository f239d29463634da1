"""What every area's staff and portal views do the same way: a record or a 404, the message
for a form sent twice, and the add-once flow (the edit flow is `core.conflicts`)."""

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from .concurrency import DuplicateSubmission


def or_404(lookup, *args, **kwargs):
    """Call `lookup`; a record that does not exist, or is behind another council's wall
    (the same to the caller), is a 404."""
    try:
        return lookup(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def read_audited(*, actor, council, action: str, obj=None, parent=None, detail=None) -> None:
    """Record one read of personal data in the council's audit trail."""
    from parent_charter.audit import services as audit

    with transaction.atomic():
        audit.record(
            actor=actor, council=council, action=action, obj=obj, parent=parent, detail=detail
        )


def already_sent(request, message=None) -> None:
    messages.info(
        request, message or _("That form had already been sent. Nothing was added twice.")
    )


@dataclass(frozen=True)
class Added:
    """What became of an add form: `obj` is what it made now or the first time it was sent
    (None when invalid, or when the first submission is unfinished)."""

    saved: bool
    obj: object = None
    duplicate: bool = False


def submit_once(request, form, create, *, duplicate_message=None) -> Added:
    """Validate a bound add form and call `create(form_token)` once per form token.

    A form sent twice (a double click, the back button) adds nothing the second time: the
    person is told so and the view can show what the first submission made.
    """
    if not form.is_valid():
        return Added(saved=False)
    try:
        obj = create(form.cleaned_data.get("form_token") or uuid.uuid4())
    except DuplicateSubmission as duplicate:
        already_sent(request, duplicate_message)
        return Added(saved=False, obj=duplicate.existing, duplicate=True)
    return Added(saved=True, obj=obj)
