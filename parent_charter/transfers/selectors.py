"""Reads of transfers, each in a fixed number of queries.

The sending council reads its own transfers through the scoped manager, like any record. The
receiving council reads the transfers sent to it with the wall lifted, narrowly: only rows
naming it as the receiving council, only once the parent has agreed, and only the few facts
it needs to decide (`IncomingView`). These and `services` are the only code that reads across
councils (docs/adr/0024).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django_scopes import scopes_disabled

from parent_charter.audit import services as audit
from parent_charter.charter.models import Stage
from parent_charter.parents.models import ParentStage

from .models import Kind, Status, Transfer, TransferStep

STAGE_ORDER = {stage.value: index for index, stage in enumerate(Stage)}
VISIBLE_TO_RECEIVING = (Status.CONSENT_GIVEN, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)


def moved_away(parent_path: str = "pk"):
    """A condition on a query of parents (or of rows reached through `parent_path`): the parent's
    support moved to another council by an accepted transfer, so the record here is closed.
    Shared support leaves the parent with this council too."""
    return Exists(
        Transfer.objects.filter(
            parent=OuterRef(parent_path), kind=Kind.TRANSFER, status=Status.ACCEPTED
        )
    )


def transfer(public_id) -> Transfer:
    """One of the active council's own (outgoing) transfers, with its steps."""
    return (
        Transfer.objects.select_related(
            "parent", "receiving_council", "proposed_by", "decided_by", "council"
        )
        .prefetch_related(
            Prefetch("steps", queryset=TransferStep.objects.select_related("by").order_by("at"))
        )
        .get(public_id=public_id)
    )


def transfer_for_view(*, actor, public_id) -> Transfer:
    """An outgoing transfer, its read audited on the parent."""
    with transaction.atomic():
        found = transfer(public_id)
        audit.record(
            actor=actor,
            council=found.council,
            action="transfer.viewed",
            obj=found,
            detail={"transfer": str(found.public_id)},
        )
    return found


def transfers_of(parent) -> list[Transfer]:
    """Every move proposed for the parent by their council, newest first."""
    return list(
        Transfer.objects.filter(parent=parent).select_related("receiving_council", "proposed_by")
    )


def outgoing(*, limit: int = 50) -> list[Transfer]:
    """The active council's latest transfers, with parent and receiving council."""
    return list(
        Transfer.objects.select_related("parent", "receiving_council").order_by(
            "-proposed_at", "-pk"
        )[:limit]
    )


@dataclass(frozen=True)
class IncomingView:
    """What a receiving council sees of a transfer before it decides, and nothing more."""

    transfer: Transfer
    first_name: str
    year_of_birth: int
    stages: list
    sending_council: object

    @property
    def public_id(self):
        return self.transfer.public_id


def _incoming_rows(council):
    # Crossing the wall, narrowly: the receiving council reads rows the sending council owns,
    # only those naming it and only once the parent has agreed to the move.
    return Transfer.objects.filter(receiving_council=council, status__in=VISIBLE_TO_RECEIVING)


def _views(rows) -> list[IncomingView]:
    stages: dict[int, list] = {}
    for row in ParentStage.objects.filter(parent_id__in=[t.parent_id for t in rows]):
        stages.setdefault(row.parent_id, []).append(row.stage)
    return [
        IncomingView(
            transfer=row,
            first_name=row.parent.preferred_name or row.parent.given_name,
            year_of_birth=row.parent.date_of_birth.year,
            stages=[
                Stage(value).label
                for value in sorted(stages.get(row.parent_id, []), key=STAGE_ORDER.get)
            ],
            sending_council=row.council,
        )
        for row in rows
    ]


INCOMING_FIELDS = (
    "public_id",
    "kind",
    "status",
    "information",
    "proposed_at",
    "consent_given_on",
    "decided_at",
    "decline_reason",
    "version",
    "council__name",
    "council__name_cy",
    "council__slug",
    "parent_id",
    # Of the parent, only what the receiving council needs to decide.
    "parent__given_name",
    "parent__preferred_name",
    "parent__date_of_birth",
    "decided_by__full_name",
    "receiving_parent__public_id",
)


