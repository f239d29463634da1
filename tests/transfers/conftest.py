"""Eastmere's side of a move: its team manager, who decides, and an adviser to take the parent
on. Hillford's Jamie (hillford_parent, with Priya as adviser) is the parent who moves, with
contact details and a child."""

import datetime

import pytest
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.parents.models import Parent
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    TOTPDeviceFactory,
    UserFactory,
)


def _staff(council, username, name, role):
    user = UserFactory(username=username, full_name=name, council=council, roles=[role])
    TOTPDeviceFactory(user=user)
    return user


@pytest.fixture
def eastmere_manager(eastmere):
    return _staff(eastmere, "eira@eastmere.example", "Eira Manager", Role.TEAM_MANAGER)


@pytest.fixture
def eastmere_adviser(eastmere):
    return _staff(eastmere, "emyr@eastmere.example", "Emyr Adviser", Role.PERSONAL_ADVISER)


@pytest.fixture
def moving_parent(hillford, hillford_parent):
    """Jamie, with a phone number, an address and a daughter, Poppy, living with them."""
    with scope(council=hillford.pk):
        Parent.objects.filter(pk=hillford_parent.pk).update(
            phone="07700 900123",
            email="jamie@example.org",
            address="1 Hill Street",
            postcode="HF1 1AA",
            pronouns="they/them",
        )
        hillford_parent.refresh_from_db()
        child = ChildFactory(
            council=hillford,
            given_name="Poppy",
            due_date=None,
            date_of_birth=datetime.date(2026, 3, 2),
        )
        link = ChildParentFactory(child=child, parent=hillford_parent)
        ChildParentFactory(child=child, other_parent_name="Lee Other")
        ChildCircumstanceFactory(
            child=child,
            lives_with="one_parent",
            lives_with_parent=link,
            legal_status="child_in_need",
            from_date=datetime.date(2026, 3, 2),
        )
    return hillford_parent
