"""Demo: a Herefordshire parent moving to Cardiff. Their adviser proposed a transfer with their
contact details and children, the parent agreed in person, and the move waits for Cardiff's
team manager (Gareth) or council administrator (Elin) to accept or decline it."""

import uuid

from django.utils import timezone
from django_scopes import scope

from parent_charter.authorities.models import Council
from parent_charter.parents.models import Parent
from parent_charter.transfers import services
from parent_charter.transfers.models import Transfer

SENDING, RECEIVING = "herefordshire", "cardiff"


def _mover():
    # A parent with an adviser and no portal account (the adviser records their answer), and
    # not one another story has picked out (they pick the newest).
    return (
        Parent.objects.filter(personal_adviser__isnull=False, portal_account__isnull=True)
        .order_by("pk")
        .first()
    )


def seed(council) -> str:
    if council.slug != SENDING:
        return ""
    receiving = Council.objects.filter(slug=RECEIVING).first()
    if receiving is None:
        return ""
    with scope(council=council.pk):
        if Transfer.objects.exists():
            return ""
        parent = _mover()
        if parent is None:
            return ""
        adviser = parent.personal_adviser
        transfer = services.propose(
            parent=parent,
            actor=adviser,
            form_token=uuid.uuid4(),
            receiving_council=receiving,
            kind="transfer",
            information=["contact", "children"],
        )
        services.record_answer(
            transfer=transfer,
            actor=adviser,
            expected_version=transfer.version,
            agreed=True,
            on=timezone.localdate(),
            route="in_person",
        )
    return f"a parent's move to {receiving.name}, waiting for its decision"
