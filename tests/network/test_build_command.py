"""`manage.py build_network_figures` stores the measures of the councils that share, only."""

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from parent_charter.network.models import NetworkSharing, SharedFigures
from tests.factories import CouncilFactory
from tests.figures.conftest import NOW


@time_machine.travel(NOW, tick=False)
def test_the_command_builds_each_sharing_councils_measures(db):
    sharing, private = CouncilFactory(name="Sharing"), CouncilFactory(name="Private")
    with scopes_disabled():
        NetworkSharing.objects.create(council=sharing, share_figures=True)
        NetworkSharing.objects.create(council=private, share_figures=False)
    out = io.StringIO()
    call_command("build_network_figures", "--quarter", "2026-Q2", stdout=out)
    assert "for 1 councils" in out.getvalue()
    with scopes_disabled():
        rows = list(SharedFigures.objects.values_list("council__name", "period"))
    assert rows == [("Sharing", "2026-Q2")]
    # Without a quarter, the last full one.
    call_command("build_network_figures", stdout=io.StringIO())
    with scopes_disabled():
        assert SharedFigures.objects.filter(period="2026-Q3").count() == 1


def test_the_command_refuses_what_is_not_a_quarter(db):
    for text in ("2026-07", "2026", "soon"):
        with pytest.raises(CommandError):
            call_command("build_network_figures", "--quarter", text, stdout=io.StringIO())
