"""Access-matrix rows for the living-apart pages: case workers read, advisers and managers
record, advisers and managers see claims and receipts, and only team managers decide claims."""

from tests.apart.factories import (
    ContactArrangementFactory,
    CostClaimFactory,
    GriefSupportOfferFactory,
    LetterBoxExchangeFactory,
    ProceedingFactory,
    ReceiptFactory,
)

READERS = {"pa", "manager", "assessor"}
RECORDERS = {"pa", "manager"}

ROWS = {
    "apart:parent": ("apart.view_living_apart", READERS, {"kwargs": "apart_parent"}),
    "apart:arrangement_add": (
        "apart.record_living_apart",
        RECORDERS,
        {"kwargs": "apart_parent"},
    ),
    "apart:arrangement_edit": (
        "apart.record_living_apart",
        RECORDERS,
        {"kwargs": "apart_visits"},
    ),
    "apart:session_add": ("apart.record_living_apart", RECORDERS, {"kwargs": "apart_visits"}),
    "apart:exchange_add": (
        "apart.record_living_apart",
        RECORDERS,
        {"kwargs": "apart_letter_box"},
    ),
    "apart:exchange_edit": (
        "apart.record_living_apart",
        RECORDERS,
        {"kwargs": "apart_exchange"},
    ),
    "apart:claim_add": ("apart.record_living_apart", RECORDERS, {"kwargs": "apart_parent"}),
    "apart:claim": ("apart.view_claims", RECORDERS, {"kwargs": "apart_claim"}),
    "apart:claim_decide": (
        "apart.decide_claim",
        {"manager"},
        {"kwargs": "apart_claim", "method": "post"},
    ),
    "apart:claim_paid": (
        "apart.record_living_apart",
        RECORDERS,
        {"kwargs": "apart_claim", "method": "post"},
    ),
    "apart:receipt": ("apart.view_claims", RECORDERS, {"kwargs": "apart_claim"}),
    "apart:claims_waiting": ("apart.decide_claim", {"manager"}, {}),
    "apart:proceeding_add": (
        "apart.record_living_apart",
        RECORDERS,
        {"kwargs": "apart_parent"},
    ),
    "apart:proceeding_edit": (
        "apart.record_living_apart",
        RECORDERS,
        {"kwargs": "apart_proceeding"},
    ),
    "apart:grief_add": ("apart.record_living_apart", RECORDERS, {"kwargs": "apart_parent"}),
    "apart:grief_edit": ("apart.record_living_apart", RECORDERS, {"kwargs": "apart_grief"}),
    "apart:follow_up_add": (
        "apart.record_living_apart",
        RECORDERS,
        {"kwargs": "apart_grief"},
    ),
}

COUNCILS = ("hillford", "eastmere")


def make_targets(ctx) -> dict:
    made = {}
    for which in COUNCILS:
        parent = ctx[f"{which}_parent"]
        visits = ContactArrangementFactory(parent=parent)
        letter_box = ContactArrangementFactory(parent=parent, child=visits.child, kind="letter_box")
        # Claimed by the adviser, so the manager is free to decide it.
        claimant = ctx["pa"] if which == "hillford" else ctx["other_pa"]
        claim = CostClaimFactory(parent=parent, arrangement=visits, claimed_by=claimant)
        ReceiptFactory(claim=claim)
        made[which] = {
            "apart_visits": visits,
            "apart_letter_box": letter_box,
            "apart_exchange": LetterBoxExchangeFactory(arrangement=letter_box),
            "apart_claim": claim,
            "apart_proceeding": ProceedingFactory(parent=parent, child=visits.child),
            "apart_grief": GriefSupportOfferFactory(parent=parent),
        }
    targets = {
        kind: {which: {"public_id": made[which][kind].public_id} for which in COUNCILS}
        for kind in made["hillford"]
    }
    targets["apart_parent"] = {
        which: {"parent_id": ctx[f"{which}_parent"].public_id} for which in COUNCILS
    }
    return targets
