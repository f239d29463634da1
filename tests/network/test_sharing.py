"""A council's administrator decides whether its figures join the network's comparison."""

import time_machine
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.network.models import NetworkSharing, SharedFigures
from tests.figures.conftest import NOW


def _row(council):
    with scope(council=council.pk):
        return NetworkSharing.objects.filter(council=council).first()


def _shared(council):
    with scope(council=council.pk):
        return list(SharedFigures.objects.filter(council=council).values_list("period", flat=True))


@time_machine.travel(NOW, tick=False)
def test_the_administrator_shares_the_figures_and_it_is_audited(
    client_for, council_admin, hillford
):
    client = client_for(council_admin)
    page = client.get("/staff/network/sharing/").content.decode()
    assert "The council does not share its figures now." in page
    response = client.post("/staff/network/sharing/", {"share_figures": "yes", "version": "1"})
    assert response.status_code == 302
    assert _row(hillford).share_figures is True
    # Joining shares the last full quarter's figures at once.
    assert _shared(hillford) == ["2026-Q3"]
    event = AuditEvent.objects.filter(action="network.sharing.updated").get()
    assert event.council_id == hillford.pk and event.actor_id == council_admin.pk
    assert event.detail == {"share_figures": True}


@time_machine.travel(NOW, tick=False)
def test_leaving_removes_what_the_council_shared(client_for, council_admin, hillford):
    client = client_for(council_admin)
    client.post("/staff/network/sharing/", {"share_figures": "yes", "version": "1"})
    response = client.post("/staff/network/sharing/", {"share_figures": "no", "version": "2"})
    assert response.status_code == 302
    assert _row(hillford).share_figures is False and _shared(hillford) == []
    assert AuditEvent.objects.filter(action="network.sharing.updated").count() == 2


@time_machine.travel(NOW, tick=False)
def test_a_stale_form_is_a_conflict_and_saves_nothing(client_for, council_admin, hillford):
    client = client_for(council_admin)
    client.post("/staff/network/sharing/", {"share_figures": "yes", "version": "1"})
    # A second administrator opened the form at version 1 and chooses "no".
    response = client.post("/staff/network/sharing/", {"share_figures": "no", "version": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record while you were editing it" in body
    assert _row(hillford).share_figures is True and _row(hillford).version == 2
    assert 'name="version" value="2"' in body
    assert AuditEvent.objects.filter(action="network.sharing.updated").count() == 1


def test_no_choice_is_an_error_next_to_the_field(client_for, council_admin, hillford):
    response = client_for(council_admin).post("/staff/network/sharing/", {"version": "1"})
    assert response.status_code == 200
    assert "Select whether to share the council&#x27;s figures" in response.content.decode()
    assert _row(hillford) is None
