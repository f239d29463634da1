"""The figures' hand-built council (tests/figures/conftest.py) with six more mothers, and each
parent's equality answers chosen so that every count is known by hand.

Supported in 2026 quarter 3: 21 parents (14 mothers m0..m13, 4 fathers f0..f3, 3 leavers
l0..l2). Referred to children's services in the quarter: m0, m1 (the world's) and m2 (added
here). With a child separated from both birth parents at its end: m7, l0, l1, f0, f1.

Ethnic group (high level)  parents  referred  separated
  Black                        5         0         5     m7 l0 l1 f0 f1
  White                       10         3         0     m0..m6 m8..m10
  Prefer not to say            3         0         0     f2 f3 m11
  Not asked or not recorded    3         0         0     l2 (no answers at all) m12 m13
Disability
  Yes                          3         3         0     m0 m1 m2
  No                          12         0         5     m3..m10 l0 l1 f0 f1
  Prefer not to say            3         0         0     f3 m11 m12
  Not asked or not recorded    3         0         0     l2 f2 m13
Every count is 0 or at least the threshold (3), so nothing is suppressed.
"""

import pytest
from django_scopes import scope

from parent_charter.childrens_services.models import ChildrenServicesReferral, ReferralStep
from parent_charter.parents.models import EqualityAnswers
from tests.childrens_services.factories import ReferralFactory
from tests.figures.conftest import at, build_world

ETHNIC = {
    "m0": "white_british",
    "m1": "white_irish",
    "m2": "white_british",
    "m3": "white_other",
    "m4": "white_gypsy_traveller",
    "m5": "white_british",
    "m6": "white_roma",
    "m8": "white_british",
    "m9": "white_british",
    "m10": "white_british",
    "m7": "black_african",
    "l0": "black_caribbean",
    "l1": "black_other",
    "f0": "black_african",
    "f1": "black_caribbean",
    "f2": "prefer_not_to_say",
    "f3": "prefer_not_to_say",
    "m11": "prefer_not_to_say",
    "m13": "not_recorded",
}
DISABILITY = {
    **dict.fromkeys(("m0", "m1", "m2"), "yes"),
    **dict.fromkeys(("m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"), "no"),
    **dict.fromkeys(("l0", "l1", "f0", "f1"), "no"),
    **dict.fromkeys(("f3", "m11", "m12"), "prefer_not_to_say"),
    "f2": "not_recorded",
    "m13": "not_recorded",
}


def named(world) -> dict:
    people = {}
    for prefix, group in (("m", "mothers"), ("f", "fathers"), ("l", "leavers")):
        for index, parent in enumerate(world[group]):
            people[f"{prefix}{index}"] = parent
    return people


def answer(council, parent, *, ethnic_group="not_recorded", disability="not_recorded"):
    return EqualityAnswers.objects.update_or_create(
        parent=parent,
        defaults={"council": council, "ethnic_group": ethnic_group, "disability": disability},
    )[0]


def build_equality_world(council, pa):
    world = build_world(council, pa, extra_parents=6)
    people = named(world)
    referral = ReferralFactory(parent=people["m2"], created_by=pa, status="sent")
    ChildrenServicesReferral.objects.filter(pk=referral.pk).update(created_at=at(2026, 8, 20))
    ReferralStep.objects.filter(referral=referral).update(at=at(2026, 8, 20))
    for name in sorted(set(ETHNIC) | set(DISABILITY)):
        answer(
            council,
            people[name],
            ethnic_group=ETHNIC.get(name, "not_recorded"),
            disability=DISABILITY.get(name, "not_recorded"),
        )
    return {**world, "people": people}


@pytest.fixture
def equality_world(hillford, pa):
    with scope(council=hillford.pk):
        return build_equality_world(hillford, pa)
