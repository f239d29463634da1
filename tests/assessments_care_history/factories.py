"""Factories for assessments and care histories. Deterministic, no real people."""

import datetime

import factory
from django.utils import timezone

from parent_charter.assessments_care_history.models import (
    AccessKind,
    CareHistory,
    CareHistoryAccess,
    CareHistoryEntry,
    ParentingAssessment,
)
from tests.factories import ParentRecordFactory, UserFactory


class ParentingAssessmentFactory(ParentRecordFactory):
    class Meta:
        model = ParentingAssessment

    kind = "parenting"
    assessor = factory.SubFactory(UserFactory, council=factory.SelfAttribute("..council"))
    started_on = datetime.date(2026, 9, 1)
    summary = "Attends every appointment; the home is warm and ready for the baby."


class CareHistoryFactory(ParentRecordFactory):
    class Meta:
        model = CareHistory


class CareHistoryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareHistoryEntry

    council = factory.SelfAttribute("history.council")
    history = factory.SubFactory(CareHistoryFactory)
    kind = "period"
    from_date = datetime.date(2012, 6, 12)
    to_date = datetime.date(2015, 3, 1)
    placement_type = "foster"
    placing_authority = "Hillford Council"
    details = "Settled well with the same carers for three years."


class CareHistoryAccessFactory(ParentRecordFactory):
    class Meta:
        model = CareHistoryAccess

    opened_by = factory.SubFactory(UserFactory, council=factory.SelfAttribute("..council"))
    role = "personal_adviser"
    kind = AccessKind.NORMAL
    opened_at = factory.LazyFunction(timezone.now)
