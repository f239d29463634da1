"""The demo's referrals: Baby Steps in Herefordshire in different states, seen by Hana."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django_scopes import scopes_disabled

from parent_charter.accounts.models import User
from parent_charter.demo.accounts import DEMO_PASSWORD
from parent_charter.offers.models import Programme
from parent_charter.partner_referrals import places
from parent_charter.partner_referrals.models import (
    WAITING_ORDER,
    Delivery,
    DeliveryContact,
    Match,
    ProgrammePrompt,
    Referral,
    ReferralStatus,
    WaitingListEntry,
)
from tests.conftest import current_code


def _seed():
    call_command("seed_demo", stdout=io.StringIO())


def _counts():
    with scopes_disabled():
        return [m.objects.count() for m in (Referral, ReferralStatus, Delivery, DeliveryContact)]


@pytest.fixture
def demo(demo_seeded_once, db):
    """The seeded demo (seeded once for this module, see tests/conftest.py)."""


def _demo_sign_in(user) -> Client:
    client = Client()
    client.post("/accounts/sign-in/", {"username": user.username, "password": DEMO_PASSWORD})
    client.post("/accounts/two-factor/", {"token": current_code(user)})
    return client


def test_herefordshire_has_baby_steps_referrals_in_different_states(demo):
    with scopes_disabled():
        referrals = list(
            Referral.objects.filter(council__slug="herefordshire").select_related("organisation")
        )
        statuses = {r.status for r in referrals}
        assert {r.organisation.name for r in referrals} == {"Home-Start Herefordshire"}
        assert {"sent", "received", "accepted", "started", "ended"} <= statuses
        assert {r.referred_by for r in referrals} >= {"self", "midwife", "adviser"}
        midwife = next(r for r in referrals if r.referred_by == "midwife")
        assert midwife.professional_name and midwife.professional_phone
        assert DeliveryContact.objects.filter(referral__in=referrals).count() >= 4
        assert not Referral.objects.filter(council__slug="cardiff").exists()
        hana = User.objects.get(username="hana@herefordshire.demo")
    body = _demo_sign_in(hana).get("/staff/referrals/partner/").content.decode()
    assert body.count("/staff/referrals/partner/") >= len(referrals)
    assert "Consent withdrawn" in body  # one parent withdrew their consent afterwards


def test_seeding_again_adds_no_referral_twice(demo):
    before = _counts()
    _seed()
    assert _counts() == before


def test_baby_steps_is_full_with_two_waiting_and_families_matched(demo):
    with scopes_disabled():
        programme = Programme.objects.get(offer__council__slug="herefordshire", slug="baby-steps")
        assert programme.places == 2 and programme.offered_on_new_baby
        assert places.places_taken(programme.pk) == 2
        entries = WaitingListEntry.objects.filter(programme=programme).order_by(*WAITING_ORDER)
        assert [e.state for e in entries] == ["waiting", "waiting"]
        assert entries[0].joined_on < entries[1].joined_on
        assert Match.objects.filter(referral__programme=programme).count() == 2
        assert ProgrammePrompt.objects.filter(programme=programme, answer="").exists()
        hana = User.objects.get(username="hana@herefordshire.demo")
    body = _demo_sign_in(hana).get("/staff/referrals/partner/places/").content.decode()
    assert "Waiting list" in body and "Ffion" in body
    assert "A place is free" not in body  # both places are taken
