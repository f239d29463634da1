"""The demo's concerns: one open in Herefordshire with everything around it, one closed."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django_scopes import scopes_disabled

from parent_charter.authorities.models import Council
from parent_charter.charter.models import Stage
from parent_charter.concerns.models import Concern
from parent_charter.demo.management.commands import seed_demo
from parent_charter.demo.stories import concerns as demo_data
from parent_charter.parents.models import ParentStage
from parent_charter.plans.models import ItemSource, PlanItem


@pytest.fixture
def demo(db, monkeypatch):
    # Only this app's stories: the other apps' demo data is theirs to test.
    monkeypatch.setattr(seed_demo, "demo_extensions", lambda: [apps.get_app_config("concerns")])
    call_command("seed_demo", stdout=io.StringIO())


def test_herefordshire_has_an_open_and_a_closed_concern(demo):
    with scopes_disabled():
        concerns = {c.status: c for c in Concern.objects.filter(council__slug="herefordshire")}
        assert set(concerns) == {"under_assessment", "closed"}
        assert not Concern.objects.exclude(council__slug="herefordshire").exists()
        open_one = concerns["under_assessment"]
        summary = open_one.summaries.get()
        assert summary.is_shared and summary.acknowledged_at is not None
        assert open_one.offers.filter(kind="advocacy", answer="accepted").exists()
        assert open_one.requests.get().decision == "agreed"
        support = PlanItem.objects.filter(concern=open_one, source=ItemSource.SUPPORT)
        assert support.count() == 2
        assert ParentStage.objects.filter(
            parent=open_one.parent, stage=Stage.CONCERNS_RAISED
        ).exists()
        assert concerns["closed"].outcome == "no_further_action"


def test_seeding_again_adds_nothing(demo):
    with scopes_disabled():
        council = Council.objects.get(slug="herefordshire")
        before = (Concern.objects.count(), PlanItem.objects.filter(source="support").count())
        assert demo_data.seed(council) == ""
        after = (Concern.objects.count(), PlanItem.objects.filter(source="support").count())
    assert before == after == (2, 2)
