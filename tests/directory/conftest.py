"""Where the Open Referral UK standard lives, and directory records for the cast's councils."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from parent_charter.directory.taxonomy import ensure_taxonomies

from .factories import ScheduleFactory, ServiceAttributeFactory, ServiceFactory

# Beside the repository (as in CI), or wherever OPEN_REFERRAL_UK_DIR says.
STANDARD = Path(
    os.environ.get("OPEN_REFERRAL_UK_DIR")
    or Path(settings.BASE_DIR).parent / "shared" / "standards" / "open-referral-uk"
)


@pytest.fixture
def standard() -> Path:
    """The profile's folder beside the repository (CI has it); skip, saying why, if absent."""
    if not (STANDARD / "profile" / "service.json").exists():
        pytest.skip(
            f"the Open Referral UK standard is not at {STANDARD}: conformance needs "
            "../shared/standards/open-referral-uk/ beside the repository"
        )
    return STANDARD


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def hillford_terms(hillford):
    return ensure_taxonomies(hillford)


@pytest.fixture
def baby_group(hillford, hillford_terms):
    """A Hillford group for parents aged 16 to 25, weekdays 9 to 5, meeting a need."""
    service = ServiceFactory(
        council=hillford, name="Bumps and Babies", minimum_age=16, maximum_age=25
    )
    ScheduleFactory(service=service)
    ServiceAttributeFactory(service=service, taxonomy_term=hillford_terms["pregnancy-and-baby"])
    return service


@pytest.fixture
def eastmere_service(eastmere):
    service = ServiceFactory(council=eastmere, name="Eastmere Advice Line")
    ScheduleFactory(service=service)
    return service
