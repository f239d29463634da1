"""Optimistic locking and idempotent creation, shared by every service that edits records."""

from dataclasses import dataclass

from django.db import IntegrityError, models, transaction

from .models import SubmissionToken


class EditConflict(Exception):
    """Someone else saved the record after this editor opened it. Nothing was written."""

    def __init__(self, current):
        super().__init__("The record was changed by someone else.")
        self.current = current


def save_if_unchanged(instance: models.Model, *, expected_version: int, fields: dict) -> None:
    """Write `fields` only if the stored version is still `expected_version`; bump the version.

    The compare-and-set happens in one UPDATE, so two editors racing cannot both win.
    """
    model = type(instance)
    updated = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
        version=models.F("version") + 1, **fields
    )
    if updated != 1:
        raise EditConflict(current=model._base_manager.get(pk=instance.pk))
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.version = expected_version + 1


@dataclass(frozen=True)
class Claim:
    token: object
    existing_object_id: str | None


def claim_submission(token, *, object_type: str) -> Claim:
    """Claim a form token inside the caller's transaction. If already used, say for what."""
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(key=token, object_type=object_type, object_id="")
        return Claim(token=token, existing_object_id=None)
    except IntegrityError:
        existing = SubmissionToken.objects.filter(key=token, object_type=object_type).first()
        return Claim(token=token, existing_object_id=existing.object_id if existing else "")


def complete_submission(claim: Claim, obj, *, key: str = "public_id") -> None:
    """Record what the claimed submission made, by `key` ("pk" for records with no public_id)."""
    SubmissionToken.objects.filter(key=claim.token).update(object_id=str(getattr(obj, key)))


class DuplicateSubmission(Exception):
    """The form was sent before; `existing` is what it made (None while that is unfinished)."""

    def __init__(self, existing=None):
        super().__init__("This form was already submitted.")
        self.existing = existing


def claim_or_raise(
    token, *, object_type: str, model=None, existing_in=None, key: str = "public_id"
) -> Claim:
    """Claim a form token inside the caller's transaction, or raise DuplicateSubmission naming
    the `model` row the first submission made (looked up through the council wall).

    `existing_in`, a queryset, narrows where that row is looked for (such as one council's own
    records); `key` is what `complete_submission` recorded it by.
    """
    claim = claim_submission(token, object_type=object_type)
    if claim.existing_object_id is not None:
        rows = existing_in if existing_in is not None else model.objects
        existing = rows.filter(**{key: claim.existing_object_id or None}).first()
        raise DuplicateSubmission(existing)
    return claim


def save_audited(
    instance: models.Model,
    *,
    expected_version: int,
    fields: dict,
    actor,
    action: str,
    council=None,
    detail: dict | None = None,
    only_changed: bool = False,
    also: dict | None = None,
    obj=None,
    parent=None,
) -> list[str]:
    """Save `fields` at the version the editor started from and write one audit row naming the
    fields that changed, in one transaction. Returns the names of the changed fields.

    With `only_changed`, unchanged fields are not written at all. Raises EditConflict (nothing
    written) when someone saved first. `detail` adds to the audit row's {"fields": [...]}.
    `also` is written with the fields but never named as a change (such as a last-changed time).
    The audit row is about `obj` (the instance unless given) and, when given, `parent`: for a
    record the audit trail does not follow to its parent by itself.
    """
    from parent_charter.audit import services as audit

    changed = [name for name, value in fields.items() if getattr(instance, name) != value]
    to_write = {name: fields[name] for name in changed} if only_changed else fields
    to_write = {**to_write, **(also or {})}
    with transaction.atomic():
        save_if_unchanged(instance, expected_version=expected_version, fields=to_write)
        audit.record(
            actor=actor,
            council=council if council is not None else instance.council,
            action=action,
            obj=instance if obj is None else obj,
            parent=parent,
            detail={"fields": changed, **(detail or {})},
        )
    return changed
