"""Councils with real GSS codes (so they sit on the hex map) and hand-built shared figures."""

import datetime

import pytest
from django_scopes import scope

from parent_charter.network.models import NetworkSharing, SharedFigures
from tests.factories import CouncilFactory, LocalOfferFactory

Q3 = "2026-Q3"


def welsh_council(code, name, slug, **offer):
    council = CouncilFactory(
        gss_code=code, name=name, slug=slug, nation="wales", welsh_required=True
    )
    if offer:
        LocalOfferFactory(council=council, **offer)
    return council


@pytest.fixture
def welsh_councils(db):
    """Cardiff signed up, Swansea actively engaged, Newport withdrawn; 19 others not yet."""
    return {
        "cardiff": welsh_council(
            "W06000015",
            "Cardiff Council",
            "cardiff",
            status="signed_up",
            status_date=datetime.date(2024, 6, 3),
        ),
        "swansea": welsh_council(
            "W06000011",
            "Swansea Council",
            "swansea",
            status="engaged",
            status_date=datetime.date(2025, 2, 1),
        ),
        "newport": welsh_council(
            "W06000022",
            "Newport City Council",
            "newport",
            status="withdrawn",
            status_date=datetime.date(2025, 9, 1),
        ),
    }


def share(council, measures, *, period=Q3, shares=True):
    """A council's stored measures for a period, and its choice to share them."""
    with scope(council=council.pk):
        NetworkSharing.objects.update_or_create(council=council, defaults={"share_figures": shares})
        return SharedFigures.objects.create(council=council, period=period, measures=measures)


def count(value, *, state="shown", threshold=5):
    return {"value": value if state == "shown" else None, "state": state, "threshold": threshold}


def percent(value):
    return {"percent": value}
