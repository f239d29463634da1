"""Reads of parents' records. Each read of personal data is audited."""

from django.db import transaction
from django.db.models import Q

from parent_charter.audit import services as audit

from .models import Parent


def parents_for_list(*, search: str = ""):
    """Parents of the active council (the scope), with their adviser in the same query."""
    parents = Parent.objects.select_related("personal_adviser").order_by(
        "family_name", "given_name", "pk"
    )
    for word in search.split()[:4]:
        parents = parents.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return parents


def record_list_viewed(*, actor, council, shown: int, page: int) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=council,
            action="parent.list.viewed",
            detail={"shown": shown, "page": page},
        )


def parent_for_view(*, actor, public_id) -> Parent:
    """One parent of the active council, audited as viewed. Another council's: DoesNotExist."""
    with transaction.atomic():
        parent = Parent.objects.select_related("personal_adviser", "council").get(
            public_id=public_id
        )
        audit.record(actor=actor, council=parent.council, action="parent.viewed", obj=parent)
    return parent
