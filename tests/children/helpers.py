"""Shared set-up for the children tests."""

import datetime
import uuid

from django_scopes import scope

from parent_charter.children import services
from tests.factories import ParentFactory
from tests.helpers import today


def other_parent(council, **fields):
    with scope(council=council.pk):
        return ParentFactory(
            council=council,
            given_name=fields.pop("given_name", "Alex"),
            family_name=fields.pop("family_name", "Marsh"),
            **fields,
        )


def add_child(parent, actor, **fields):
    """A child added through the service, as the add page does."""
    fields.setdefault("due_date", today() + datetime.timedelta(days=150))
    with scope(council=parent.council_id):
        return services.child_add(parent=parent, actor=actor, form_token=uuid.uuid4(), **fields)
