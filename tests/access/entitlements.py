"""Access-matrix rows for rights and entitlements: the public guide, the parent's own guide,
and the council administrator's pages for the council's own offers."""

import datetime

from parent_charter.entitlements.models import LocalEntitlement
from tests.access import EVERYONE

ADMIN = {"council_admin"}

ROWS = {
    "entitlements:guide": ("public", EVERYONE, {}),
    "entitlements:mine": ("portal.use_portal", {"parent"}, {}),
    "entitlements:local_list": ("entitlements.manage_local", ADMIN, {}),
    "entitlements:local_add": ("entitlements.manage_local", ADMIN, {}),
    "entitlements:local_edit": (
        "entitlements.manage_local",
        ADMIN,
        {"kwargs": "local_entitlement"},
    ),
}


def make_targets(ctx) -> dict:
    items = {
        which: LocalEntitlement.objects.create(
            council=ctx[which],
            name_en="Help with the cost of a pushchair",
            summary_en="We pay towards a pushchair.",
            how_to_claim_en="Ask your personal adviser.",
            last_checked=datetime.date(2026, 1, 5),
        )
        for which in ("hillford", "eastmere")
    }
    return {
        "local_entitlement": {which: {"public_id": item.public_id} for which, item in items.items()}
    }
