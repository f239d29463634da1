"""Changing the council's details shown on its privacy notice and Welsh pages."""

from parent_charter.authorities.models import Council
from parent_charter.core.concurrency import save_audited


def update_details(*, council: Council, actor, expected_version: int, **fields) -> Council:
    save_audited(
        council,
        expected_version=expected_version,
        # In name order, so the audit row names the changed fields in that order.
        fields=dict(sorted(fields.items())),
        actor=actor,
        action="council.details.updated",
        council=council,
    )
    return council
