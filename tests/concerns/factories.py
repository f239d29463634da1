"""Factories for concerns and the records around them. No real people."""

import datetime

import factory

from tests.factories import ParentRecordFactory, UserFactory


class ConcernFactory(ParentRecordFactory):
    class Meta:
        model = "concerns.Concern"

    raised_by_role = "health_visitor"
    raised_by_organisation = "Hillford health visiting team"
    raised_by_name = "Dana Whitlock"
    raised_on = datetime.date(2026, 10, 1)
    evidence_what = "The baby had not been seen at two booked clinic appointments."
    evidence_when = datetime.date(2026, 9, 28)
    evidence_source = "Health visitor's clinic records"
    status = "open"
    recorded_by = factory.SubFactory(UserFactory, council=factory.SelfAttribute("..council"))


class ConcernSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "concerns.ConcernSummary"

    council = factory.SelfAttribute("concern.council")
    concern = factory.SubFactory(ConcernFactory)
    number = factory.Sequence(lambda n: n + 1)
    what_is_happening = "The health visitor is worried because two clinic visits were missed."
    the_plan = "We will meet next week to plan how to get to clinic, with bus fares paid."
    written_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 10, 2, 10, 0, tzinfo=datetime.UTC)
    )


class ConcernOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "concerns.ConcernOffer"

    council = factory.SelfAttribute("concern.council")
    concern = factory.SubFactory(ConcernFactory)
    kind = "advocacy"
    offered_on = datetime.date(2026, 10, 2)


class ConcernRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "concerns.ConcernRequest"

    council = factory.SelfAttribute("concern.council")
    concern = factory.SubFactory(ConcernFactory)
    kind = "recorded_meetings"
    requested_on = datetime.date(2026, 10, 3)
    asked_by = "parent"


class ParentViewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "concerns.ParentView"

    council = factory.SelfAttribute("concern.council")
    concern = factory.SubFactory(ConcernFactory)
    given_on = datetime.date(2026, 10, 4)
    words = "I missed clinic because the bus did not come. I want to go."
