import datetime
import io

import pytest
from django.core.management import call_command

# The guide is asked on a fixed day, after the April 2026 rates took effect.
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def rules(db):
    call_command("load_entitlements", stdout=io.StringIO())
