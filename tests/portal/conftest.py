"""Shared records for the portal's tests: Hillford's offer, one promise, Jamie's plan."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scope

from tests.factories import (
    LocalCommitmentFactory,
    LocalOfferFactory,
    PlanItemFactory,
    PlanItemStatusFactory,
    SupportPlanFactory,
)


@pytest.fixture
def offer(hillford):
    return LocalOfferFactory(council=hillford)


@pytest.fixture
def promise(offer):
    return LocalCommitmentFactory(
        offer=offer,
        title_en="We pay for the first scan",
        title_cy="Rydym yn talu am y sgan cyntaf",
        wording_en="We will pay for a private scan at 12 weeks.",
        wording_cy="Byddwn yn talu am sgan preifat yn 12 wythnos.",
    )


@pytest.fixture
def other_promise(offer):
    """A promise of the council that is not in Jamie's plan."""
    return LocalCommitmentFactory(offer=offer, title_en="We help you get photo ID")


@pytest.fixture
def plan(hillford, hillford_parent):
    with scope(council=hillford.pk):
        return SupportPlanFactory(parent=hillford_parent)


@pytest.fixture
def item(plan, pa, promise):
    with scope(council=plan.council_id):
        item = PlanItemFactory(
            plan=plan,
            source="local",
            milestone_key="",
            local_commitment=promise,
            owner=pa,
            status="offered",
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        )
        PlanItemStatusFactory(item=item, by=pa, status="offered")
        return item


@pytest.fixture
def parent_client(client_for, parent_user):
    return client_for(parent_user)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """`with after_commit(): ...` runs what the code queued for after its transaction (emails
    by task, for example) when the block ends, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture(autouse=True)
def _panels_with_templates(monkeypatch):
    """The home page shows every app's panel. A panel whose template is missing (its app is
    still being written) is left out here, so these tests check the portal's own work; each
    app tests its own panel, and the page sweep checks them all together."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    from parent_charter.core.registries import portal_sections as sections

    kept = {}
    for key, section in sections._SECTIONS.items():
        try:
            get_template(section.template)
        except TemplateDoesNotExist:
            continue
        kept[key] = section
    monkeypatch.setattr(sections, "_SECTIONS", kept)
