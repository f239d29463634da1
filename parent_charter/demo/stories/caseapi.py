"""Demo: one API client per demo council, its token printed once, so the README's curl
examples work straight away. Running the demo again makes no second client (the token was
printed the first time; revoke it and add another on the API clients page if it is lost)."""

import uuid

from django.contrib.auth import get_user_model
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.caseapi import services
from parent_charter.caseapi.models import ApiClient, Scope

NAME = "Demo reporting tool"


def seed(council) -> str:
    admin = (
        get_user_model()
        .objects.filter(council=council, role_grants__role=Role.COUNCIL_ADMIN)
        .order_by("pk")
        .first()
    )
    if admin is None:
        return ""
    with scope(council=council.pk):
        if ApiClient.objects.filter(name=NAME).exists():
            return ""
        made = services.client_create(
            council=council,
            actor=admin,
            name=NAME,
            scopes=list(Scope.values),
            form_token=uuid.uuid4(),
        )
    return f"API client '{NAME}', token (shown once): {made.token}"
