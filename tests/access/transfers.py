"""Access-matrix rows for moving between councils: the parent's adviser or a team manager of
the sending council proposes a move and records the parent's answer; a team manager or the
council administrator of the receiving council sees what comes in and decides; the parent
answers in the portal.

An incoming transfer "of Hillford" is one sent to Hillford (from Eastmere): the sending
council owns the row, yet only the receiving council reaches it through the incoming pages,
and the sending council's own staff get 404 there."""

import datetime
import uuid

from django_scopes import scope

from parent_charter.transfers import services
from tests.factories import ParentFactory

SENDERS = {"pa", "manager"}
DECIDERS = {"manager", "council_admin"}

ROWS = {
    "transfers:index": ("transfers.decide", DECIDERS, {}),
    "transfers:propose": ("transfers.propose", SENDERS, {"kwargs": "parent"}),
    "transfers:detail": ("transfers.propose", SENDERS, {"kwargs": "transfer_out"}),
    "transfers:answer": (
        "transfers.propose",
        SENDERS,
        {"kwargs": "transfer_out", "method": "post"},
    ),
    "transfers:withdraw": (
        "transfers.propose",
        SENDERS,
        {"kwargs": "transfer_out", "method": "post"},
    ),
    "transfers:incoming": ("transfers.decide", DECIDERS, {"kwargs": "transfer_in"}),
    "transfers:accept": (
        "transfers.decide",
        DECIDERS,
        {"kwargs": "transfer_in", "method": "post"},
    ),
    "transfers:decline": ("transfers.decide", DECIDERS, {"kwargs": "transfer_in"}),
    "transfers_portal:index": ("portal.use_portal", {"parent"}, {}),
    "transfers_portal:answer": (
        "portal.use_portal",
        {"parent"},
        {"kwargs": "transfer_portal", "method": "post"},
    ),
}


def propose(parent, to, actor=None, *, kind="transfer", information=("contact", "children")):
    with scope(council=parent.council_id):
        return services.propose(
            parent=parent,
            actor=actor or parent.personal_adviser,
            form_token=uuid.uuid4(),
            receiving_council=to,
            kind=kind,
            information=list(information),
        )


def consent(transfer, actor, *, agreed=True):
    with scope(council=transfer.council_id):
        return services.record_answer(
            transfer=transfer,
            actor=actor,
            expected_version=transfer.version,
            agreed=agreed,
            on=datetime.date.today(),
            route="in_person",
        )


def make_targets(ctx) -> dict:
    """Hillford's parent Jamie with a move to Eastmere waiting for their answer (outgoing, and
    the portal's); Eastmere's parent Casey likewise to Hillford; and one more parent in each
    council whose move the other council has been asked to decide (incoming)."""
    hillford, eastmere = ctx["hillford"], ctx["eastmere"]
    out = {
        "hillford": propose(ctx["hillford_parent"], eastmere, ctx["pa"]),
        "eastmere": propose(ctx["eastmere_parent"], hillford, ctx["other_pa"]),
    }
    with scope(council=eastmere.pk):
        from_eastmere = ParentFactory(council=eastmere, personal_adviser=ctx["other_pa"])
    with scope(council=hillford.pk):
        from_hillford = ParentFactory(council=hillford, personal_adviser=ctx["pa"])
    incoming = {
        "hillford": consent(propose(from_eastmere, hillford), ctx["other_pa"]),
        "eastmere": consent(propose(from_hillford, eastmere), ctx["pa"]),
    }
    return {
        "transfer_out": {k: {"public_id": t.public_id} for k, t in out.items()},
        "transfer_portal": {k: {"public_id": t.public_id} for k, t in out.items()},
        "transfer_in": {k: {"public_id": t.public_id} for k, t in incoming.items()},
    }
