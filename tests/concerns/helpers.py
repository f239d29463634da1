"""Shared set-up for the concerns tests."""

import datetime
import uuid

from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.concerns import services
from parent_charter.portal.models import PortalAccount
from tests.factories import (
    ChildFactory,
    ChildParentFactory,
    ParentFactory,
    UserFactory,
)
from tests.helpers import today

THIRD_PARTY_NAME = "Dana Whitlock"


def with_child(parent):
    """An expected baby, so the parent is "expecting or parenting" (concerns need a child)."""
    with scope(council=parent.council_id):
        child = ChildFactory(council=parent.council, due_date=today() + datetime.timedelta(days=90))
        ChildParentFactory(child=child, parent=parent)
    return child


def raise_concern(parent, actor, **fields):
    """A concern recorded through the service, as the raise page does."""
    values = {
        "raised_by_role": "health_visitor",
        "raised_by_organisation": "Hillford health visiting team",
        "raised_by_name": THIRD_PARTY_NAME,
        "raised_on": today() - datetime.timedelta(days=3),
        "evidence_what": "The baby was not brought to two booked clinic appointments.",
        "evidence_when": today() - datetime.timedelta(days=5),
        "evidence_source": "Clinic attendance records",
    }
    values.update(fields)
    with scope(council=parent.council_id):
        return services.concern_raise(parent=parent, actor=actor, form_token=uuid.uuid4(), **values)


def portal_user(parent, username: str):
    """A parent's portal sign-in joined to `parent`."""
    user = UserFactory(
        username=username,
        full_name=parent.display_name,
        council=parent.council,
        roles=[Role.PARENT],
    )
    with scope(council=parent.council_id):
        PortalAccount.objects.create(council=parent.council, user=user, parent=parent)
    return user


def second_hillford_parent(hillford):
    with scope(council=hillford.pk):
        return ParentFactory(council=hillford, given_name="Robin", family_name="Ashdown")
