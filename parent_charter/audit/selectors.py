"""Reading the audit trail, itself an audited act."""

from django.db import transaction
from django.db.models import Q

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


def trail_for_parent(
    *, actor, parent, also: dict[str, list[str]] | None = None, limit: int = 500
) -> list[AuditEvent]:
    """Every event about one parent, newest first: about their record, or about a record of
    theirs (the event's `parent`), or about the other records named in `also` (object type:
    ids), such as their children, who may have more than one parent.

    A fixed number of queries however many events there are. Reading it is audited.
    """
    about = Q(parent_id=parent.pk) | Q(
        object_type=services.PARENT_MODEL, object_id=str(parent.public_id)
    )
    for object_type, object_ids in (also or {}).items():
        if object_ids:
            about |= Q(object_type=object_type, object_id__in=object_ids)
    with transaction.atomic():
        events = list(
            AuditEvent.objects.filter(about, council=parent.council_id)
            .select_related("actor")
            .order_by("-at", "-seq")[:limit]
        )
        services.record(
            actor=actor, council=parent.council, action="audit.trail.viewed", obj=parent
        )
    return events
