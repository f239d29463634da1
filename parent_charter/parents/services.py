"""Writes to parents' records. Each runs in one transaction with its audit event."""

from django.db import transaction

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import claim_submission, complete_submission, save_if_unchanged

from .models import Parent

EDITABLE_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "parent_role",
    "personal_adviser",
)


class DuplicateSubmission(Exception):
    def __init__(self, existing: Parent | None):
        super().__init__("This form was already submitted.")
        self.existing = existing


def parent_create(*, council, actor, form_token, **fields) -> Parent:
    with transaction.atomic():
        claim = claim_submission(form_token, object_type="parents.parent")
        if claim.existing_object_id is not None:
            existing = Parent.objects.filter(public_id=claim.existing_object_id or None).first()
            raise DuplicateSubmission(existing)
        parent = Parent.objects.create(council=council, **fields)
        complete_submission(claim, parent)
        audit.record(actor=actor, council=council, action="parent.created", obj=parent)
    return parent


def parent_update(*, parent: Parent, actor, expected_version: int, **fields) -> list[str]:
    """Save changed fields unless someone else saved first (raises EditConflict)."""
    changed = [
        name for name in EDITABLE_FIELDS if name in fields and getattr(parent, name) != fields[name]
    ]
    with transaction.atomic():
        save_if_unchanged(
            parent, expected_version=expected_version, fields={k: fields[k] for k in changed}
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="parent.updated",
            obj=parent,
            detail={"fields": changed},
        )
    return changed
