"""Changing the council's details shown on its privacy notice and Welsh pages."""

from django.db import transaction

from parent_charter.audit import services as audit
from parent_charter.authorities.models import Council
from parent_charter.core.concurrency import save_if_unchanged


def update_details(*, council: Council, actor, expected_version: int, **fields) -> Council:
    changed = sorted(name for name, value in fields.items() if getattr(council, name) != value)
    with transaction.atomic():
        save_if_unchanged(council, expected_version=expected_version, fields=fields)
        audit.record(
            actor=actor,
            council=council,
            action="council.details.updated",
            obj=council,
            detail={"fields": changed},
        )
    return council
