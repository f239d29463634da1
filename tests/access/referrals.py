"""Access-matrix rows for referrals: case workers read, advisers and managers refer, partner
workers see and answer referrals to their own organisation, parents refer themselves."""

from tests.access import CASE_WORKERS
from tests.factories import PartnerOrganisationFactory
from tests.partner_referrals.factories import ReferralFactory

REFERRERS = {"pa", "manager"}
PARTNER = {"partner_worker"}

ROWS = {
    "referrals:list": ("referrals.view_referral", CASE_WORKERS | {"other_pa"}, {}),
    "referrals:create": ("referrals.make_referral", REFERRERS, {"kwargs": "referral_parent"}),
    "referrals:detail": ("referrals.view_referral", CASE_WORKERS, {"kwargs": "referral"}),
    "referrals:record_status": ("referrals.make_referral", REFERRERS, {"kwargs": "referral"}),
    "referrals:partner_list": ("referrals.partner_view", PARTNER, {}),
    "referrals:partner_detail": ("referrals.partner_view", PARTNER, {"kwargs": "referral"}),
    "referrals:partner_status": ("referrals.partner_update", PARTNER, {"kwargs": "referral"}),
    "referrals:partner_delivery": ("referrals.partner_update", PARTNER, {"kwargs": "referral"}),
    "referrals:partner_contact": ("referrals.partner_update", PARTNER, {"kwargs": "referral"}),
    "referrals_portal:list": ("portal.use_portal", {"parent"}, {}),
    "referrals_portal:self_refer": ("portal.use_portal", {"parent"}, {}),
}


def make_targets(ctx) -> dict:
    # Hillford's referral goes to Hana's own organisation, so she may open it; Eastmere's to
    # an Eastmere partner.
    organisations = {
        "hillford": ctx["partner_worker"].partner_organisation,
        "eastmere": PartnerOrganisationFactory(council=ctx["eastmere"], name="Eastmere Advocacy"),
    }
    creators = {"hillford": ctx["pa"], "eastmere": ctx["other_pa"]}
    referrals = {
        which: ReferralFactory(
            parent=ctx[f"{which}_parent"],
            organisation=organisations[which],
            created_by=creators[which],
            consent__recorded_by=creators[which],
        )
        for which in ("hillford", "eastmere")
    }
    return {
        "referral": {which: {"public_id": r.public_id} for which, r in referrals.items()},
        "referral_parent": {
            which: {"parent_id": ctx[f"{which}_parent"].public_id}
            for which in ("hillford", "eastmere")
        },
    }
