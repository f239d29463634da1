"""What the demo's stories share when they record something: a fixed id and the audit row.

Every demo record has a public id worked out from its council and a key, so seeding again finds
what an earlier run made and adds nothing twice; every audit row the demo writes gives the same
reason, so the trail shows which rows are demo data.
"""

import uuid

from parent_charter.audit import services as audit

from .synthetic import NAMESPACE

REASON = "Demo data"


def demo_id(council, *parts) -> uuid.UUID:
    """The public id of a demo record: `demo:<council>:<parts>` in the demo's namespace."""
    return uuid.uuid5(NAMESPACE, ":".join(["demo", council.slug, *map(str, parts)]))


def record_demo(council, action: str, obj, *, actor=None, detail: dict | None = None, parent=None):
    """The audit row for something the demo made, in the transaction that made it."""
    return audit.record(
        actor=actor,
        council=council,
        action=action,
        obj=obj,
        reason=REASON,
        detail=detail,
        parent=parent,
    )
