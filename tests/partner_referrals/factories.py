"""Factories for referrals, their consents, status rows, delivery and contacts."""

import datetime

import factory
from django.utils import timezone

from parent_charter.partner_referrals.models import (
    Delivery,
    DeliveryContact,
    Referral,
    ReferralStatus,
)
from tests.factories import (
    ConsentRecordFactory,
    ParentRecordFactory,
    PartnerOrganisationFactory,
    UserFactory,
)


class ReferralFactory(ParentRecordFactory):
    """A referral to a partner, resting on a consent that names the partner (in force)."""

    class Meta:
        model = Referral

    organisation = factory.SubFactory(
        PartnerOrganisationFactory, council=factory.SelfAttribute("..council")
    )
    kind = "advocacy"
    referred_by = "adviser"
    reason = "Would like an advocate at the next meeting."
    shared = factory.LazyFunction(lambda: ["contact", "reason"])
    consent = factory.SubFactory(
        ConsentRecordFactory,
        parent=factory.SelfAttribute("..parent"),
        partner_organisation=factory.SelfAttribute("..organisation"),
        share_with=factory.SelfAttribute("..organisation.name"),
        given_on=datetime.date(2026, 1, 5),
    )
    status = "sent"
    status_changed_at = factory.LazyFunction(timezone.now)
    created_by = factory.SubFactory(UserFactory, council=factory.SelfAttribute("..council"))


class ReferralStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralStatus

    referral = factory.SubFactory(ReferralFactory)
    council = factory.SelfAttribute("referral.council")
    status = factory.SelfAttribute("referral.status")
    at = factory.LazyFunction(timezone.now)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    referral = factory.SubFactory(ReferralFactory)
    council = factory.SelfAttribute("referral.council")
    support_form = "befriending"
    support_giver = "volunteer"
    place = "home"
    frequency = "weekly"
    updated_by = factory.SelfAttribute("referral.created_by")


class DeliveryContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryContact

    referral = factory.SubFactory(ReferralFactory)
    council = factory.SelfAttribute("referral.council")
    on = factory.LazyFunction(timezone.localdate)
    method = "home_visit"
    duration_minutes = 60
    note = "Talked about the week ahead."
    recorded_by = factory.SelfAttribute("referral.created_by")
