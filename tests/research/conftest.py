"""A small Hillford with known casework for research exports: three parents, one of whom
objects to research use, with stages, a birth, a referral to children's services and a Baby
Steps referral that started and ended; and an agreement in force approved by Ceri."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from django_scopes import scope

from parent_charter.parents.models import Parent, StageChange
from parent_charter.research import services
from parent_charter.research.catalogue import FIELD_KEYS
from tests.access.research import agreement_in
from tests.childrens_services.factories import ReferralFactory as CsReferralFactory
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    LocalOfferFactory,
    ParentFactory,
    ProgrammeFactory,
)
from tests.partner_referrals.factories import ReferralFactory, ReferralStatusFactory


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def build_casework(council, pa):
    """Three parents: Robin (a mother, 22), Ash (a father, 19) and Kit, who objects."""
    robin = ParentFactory(
        council=council,
        given_name="Robin",
        family_name="Hawthorne",
        parent_role="mother",
        date_of_birth=datetime.date(2004, 5, 17),
        postcode="HF1 2AB",
        personal_adviser=pa,
    )
    ash = ParentFactory(
        council=council,
        given_name="Ash",
        family_name="Fenwick",
        parent_role="father",
        date_of_birth=datetime.date(2007, 1, 1),
        postcode="HF3 9ZZ",
    )
    kit = ParentFactory(
        council=council,
        given_name="Kit",
        family_name="Objector",
        parent_role="parent",
        date_of_birth=datetime.date(2003, 3, 3),
        postcode="HF9 9KK",
    )
    Parent.objects.filter(pk=robin.pk).update(created_at=at(2026, 1, 10))
    for parent in (robin, kit):
        StageChange.objects.create(
            council=council,
            parent=parent,
            stage="expecting_or_parenting",
            entered=True,
            at=at(2026, 2, 14),
            reason="A baby is expected.",
        )
    for parent in (robin, kit):
        child = ChildFactory(council=council, date_of_birth=datetime.date(2026, 6, 21))
        ChildParentFactory(child=child, parent=parent)
        ChildCircumstanceFactory(
            child=child,
            lives_with="foster_care",
            legal_status="looked_after",
            from_date=datetime.date(2026, 7, 2),
            note="Placed with foster carers after the hospital stay.",
        )
    CsReferralFactory(parent=robin, kind="pre_birth", status="sent", created_by=pa)
    offer = LocalOfferFactory(council=council)
    baby_steps = ProgrammeFactory(offer=offer, slug="baby-steps", name="Baby Steps")
    for parent in (ash, kit):
        referral = ReferralFactory(
            parent=parent, programme=baby_steps, kind="programme", status="started"
        )
        ReferralStatusFactory(referral=referral, status="sent", at=at(2026, 3, 3))
        ReferralStatusFactory(referral=referral, status="started", at=at(2026, 4, 8))
        ReferralStatusFactory(
            referral=referral, status="ended", outcome="completed", at=at(2026, 9, 30)
        )
    services.objection_record(parent=kit, actor=pa, via="adviser")
    return {"robin": robin, "ash": ash, "kit": kit}


@pytest.fixture
def casework(hillford, pa):
    with scope(council=hillford.pk):
        return build_casework(hillford, pa)


@pytest.fixture
def agreement(hillford, council_admin):
    with scope(council=hillford.pk):
        return agreement_in(hillford, council_admin, fields=list(FIELD_KEYS))


@pytest.fixture
def built(hillford, council_admin, casework, agreement, django_capture_on_commit_callbacks):
    """An export built by the worker (the test settings run tasks at once)."""
    with scope(council=hillford.pk), django_capture_on_commit_callbacks(execute=True):
        export = services.request_export(agreement=agreement, actor=council_admin)
    export.refresh_from_db()
    return export
