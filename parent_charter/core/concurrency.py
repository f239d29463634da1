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


def complete_submission(claim: Claim, obj) -> None:
    SubmissionToken.objects.filter(key=claim.token).update(object_id=str(obj.public_id))
