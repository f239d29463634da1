"""Fixtures of the referrals tests: Hana's organisation, its programme, another partner."""

import pytest

from tests.factories import LocalOfferFactory, PartnerOrganisationFactory, ProgrammeFactory


@pytest.fixture
def home_start(partner_worker):
    """Home-Start Hillford, Hana's organisation."""
    return partner_worker.partner_organisation


@pytest.fixture
def other_partner(hillford):
    """Another of Hillford's partners: Hana must never see its referrals."""
    return PartnerOrganisationFactory(council=hillford, name="Hillford Housing Advice")


@pytest.fixture
def offer(hillford):
    return LocalOfferFactory(council=hillford)


@pytest.fixture
def baby_steps(offer, home_start):
    return ProgrammeFactory(
        offer=offer,
        slug="baby-steps",
        name="Baby Steps",
        provider=home_start,
        support_forms=["befriending", "advocacy", "mentoring"],
        support_givers=["volunteer", "paid_worker", "peer_group", "dad_support"],
        delivery_places=["home", "phone", "community"],
        frequencies=["weekly", "occasional"],
        referral_routes=["personal_adviser", "self", "midwife"],
    )
