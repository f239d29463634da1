"""What every living-apart write does the same way: add a record once per form token, and save
an edit's changed fields at the version its editor started from, each with its audit row."""

from django.db import transaction

from parent_charter.audit import services as audit
from parent_charter.children.models import Child, ChildParent
from parent_charter.core.concurrency import claim_or_raise, complete_submission, save_audited
from parent_charter.parents.models import Parent


def check_child_of(parent: Parent, child: Child | None) -> None:
    if child is None:
        return
    if not ChildParent.objects.filter(parent=parent, child=child).exists():
        raise ValueError("That child is not linked to this parent.")


def add_once(
    model, *, form_token, object_type: str, actor, action: str, detail=None, about=None, **values
):
    """Create one `model` row (in `values["council"]`) per form token, with its audit row.

    A form sent again raises DuplicateSubmission naming what the first sending made. The audit
    row is about the new row, or about `about` when given.
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
            detail=detail,
        )
    return record


def save_changes(
    record, *, names, fields: dict, actor, expected_version: int, action: str, detail=None
) -> list[str]:
    """Save those of `names` in `fields` that changed, unless someone else saved first (raises
    EditConflict). One audit row names the changed fields, sorted; they are returned."""
    wanted = {name: fields[name] for name in sorted(names) if name in fields}
    return save_audited(
        record,
        expected_version=expected_version,
        fields=wanted,
        actor=actor,
        action=action,
        detail=detail,
        only_changed=True,
    )
