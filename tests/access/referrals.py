"""Access-matrix rows for referrals: case workers read, advisers and managers refer, partner
workers see and answer referrals to their own organisation, parents refer themselves."""

from django.utils import timezone

from parent_charter.partner_referrals.models import (
    ProgrammePrompt,
    ProgrammeWorker,
    WaitingListEntry,
    WaitingState,
)
from tests.access import CASE_WORKERS
from tests.factories import (
    ChildFactory,
    ChildParentFactory,
    LocalOfferFactory,
    PartnerOrganisationFactory,
    ProgrammeFactory,
)
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
    "referrals:partner_places": ("referrals.partner_view", PARTNER, {}),
    "referrals:partner_offer_place": (
        "referrals.partner_update",
        PARTNER,
        {"kwargs": "waiting_entry", "method": "post"},
    ),
    "referrals:partner_place_answer": (
        "referrals.partner_update",
        PARTNER,
        {"kwargs": "waiting_entry"},
    ),
    "referrals:partner_match": ("referrals.partner_update", PARTNER, {"kwargs": "referral"}),
    "referrals:partner_worker_add": (
        "referrals.partner_update",
        PARTNER,
        {"kwargs": "partner_programme"},
    ),
    "referrals:partner_worker_edit": (
        "referrals.partner_update",
        PARTNER,
        {"kwargs": "programme_worker"},
    ),
    "referrals:prompt_answer": ("referrals.make_referral", REFERRERS, {"kwargs": "prompt"}),
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
    places = {which: _places_targets(ctx, which, organisations[which]) for which in referrals}
    return {
        **{
            key: {which: found[key] for which, found in places.items()}
            for key in ("waiting_entry", "partner_programme", "programme_worker", "prompt")
        },
        "referral": {which: {"public_id": r.public_id} for which, r in referrals.items()},
        "referral_parent": {
            which: {"parent_id": ctx[f"{which}_parent"].public_id}
            for which in ("hillford", "eastmere")
        },
    }


def _places_targets(ctx, which, organisation) -> dict:
    """A programme the organisation runs with one place, its volunteer, a referral offered
    a place from the waiting list, and a prompt to offer the programme to the council's
    parent."""
    council, parent = ctx[which], ctx[f"{which}_parent"]
    programme = ProgrammeFactory(
        offer=LocalOfferFactory(council=council), provider=organisation, places=1
    )
    person = ProgrammeWorker.objects.create(
        council=council, programme=programme, first_name="Sue", role="volunteer", families=2
    )
    waiting = ReferralFactory(
        parent=parent,
        organisation=organisation,
        programme=programme,
        kind="programme",
        status="accepted",
        created_by=ctx["pa" if which == "hillford" else "other_pa"],
        consent__recorded_by=ctx["pa" if which == "hillford" else "other_pa"],
    )
    WaitingListEntry.objects.create(
        council=council,
        referral=waiting,
        programme=programme,
        joined_on=timezone.localdate(),
        state=WaitingState.OFFERED,
        offered_at=timezone.now(),
    )
    child = ChildFactory(council=council, due_date=timezone.localdate())
    ChildParentFactory(child=child, parent=parent)
    prompt = ProgrammePrompt.objects.create(
        council=council, parent=parent, programme=programme, child=child, raised_at=timezone.now()
    )
    return {
        "waiting_entry": {"public_id": waiting.public_id},
        "partner_programme": {"slug": programme.slug},
        "programme_worker": {"public_id": person.public_id},
        "prompt": {"public_id": prompt.public_id},
    }
