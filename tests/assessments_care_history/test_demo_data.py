"""The demo's care histories, assessments and openings: seeded once, kind, and complete."""

import io

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from parent_charter.assessments_care_history.models import (
    CareHistory,
    CareHistoryAccess,
    CareHistoryEntry,
    ParentingAssessment,
)
from parent_charter.authorities.models import Council, PartnerOrganisation
from parent_charter.demo.accounts import ensure_demo_people
from parent_charter.demo.scenarios import seed_casework, seed_demo_parents
from parent_charter.demo.stories import assessments as demo_data
from parent_charter.notifications.models import StaffNotification
from parent_charter.offers.offer_file import load_offer_file, shipped_offer_files
from parent_charter.offers.offer_import import apply_offer_file


@pytest.fixture
def councils(db):
    """The demo councils, people, parents and casework: what seed_demo makes before the apps'
    own demo stories (this app's seed is then run on its own, to test it alone)."""
    call_command("load_charter", stdout=io.StringIO())
    councils = {}
    for path in shipped_offer_files():
        spec = load_offer_file(path)
        councils[spec.council.slug] = apply_offer_file(spec, file_name=path.name)
    partners = {p.name: p for p in PartnerOrganisation.objects.all()}
    ensure_demo_people(councils, partners)
    seed_demo_parents(councils.values())
    for council in councils.values():
        seed_casework(council)
    return [Council.objects.get(slug=slug) for slug in ("herefordshire", "cardiff")]


def _counts():
    with scopes_disabled():
        return {
            model.__name__: model.objects.count()
            for model in (
                CareHistory,
                CareHistoryEntry,
                ParentingAssessment,
                CareHistoryAccess,
                StaffNotification,
            )
        }


def test_the_demo_is_seeded_once(councils):
    summaries = [demo_data.seed(council) for council in councils]
    assert all("care histories" in summary for summary in summaries)
    first = _counts()
    assert [demo_data.seed(council) for council in councils] == ["", ""]
    assert _counts() == first
    assert first["CareHistory"] == 8 and first["ParentingAssessment"] == 4


def test_sian_once_opened_a_history_with_a_reason(councils):
    for council in councils:
        demo_data.seed(council)
    with scopes_disabled():
        [opening] = CareHistoryAccess.objects.filter(kind="break_glass")
        assert opening.opened_by.username == "sian@herefordshire.demo"
        assert opening.council.slug == "herefordshire"
        assert "health records" in opening.reason
        assert CareHistoryAccess.objects.filter(kind="normal", council__slug="cardiff").exists()
        [told] = StaffNotification.objects.filter(kind="assessments.care_history_break_glass")
        assert told.recipient.username == "morgan@herefordshire.demo"
        for entry in CareHistoryEntry.objects.select_related("history__parent"):
            born = entry.history.parent.date_of_birth
            assert entry.from_date is None or entry.from_date >= born
            assert entry.to_date is None or entry.to_date >= entry.from_date