def _incoming_query(council):
    return (
        _incoming_rows(council)
        .select_related("council", "parent", "decided_by", "receiving_parent")
        .only(*INCOMING_FIELDS)
    )


def incoming(council, *, limit: int = 50) -> tuple[list[IncomingView], list[IncomingView]]:
    """The council's incoming transfers: (waiting for a decision, the latest decided). Three
    queries however many there are."""
    with scopes_disabled():
        rows = list(
            _incoming_query(council)
            .filter(status=Status.CONSENT_GIVEN)
            .order_by("consent_given_on", "proposed_at", "pk")
        )
        rows += list(
            _incoming_query(council)
            .exclude(status=Status.CONSENT_GIVEN)
            .order_by("-proposed_at", "-pk")[:limit]
        )
        views = _views(rows)
    waiting = [view for view in views if view.transfer.status == Status.CONSENT_GIVEN]
    decided = [view for view in views if view.transfer.status != Status.CONSENT_GIVEN]
    return waiting, decided


def incoming_one(council, public_id) -> IncomingView:
    """One transfer sent to the council (DoesNotExist for any other, or before consent)."""
    with scopes_disabled():
        row = _incoming_query(council).get(public_id=public_id)
        return _views([row])[0]


def incoming_for_view(*, actor, public_id) -> IncomingView:
    """An incoming transfer, its read audited in the receiving council's own trail (no parent:
    it holds no record of them yet)."""
    with transaction.atomic():
        view = incoming_one(actor.council, public_id)
        audit.record(
            actor=actor,
            council=actor.council,
            action="transfer.incoming.viewed",
            detail={"transfer": str(view.public_id), "from": view.sending_council.slug},
        )
    return view


def waiting_count(council) -> int:
    with scopes_disabled():
        return _incoming_rows(council).filter(status=Status.CONSENT_GIVEN).count()


@dataclass(frozen=True)
class Arrival:
    """What the receiving council's parent page says of where the parent came from."""

    sending_council: object
    accepted_on: datetime.datetime
    kind_label: str


def arrival_of(parent) -> Arrival | None:
    """If the parent came from another council, which one and when (one query). Only the
    council and the date: never the sending council's record."""
    with scopes_disabled():
        row = (
            Transfer.objects.filter(
                receiving_parent=parent,
                receiving_council_id=parent.council_id,
                status=Status.ACCEPTED,
            )
            .select_related("council")
            .first()
        )
    return _arrival(row)


# What the parent page shows of a transfer (transfers/parent_section.html) and of an arrival.
PARENT_PAGE_FIELDS = (
    "public_id",
    "kind",
    "status",
    "proposed_at",
    "decided_at",
    "parent_id",
    "council__name",
    "council__name_cy",
    "receiving_council__name",
    "receiving_council__name_cy",
)


def for_parent_page(parent) -> tuple[list[Transfer], Arrival | None]:
    """transfers_of and arrival_of in one query, of the columns the parent page shows.

    Crossing the wall as arrival_of does: the council's own moves for the parent (what the
    scoped manager would give: this council's rows), and the accepted move that brought the
    parent here, read from the sending council's rows."""
    with scopes_disabled():
        rows = list(
            Transfer.objects.filter(
                Q(parent=parent, council_id=parent.council_id)
                | Q(
                    receiving_parent=parent,
                    receiving_council_id=parent.council_id,
                    status=Status.ACCEPTED,
                )
            )
            .select_related("council", "receiving_council")
            .only(*PARENT_PAGE_FIELDS)
        )
    transfers = [row for row in rows if row.parent_id == parent.pk]
    arrived = next((row for row in rows if row.parent_id != parent.pk), None)
    return transfers, _arrival(arrived)


def _arrival(row) -> Arrival | None:
    if row is None:
        return None
    return Arrival(
        sending_council=row.council, accepted_on=row.decided_at, kind_label=row.get_kind_display()
    )


def for_portal(parent) -> list[Transfer]:
    """The signed-in parent's own transfers (their council's rows), newest first."""
    return list(Transfer.objects.filter(parent=parent).select_related("receiving_council"))


def portal_transfer(parent, public_id) -> Transfer:
    return Transfer.objects.select_related("receiving_council").get(
        public_id=public_id, parent=parent
    )
