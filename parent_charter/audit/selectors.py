"""Reading the audit trail, itself an audited act."""

from django.db import transaction

from . import services
from .models import AuditEvent


def trail_for_object(*, actor, obj, limit: int = 500) -> list[AuditEvent]:
    """The events about one record of the actor's council, newest first."""
    target = services.target_of(obj)
    with transaction.atomic():
        events = list(
            AuditEvent.objects.filter(
                council=obj.council_id,
                object_type=target.object_type,
                object_id=target.object_id,
            )
            .select_related("actor")
            .order_by("-at", "-seq")[:limit]
        )
        services.record(actor=actor, council=obj.council, action="audit.trail.viewed", obj=obj)
    return events
