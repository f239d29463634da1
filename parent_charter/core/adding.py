"""Adding a record once per form token, with its audit row: what every service's "add" does."""

from django.db import transaction

from parent_charter.audit import services as audit

from .concurrency import claim_or_raise, complete_submission


def add_once(
    model,
    *,
    form_token,
    object_type: str,
    actor,
    action: str,
    audit_detail=None,
    about=None,
    **values,
):
    """Create one `model` row (in `values["council"]`) per form token, with its audit row.

    A form sent again raises DuplicateSubmission naming what the first sending made. The audit
    row is about the new row, or about `about` when given; `audit_detail` is a dict, or a
    function of the new row that returns one.
    """
    with transaction.atomic():
        claim = claim_or_raise(form_token, object_type=object_type, model=model)
        record = model.objects.create(**values)
        complete_submission(claim, record)
        audit.record(
            actor=actor,
            council=record.council,
            action=action,
            obj=about if about is not None else record,
            detail=audit_detail(record) if callable(audit_detail) else audit_detail,
        )
    return record
