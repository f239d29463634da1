"""Shared set-up for the safeguards tests: form data, and referrals made through the service."""

import datetime
import uuid

from django_scopes import scope

from parent_charter.childrens_services import services
from parent_charter.childrens_services.services import EvidenceInput
from tests.helpers import today

CLEAN = "On 3 May the health visitor saw a bruise on the baby's cheek that mum could not explain."
IMPACT = "The baby could be hurt again, and a bruise at this age needs a doctor to see it."
FLAGGED = "She grew up in care so will struggle to cope with a newborn."


def evidence_fields(*pieces: dict) -> dict:
    """POST data for the evidence formset: each piece a dict of what/seen_on/source fields."""
    data = {
        "evidence-TOTAL_FORMS": str(len(pieces)),
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "1",
        "evidence-MAX_NUM_FORMS": "10",
    }
    for index, piece in enumerate(pieces):
        seen = piece.get("seen_on", today() - datetime.timedelta(days=2))
        prefix = f"evidence-{index}-"
        data[prefix + "what"] = piece.get("what", CLEAN)
        if seen is None:
            data.update({prefix + f"seen_on_{part}": "" for part in ("day", "month", "year")})
        else:
            data.update(
                {
                    prefix + "seen_on_day": str(seen.day),
                    prefix + "seen_on_month": str(seen.month),
                    prefix + "seen_on_year": str(seen.year),
                }
            )
        data[prefix + "source_kind"] = piece.get("source_kind", "professional")
        data[prefix + "source_detail"] = piece.get(
            "source_detail", "Health visitor, Hillford NHS Trust"
        )
        data[prefix + "impact"] = piece.get("impact", IMPACT)
    return data


def form_data(*pieces: dict, **overrides) -> dict:
    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "referral",
        "child": "",
        "grounds": ["physical_injury"],
        **evidence_fields(*(pieces or ({},))),
    }
    data.update(overrides)
    return data


def piece(what=CLEAN, **fields) -> EvidenceInput:
    """One piece of evidence as the form would pass it on: current, sourced, with its effect."""
    values = {
        "what": what,
        "seen_on": today() - datetime.timedelta(days=1),
        "source_kind": "professional",
        "source_detail": "Midwife, Hillford NHS Trust",
        "impact": IMPACT,
        **fields,
    }
    return EvidenceInput(**values)


def submit_pieces(parent, actor, *pieces, kind="referral", grounds=("neglect",), child=None):
    """A referral made through the service with the pieces of evidence given."""
    with scope(council=parent.council_id):
        return services.submit_referral(
            parent=parent,
            actor=actor,
            form_token=uuid.uuid4(),
            kind=kind,
            grounds=list(grounds),
            child=child,
            evidence=list(pieces),
        )


def submit(parent, actor, *texts, kind="referral", grounds=("neglect",), child=None):
    """A referral made through the service, as the create page does."""
    return submit_pieces(
        parent,
        actor,
        *(piece(text) for text in (texts or (CLEAN,))),
        kind=kind,
        grounds=grounds,
        child=child,
    )
