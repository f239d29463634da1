"""The demo's API client: made once per council by its administrator, with a working token."""

from django_scopes import scopes_disabled

from parent_charter.caseapi.models import ApiClient
from parent_charter.demo.stories import caseapi as story

from .conftest import Caller


def test_the_demo_makes_one_working_client_per_council(hillford, council_admin, eastmere):
    summary = story.seed(hillford)
    token = summary.rsplit(" ", 1)[1]
    assert Caller(token).get("client").json()["council"] == "hillford"
    assert story.seed(hillford) == ""
    assert story.seed(eastmere) == ""  # no administrator: nothing made
    with scopes_disabled():
        assert ApiClient.objects.get().created_by == council_admin
