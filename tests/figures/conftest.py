"""A council whose figures for 2026 quarter 3 (beside quarter 2) are known by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django_scopes import scope

from parent_charter.childrens_services.models import ChildrenServicesReferral, ReferralStep
from parent_charter.figures.models import FiguresSettings
from parent_charter.offers.models import LocalOffer
from parent_charter.parents.models import Parent
from parent_charter.plans.models import PlanItem, PlanItemStatus, SupportPlan
from parent_charter.portal.models import Challenge
from tests.apart.factories import CostClaimFactory
from tests.childrens_services.factories import ReferralFactory
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    LocalCommitmentFactory,
    LocalOfferFactory,
    ParentFactory,
    PlanItemFactory,
    PlanReviewFactory,
    SupportPlanFactory,
)

NOW = datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC)


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def _parents(council, count, role, born, created):
    made = [
        ParentFactory(council=council, parent_role=role, date_of_birth=born) for _ in range(count)
    ]
    Parent.objects.filter(pk__in=[p.pk for p in made]).update(created_at=created)
    return made


def build_world(council, pa, *, extra_parents=0):
    """Hillford's known figures. `extra_parents` adds mothers with a plan item each, for the
    query-count test."""
    # The demo's council already has its offer; a bare test council gets one.
    offer = LocalOffer.objects.filter(council=council).first() or LocalOfferFactory(council=council)
    scan = LocalCommitmentFactory(offer=offer, title_en="We pay for the first scan")
    cot = LocalCommitmentFactory(offer=offer, title_en="We buy the cot")
    # 8 mothers since January, aged 22; 4 fathers who joined in August, aged 19; 3 parents
    # whose support ended on 14 August, the day before their 25th birthday.
    mothers = _parents(
        council, 8 + extra_parents, "mother", datetime.date(2004, 5, 17), at(2026, 1, 10)
    )
    fathers = _parents(council, 4, "father", datetime.date(2007, 1, 1), at(2026, 8, 1))
    leavers = _parents(council, 3, "parent", datetime.date(2001, 8, 15), at(2025, 1, 1))
    everyone = mothers + fathers + leavers
    plans = [SupportPlanFactory(parent=p) for p in everyone]
    SupportPlan.objects.filter(pk__in=[p.pk for p in plans]).update(created_at=at(2026, 1, 10))
    # The scan: 10 parents; 4 delivered, 3 in progress, 3 not started (and overdue).
    statuses = ["delivered"] * 4 + ["in_progress"] * 3 + ["to_discuss"] * 3
    for plan, status in zip(plans[:10], statuses, strict=True):
        item = PlanItemFactory(
            plan=plan,
            source="local",
            milestone_key="",
            local_commitment=scan,
            status=status,
            due_date=datetime.date(2026, 8, 1),
            parent_view="I want it at the hospital." if status == "delivered" else "",
        )
        PlanItem.objects.filter(pk=item.pk).update(created_at=at(2026, 2, 1))
        PlanItemStatus.objects.create(council=council, item=item, status=status, at=at(2026, 7, 5))
    for plan in plans[10:13]:
        item = PlanItemFactory(
            plan=plan, source="local", milestone_key="", local_commitment=cot, status="delivered"
        )
        PlanItem.objects.filter(pk=item.pk).update(created_at=at(2026, 2, 1))
        PlanItemStatus.objects.create(
            council=council, item=item, status="delivered", at=at(2026, 7, 6)
        )
    for plan in plans[15:]:
        item = PlanItemFactory(
            plan=plan, source="local", milestone_key="", local_commitment=cot, status="offered"
        )
        PlanItem.objects.filter(pk=item.pk).update(created_at=at(2026, 2, 1))
    # Reviews: three held on time on 1 July.
    for plan in plans[:3]:
        PlanReviewFactory(plan=plan, held_on=datetime.date(2026, 7, 1), recorded_by=pa)
    # Referrals to children's services: 3 sent straight in August, 1 pre-birth request held.
    for _ in range(3):
        referral = ReferralFactory(parent=mothers[0], created_by=pa, status="sent")
        ChildrenServicesReferral.objects.filter(pk=referral.pk).update(created_at=at(2026, 8, 3))
        ReferralStep.objects.filter(referral=referral).update(at=at(2026, 8, 3))
    held = ReferralFactory(parent=mothers[1], created_by=pa, status="held", kind="pre_birth")
    ChildrenServicesReferral.objects.filter(pk=held.pk).update(created_at=at(2026, 8, 4))
    ReferralStep.objects.filter(referral=held).update(at=at(2026, 8, 4))
    # Ten children born in 2025: 4 with both parents, 3 with relatives, 3 in foster care.
    places = ["both_parents"] * 4 + ["relatives"] * 3 + ["foster_care"] * 3
    for mother, place in zip(mothers[:8] + leavers[:2], places, strict=True):
        child = ChildFactory(council=council, date_of_birth=datetime.date(2025, 1, 1))
        ChildParentFactory(child=child, parent=mother)
        ChildCircumstanceFactory(child=child, lives_with=place, from_date=datetime.date(2026, 2, 1))
    for father, place in zip(fathers[:2], ["foster_care"] * 2, strict=True):
        # Two more in 2025, but whose fathers joined only in August: quarter 3 only.
        child = ChildFactory(council=council, date_of_birth=datetime.date(2025, 3, 1))
        ChildParentFactory(child=child, parent=father)
        ChildCircumstanceFactory(child=child, lives_with=place, from_date=datetime.date(2026, 2, 1))
    # Three travel claims of £7.40 paid in September.
    for parent in mothers[:3]:
        CostClaimFactory(
            parent=parent,
            claimed_by=pa,
            status="paid",
            amount=Decimal("7.40"),
            paid_on=datetime.date(2026, 9, 2),
        )
    # Three challenges about the scan in August, each answered in time and resolved.
    for parent in mothers[:3]:
        Challenge.objects.create(
            council=council,
            parent=parent,
            local_commitment=scan,
            what_happened="Nobody booked the scan.",
            status="resolved",
            raised_at=at(2026, 8, 10),
            due_on=datetime.date(2026, 8, 24),
            responded_at=at(2026, 8, 12),
        )
    FiguresSettings.objects.update_or_create(council=council, defaults={"suppression_threshold": 3})
    return {"mothers": mothers, "fathers": fathers, "leavers": leavers, "scan": scan}


@pytest.fixture
def world(hillford, pa):
    with scope(council=hillford.pk):
        return build_world(hillford, pa)
