"""Who reaches the network view, that it never shows a personal record, that the start page
links it, and that its pages cost the same queries however many councils there are."""

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CouncilFactory, LocalOfferFactory
from tests.figures.conftest import NOW

from .conftest import count, percent, share

PAGES = ("/staff/network/", "/staff/network/comparison/")


@time_machine.travel(NOW, tick=False)
def test_only_network_coordinators_see_the_network_view(client_for, cast, parent_user):
    for who, user in {**cast, "parent": parent_user}.items():
        for url in PAGES:
            status = client_for(user).get(url).status_code
            assert status == (200 if who == "coordinator" else 403), (who, url, status)


def test_only_the_council_administrator_decides_on_sharing(client_for, cast, parent_user):
    for who, user in {**cast, "parent": parent_user}.items():
        status = client_for(user).get("/staff/network/sharing/").status_code
        assert status == (200 if who == "council_admin" else 403), (who, status)


@time_machine.travel(NOW, tick=False)
def test_coordinators_never_see_a_personal_record(
    client_for, coordinator, hillford, eastmere, hillford_parent, eastmere_parent
):
    for council in (hillford, eastmere):
        share(council, {"supported": count(12), "separated": percent(40)})
    client = client_for(coordinator)
    for url in PAGES:
        body = client.get(url).content.decode()
        for name in ("Jamie", "Rivers", "Casey", "Brook"):
            assert name not in body, (url, name)
        assert str(hillford_parent.public_id) not in body
    for url in (
        reverse("parents:list"),
        reverse("parents:detail", kwargs={"public_id": hillford_parent.public_id}),
        reverse("parents:detail", kwargs={"public_id": eastmere_parent.public_id}),
        reverse("figures:index"),
        reverse("figures:parents"),
    ):
        assert client.get(url).status_code == 403, url


def test_the_start_page_links_the_network_view(client_for, coordinator, council_admin, analyst):
    coordinator_page = client_for(coordinator).get("/staff/").content.decode()
    assert 'href="/staff/network/"' in coordinator_page
    assert "Sharing figures with the network" not in coordinator_page
    admin_page = client_for(council_admin).get("/staff/").content.decode()
    assert 'href="/staff/network/sharing/"' in admin_page
    assert 'href="/staff/network/"' not in admin_page
    assert 'href="/staff/network/' not in client_for(analyst).get("/staff/").content.decode()


def _councils(how_many, start):
    made = []
    for index in range(how_many):
        council = CouncilFactory()
        LocalOfferFactory(council=council, status=("signed_up", "engaged", "withdrawn")[index % 3])
        share(council, {"supported": count(10 + start + index), "separated": percent(30)})
        made.append(council)
    return made


@time_machine.travel(NOW, tick=False)
def test_the_pages_cost_the_same_queries_however_many_councils(client_for, coordinator):
    client = client_for(coordinator)

    def queries(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    _councils(3, 0)
    few = {url: queries(url) for url in PAGES}
    _councils(9, 100)
    many = {url: queries(url) for url in PAGES}
    assert few == many
