import uuid

import pytest
from django.test import Client
from django_scopes import scope

from parent_charter.caseapi import services
from parent_charter.caseapi.models import Scope
from tests.factories import PlanItemFactory, SupportPlanFactory

API = "/api/case/v1/"
EVERY_SCOPE = list(Scope.values)


def make_client(council, admin, scopes=EVERY_SCOPE, name="Mosaic"):
    """A new API client of the council: (client, token)."""
    with scope(council=council.pk):
        made = services.client_create(
            council=council, actor=admin, name=name, scopes=scopes, form_token=uuid.uuid4()
        )
    return made.client, made.token


class Caller:
    """Calls the API with a token, as another system would: no session, no cookies."""

    def __init__(self, token):
        self.token = token
        self.http = Client()

    def _headers(self, extra):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**headers, **(extra or {})}

    def get(self, path, headers=None, **params):
        return self.http.get(API + path, params, headers=self._headers(headers))

    def patch(self, path, body, headers=None):
        data = body if isinstance(body, str | bytes) else __import__("json").dumps(body)
        return self.http.patch(
            API + path, data, content_type="application/json", headers=self._headers(headers)
        )


@pytest.fixture
def eastmere_admin(eastmere):
    from tests.conftest import _staff

    return _staff(eastmere, "Ede Admin", ["council_admin"])


@pytest.fixture
def hillford_api(hillford, council_admin):
    return make_client(hillford, council_admin)


@pytest.fixture
def api(hillford_api):
    return Caller(hillford_api[1])


@pytest.fixture
def plan(hillford, hillford_parent):
    with scope(council=hillford.pk):
        return SupportPlanFactory(parent=hillford_parent)


@pytest.fixture
def item(plan):
    with scope(council=plan.council_id):
        return PlanItemFactory(plan=plan, status="to_discuss")


@pytest.fixture
def eastmere_item(eastmere, eastmere_parent):
    with scope(council=eastmere.pk):
        return PlanItemFactory(plan=SupportPlanFactory(parent=eastmere_parent))
