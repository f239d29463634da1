"""Fixtures of the concerns tests."""

import pytest
from django.core.management import call_command

from parent_charter.charter.models import CharterVersion
from tests.factories import LocalOfferFactory


@pytest.fixture
def charter_offer(hillford):
    """Hillford's offer on the real charter, so plans hold the real "concerns raised" promises."""
    call_command("load_charter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return LocalOfferFactory(council=hillford, charter_version=CharterVersion.objects.get())
