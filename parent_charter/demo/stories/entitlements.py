"""The rules from the data file, and Herefordshire's own offers with money attached.

Herefordshire's local offer promises to pay for a baby's first scan and for photo ID; here
they become offers in the rights guide, linked to those promises. The amounts are the costs
themselves (the offer names no sum), so none is invented.
"""

import datetime

from django.db import transaction
from django_scopes import scope

from parent_charter.demo.recorded import demo_id, record_demo
from parent_charter.entitlements.models import LocalEntitlement
from parent_charter.entitlements.services import load_entitlements_file
from parent_charter.offers.models import LocalCommitment

OFFERS = {
    "herefordshire": [
        {
            "promise": "expecting.first-scan",
            "name_en": "Your baby's first scan, paid for",
            "name_cy": "Sgan cyntaf eich babi, wedi'i dalu amdano",
            "summary_en": (
                "The council pays what your baby's first scan costs you, such as travel, "
                "parking and the scan photographs."
            ),
            "summary_cy": (
                "Mae'r cyngor yn talu'r hyn mae sgan cyntaf eich babi yn ei gostio i chi, fel "
                "teithio, parcio a lluniau'r sgan."
            ),
            "how_to_claim_en": (
                "Tell your personal adviser when the scan is booked. They agree the costs with "
                "you and pay them before the appointment where they can."
            ),
            "how_to_claim_cy": (
                "Dywedwch wrth eich cynghorydd personol pan fydd y sgan wedi'i drefnu. Bydd yn "
                "cytuno ar y costau gyda chi ac yn eu talu cyn yr apwyntiad lle bo modd."
            ),
            "amount_note_en": "the cost, paid by the council",
            "amount_note_cy": "y gost, wedi'i thalu gan y cyngor",
            "situation": "expecting",
            "child_max_age": None,
        },
        {
            "promise": "expecting.photo-id",
            "name_en": "Photo ID, paid for",
            "name_cy": "Prawf adnabod â llun, wedi'i dalu amdano",
            "summary_en": (
                "The council pays the fee for a passport, a provisional driving licence or a "
                "proof-of-age card, so you have photo ID to claim money and use services."
            ),
            "summary_cy": (
                "Mae'r cyngor yn talu'r ffi am basbort, trwydded yrru dros dro neu gerdyn prawf "
                "oedran, er mwyn i chi gael prawf adnabod â llun i hawlio arian a defnyddio "
                "gwasanaethau."
            ),
            "how_to_claim_en": "Ask your personal adviser, who will help with the application.",
            "how_to_claim_cy": "Gofynnwch i'ch cynghorydd personol, a fydd yn helpu gyda'r cais.",
            "amount_note_en": "the application fee, paid by the council",
            "amount_note_cy": "ffi'r cais, wedi'i thalu gan y cyngor",
            "situation": "expecting_or_child",
            "child_max_age": 4,
        },
    ],
}


def seed(council) -> str:
    result = load_entitlements_file()
    summary = []
    if result.created or result.updated:
        summary.append(f"{result.created + result.updated} national rules loaded")
    added = 0
    with scope(council=council.pk), transaction.atomic():
        for spec in OFFERS.get(council.slug, []):
            public_id = demo_id(council, "entitlement", spec["promise"])
            if LocalEntitlement.objects.filter(public_id=public_id).exists():
                continue
            promise = LocalCommitment.objects.filter(
                offer__council=council, key=spec["promise"]
            ).first()
            fields = {k: v for k, v in spec.items() if k != "promise"}
            item = LocalEntitlement.objects.create(
                public_id=public_id,
                council=council,
                local_commitment=promise,
                amount=None,
                unit="gbp",
                period="one_off",
                max_age=24,
                care_statuses=["in_care", "care_leaver"],
                applies_from=getattr(getattr(council, "local_offer", None), "status_date", None),
                last_checked=datetime.date(2026, 11, 23),
                **fields,
            )
            record_demo(council, "entitlements.local.added", item, detail={"has_amount": False})
            added += 1
    if added:
        summary.append(f"{added} of the council's own offers added")
    return ", ".join(summary)
