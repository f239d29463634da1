"""The demo's living-apart stories, built on the demo children seed_demo records."""

import io

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from parent_charter.apart.models import (
    ClaimStatus,
    ContactArrangement,
    ContactSession,
    CostClaim,
    GriefSupportOffer,
    LetterBoxExchange,
    Proceeding,
    Receipt,
)
from parent_charter.apart.receipts import sniff
from parent_charter.authorities.models import Council, PartnerOrganisation
from parent_charter.demo.accounts import ensure_demo_people
from parent_charter.demo.scenarios import seed_casework, seed_demo_parents
from parent_charter.demo.stories import apart as demo_data
from parent_charter.offers.offer_file import load_offer_file, shipped_offer_files
from parent_charter.offers.offer_import import apply_offer_file

MODELS = (
    ContactArrangement,
    ContactSession,
    LetterBoxExchange,
    CostClaim,
    Receipt,
    Proceeding,
    GriefSupportOffer,
)


@pytest.fixture
def demo_casework(db):
    """What seed_demo builds before it calls each area's demo stories (the other apps' own demo
    stories are theirs to test)."""
    call_command("load_charter", stdout=io.StringIO())
    councils = {}
    for path in shipped_offer_files():
        spec = load_offer_file(path)
        councils[spec.council.slug] = apply_offer_file(spec, file_name=path.name)
    partners = {p.name: p for p in PartnerOrganisation.objects.all()}
    ensure_demo_people(councils, partners)
    seed_demo_parents(councils.values())
    for council in councils.values():
        seed_casework(council)
    return councils


def _counts(council):
    with scopes_disabled():
        return {model.__name__: model.objects.filter(council=council).count() for model in MODELS}


def test_each_council_has_living_apart_stories_and_seeding_again_adds_nothing(
    demo_casework,
):
    council = Council.objects.get(slug="herefordshire")
    summary = demo_data.seed(council)
    assert "arrangements" in summary and "claims" in summary
    with scopes_disabled():
        kinds = set(
            ContactArrangement.objects.filter(council=council).values_list("kind", flat=True)
        )
        assert {"supervised", "letter_box", "direct"} <= kinds
        claims = {claim.status: claim for claim in CostClaim.objects.filter(council=council)}
        assert set(claims) == {ClaimStatus.WAITING, ClaimStatus.PAID}
        waiting, paid = claims[ClaimStatus.WAITING], claims[ClaimStatus.PAID]
        receipt = Receipt.objects.get(claim=waiting)
        assert sniff(bytes(receipt.data)) == "image/png" and receipt.size < 2000
        assert paid.paid_on and paid.decided_by != paid.claimed_by
        assert Proceeding.objects.filter(council=council, kind="court_hearing").exists()
        assert GriefSupportOffer.objects.filter(council=council).exists()
        # The stories use the children seed_demo made: no child was invented.
        child_ids = set(
            ContactArrangement.objects.filter(council=council).values_list(
                "child__public_id", flat=True
            )
        )
        # Freya (foster care), Leo (with his mother) and Poppy (adopted: letter-box only).
        assert len(child_ids) == 3
        adopted = ContactArrangement.objects.get(council=council, child__given_name="Poppy")
        assert adopted.kind == "letter_box"
    before = _counts(council)
    assert demo_data.seed(council) == ""
    assert _counts(council) == before

    # Cardiff's stories are set in Cardiff.
    council = Council.objects.get(slug="cardiff")
    demo_data.seed(council)
    with scopes_disabled():
        places = set(
            ContactArrangement.objects.filter(council=council).values_list("next_place", flat=True)
        ) | set(Proceeding.objects.filter(council=council).values_list("place", flat=True))
    assert not any("Hereford" in place for place in places)
    assert any("Cardiff" in place for place in places)
