"""The council wall and roles on moving between councils, and lists that cost the same number
of queries however many moves they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from parent_charter.core.registries.subject_access import export_for
from tests.access.transfers import consent, propose
from tests.factories import CouncilFactory, ParentFactory
from tests.helpers import events, page

pytestmark = pytest.mark.django_db


def test_only_advisers_and_managers_propose_and_only_for_their_own_parents(
    hillford_parent, eastmere_parent, pa, assessor, client_for
):
    url = reverse("transfers:propose", kwargs={"public_id": hillford_parent.public_id})
    assert client_for(assessor).get(url).status_code == 403
    other = reverse("transfers:propose", kwargs={"public_id": eastmere_parent.public_id})
    assert client_for(pa).get(other).status_code == 404
    assert events("transfer.proposed") == []


def test_an_adviser_cannot_decide_and_the_sender_cannot_open_the_incoming_page(
    hillford, eastmere, hillford_parent, pa, manager, eastmere_manager, client_for
):
    transfer = consent(propose(hillford_parent, eastmere, pa), pa)
    incoming = reverse("transfers:incoming", kwargs={"public_id": transfer.public_id})
    # Hillford sent it: its own manager does not reach it as incoming.
    assert client_for(manager).get(incoming).status_code == 404
    assert client_for(pa).get(reverse("transfers:index")).status_code == 403
    # Eastmere's manager does not reach Hillford's own page of it.
    detail = reverse("transfers:detail", kwargs={"public_id": transfer.public_id})
    assert client_for(eastmere_manager).get(detail).status_code == 404
    assert client_for(eastmere_manager).get(incoming).status_code == 200


def test_a_third_council_sees_nothing(hillford, eastmere, hillford_parent, pa, client_for):
    from tests.transfers.conftest import _staff

    westvale = CouncilFactory(name="Westvale", slug="westvale")
    stranger = _staff(westvale, "wyn@westvale.example", "Wyn Manager", "team_manager")
    transfer = consent(propose(hillford_parent, eastmere, pa), pa)
    client = client_for(stranger)
    assert "Jamie" not in page(client.get(reverse("transfers:index")))
    url = reverse("transfers:incoming", kwargs={"public_id": transfer.public_id})
    assert client.get(url).status_code == 404


def _incoming_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("transfers:index"))
    assert response.status_code == 200
    return len(queries)


def test_the_incoming_list_costs_the_same_however_many_moves(
    hillford, eastmere, pa, manager, other_pa, client_for
):
    client = client_for(manager)

    def arrive(count):
        for _ in range(count):
            with scope(council=eastmere.pk):
                parent = ParentFactory(council=eastmere, personal_adviser=other_pa)
            consent(propose(parent, hillford, other_pa), other_pa)
        with scope(council=hillford.pk):
            mine = ParentFactory(council=hillford, personal_adviser=pa)
        propose(mine, eastmere, pa)

    arrive(1)
    few = _incoming_queries(client)
    arrive(6)
    many = _incoming_queries(client)
    assert many == few
    text = page(client.get(reverse("transfers:index")))
    assert text.count("transfers/incoming/") == 7


def test_the_parent_reads_their_moves_in_their_copy(hillford, eastmere, hillford_parent, pa):
    transfer = propose(hillford_parent, eastmere, pa)
    with scope(council=hillford.pk):
        parts = export_for(hillford_parent)
    [part] = [p for p in parts if str(p.title) == "Moving to another council"]
    [record] = part.records
    values = {str(label): str(value) for label, value in record}
    assert values["To"] == "Eastmere Council"
    assert "How to reach them" in values["What goes with you"]
    assert transfer.status == "proposed"


def test_the_parent_page_section_costs_a_fixed_number_of_queries(
    hillford, eastmere, hillford_parent, pa, client_for
):
    client = client_for(pa)
    url = reverse("parents:detail", kwargs={"public_id": hillford_parent.public_id})
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    transfer = propose(hillford_parent, eastmere, pa)
    with scope(council=hillford.pk):
        from parent_charter.transfers import services

        services.withdraw(transfer=transfer, actor=pa, expected_version=transfer.version)
    propose(hillford_parent, eastmere, pa)
    with CaptureQueriesContext(connection) as after:
        text = page(client.get(url))
    assert "Transfer of support to Eastmere" in text
    assert len(after) == len(before)


def test_the_pages_read_in_welsh(hillford, eastmere, hillford_parent, pa, manager, client_for):
    transfer = propose(hillford_parent, eastmere, pa)
    client = client_for(pa)
    client.cookies["parent_charter_language"] = "cy"
    text = page(client.get(reverse("transfers:detail", kwargs={"public_id": transfer.public_id})))
    assert "Cofnodi ateb y rhiant" in text and "Sut i gysylltu â nhw" in text
    assert "Record the parent's answer" not in text
    with scope(council=hillford.pk):
        [event] = events("transfer.proposed")
    from django.utils import translation

    from parent_charter.audit.actions import describe

    with translation.override("cy"):
        assert describe(event.action) == "Cynigiodd symud at gyngor arall"


def test_each_side_acts_only_from_its_own_council(
    hillford, eastmere, hillford_parent, pa, manager, eastmere_manager
):
    from parent_charter.transfers import services

    transfer = consent(propose(hillford_parent, eastmere, pa), pa)
    with pytest.raises(ValueError), scope(council=hillford.pk):
        # The sending council cannot decide on the receiving council's behalf.
        services.decline(
            transfer=transfer, actor=manager, expected_version=transfer.version, reason="No."
        )
    with pytest.raises(ValueError), scope(council=eastmere.pk):
        services.withdraw(transfer=transfer, actor=eastmere_manager, expected_version=2)
    transfer.refresh_from_db()
    assert transfer.status == "consent_given"
