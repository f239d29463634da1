"""Factories for referrals to children's services, their evidence and guard events."""

import datetime

import factory

from parent_charter.childrens_services.models import (
    ChildrenServicesReferral,
    GuardEvent,
    ReferralEvidence,
    ReferralStep,
)
from parent_charter.notifications.models import ParentNotice


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral with one piece of current evidence and its first step."""

    class Meta:
        model = ChildrenServicesReferral
        skip_postgeneration_save = True

    parent = None
    council = factory.LazyAttribute(lambda r: r.parent.council)
    kind = "referral"
    grounds = factory.LazyFunction(lambda: ["neglect"])
    status = "sent"
    created_by = None

    @factory.post_generation
    def evidence(self, create, extracted, **kwargs):
        texts = extracted or ["On 3 May the baby was found alone in the flat for two hours."]
        for position, text in enumerate(texts):
            ReferralEvidence.objects.create(
                council=self.council,
                referral=self,
                round=self.round,
                position=position,
                what=text,
                seen_on=datetime.date(2026, 5, 3),
                source_kind="professional",
                source_detail="Health visitor, Hillford NHS Trust",
            )
        step = {"held": "held", "returned": "returned", "withdrawn": "withdrawn"}.get(
            self.status, "sent"
        )
        ReferralStep.objects.create(
            council=self.council,
            referral=self,
            step=step,
            round=self.round,
            actor=self.created_by,
            reason="Please describe what is happening now." if step == "returned" else "",
        )


class GuardEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardEvent

    kind = "flagged"
    referral_kind = "referral"


class ParentNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentNotice

    parent = None
    council = factory.LazyAttribute(lambda n: n.parent.council)
    kind = "safeguards.parent.referral_held"
