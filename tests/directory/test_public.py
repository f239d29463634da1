"""The public search and service pages: by need, age, words and open now, in each council."""

import datetime
import zoneinfo

import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from parent_charter.directory.contributions import age_on, services_panel

from .factories import (
    AddressFactory,
    ContactFactory,
    CostOptionFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceAttributeFactory,
    ServiceFactory,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")


def found(response) -> list[str]:
    assert response.status_code == 200
    return [row["service"].name for row in response.context["results"]]


def test_search_by_need_age_and_words(client, hillford, hillford_terms, baby_group):
    housing = ServiceFactory(council=hillford, name="Housing advice line", minimum_age=18)
    ServiceAttributeFactory(service=housing, taxonomy_term=hillford_terms["somewhere-to-live"])
    ServiceFactory(council=hillford, name="Closed for good", status="defunct")

    assert found(client.get("/services/")) == ["Bumps and Babies", "Housing advice line"]
    assert found(client.get("/services/", {"need": "somewhere-to-live"})) == ["Housing advice line"]
    assert found(client.get("/services/", {"age": "17"})) == ["Bumps and Babies"]
    assert found(client.get("/services/", {"q": "housing"})) == ["Housing advice line"]


def test_search_within_one_council(client, baby_group, eastmere_service):
    assert found(client.get("/services/", {"council": "hillford"})) == ["Bumps and Babies"]
    response = client.get("/services/", {"council": "hillford"})
    assert "Hillford Council" in response.content.decode()


def test_open_now_honours_the_christmas_closure(client, baby_group):
    ScheduleFactory(
        service=baby_group,
        freq="",
        byday="",
        opens_at=None,
        closes_at=None,
        valid_from=datetime.date(2026, 12, 24),
        valid_to=datetime.date(2027, 1, 1),
    )
    query = {"open_now": "on"}
    with time_machine.travel(datetime.datetime(2026, 12, 23, 10, tzinfo=LONDON), tick=False):
        assert found(client.get("/services/", query)) == ["Bumps and Babies"]
    with time_machine.travel(datetime.datetime(2026, 12, 24, 10, tzinfo=LONDON), tick=False):
        assert found(client.get("/services/", query)) == []
        page = client.get(f"/services/{baby_group.id}/").content.decode()
        assert "Closed now" in page
        assert "Closed from 24 December 2026 to 1 January 2027" in page
        assert "Opens at 9:00 a.m. on Monday 4 January" in page


def test_bad_search_values_are_shown_beside_their_fields(client, baby_group):
    response = client.get("/services/", {"age": "nineteen", "need": "flying"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter your age as a number, like 19" in page
    assert "Select a need from the list" in page


def test_the_service_page_shows_times_contacts_eligibility_and_cost(client, baby_group):
    contact = ContactFactory(service=baby_group, title="Group leader", name="")
    PhoneFactory(contact=contact, number="01632 960 411", description="Weekdays 9 to 5")
    CostOptionFactory(service=baby_group, amount=0, option="Every session")
    link = ServiceAtLocationFactory(service=baby_group)
    AddressFactory(location=link.location, address_1="2 Bridge Street", postal_code="HF2 2BB")
    page = client.get(f"/services/{baby_group.id}/").content.decode()
    for text in (
        "Bumps and Babies",
        "Every week: Monday, Tuesday, Wednesday, Thursday and Friday, 9:00 a.m. to 5:00 p.m.",
        "Ages 16 to 25",
        "Group leader",
        'href="tel:01632960411"',
        "Every session: Free",
        "2 Bridge Street",
        "Pregnancy, birth and your baby",
    ):
        assert text in page, text


def test_welsh_text_is_shown_in_welsh(client, baby_group):
    baby_group.name_cy = "Bolau a Babanod"
    baby_group.save()
    client.cookies["parent_charter_language"] = "cy"
    page = client.get(f"/services/{baby_group.id}/").content.decode()
    assert "Bolau a Babanod" in page


def test_unlisted_and_unknown_services_are_not_found(client, hillford):
    gone = ServiceFactory(council=hillford, status="inactive")
    assert client.get(f"/services/{gone.id}/").status_code == 404
    assert client.get("/services/8b0a9a5e-1111-4c3b-9a70-5b8d8a8f0000/").status_code == 404


def test_public_pages_cost_the_same_queries_however_many_services(client, hillford, hillford_terms):
    def count(url) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"council": "hillford", "open_now": "on"}).status_code == 200
        return len(queries)

    def add_service():
        service = ServiceFactory(council=hillford)
        ScheduleFactory(service=service)
        ServiceAttributeFactory(service=service, taxonomy_term=hillford_terms["advocacy"])
        contact = ContactFactory(service=service)
        PhoneFactory(contact=contact)
        ServiceAtLocationFactory(service=service)
        return service

    first = add_service()
    few = count("/services/"), count(f"/services/{first.id}/")
    for _ in range(5):
        add_service()
    assert (count("/services/"), count(f"/services/{first.id}/")) == few


def test_the_portal_panel_offers_services_for_the_parents_age(
    rf, hillford, hillford_parent, baby_group
):
    ServiceFactory(council=hillford, name="Over 30s", minimum_age=30)
    hillford_parent.date_of_birth = datetime.date(2006, 1, 15)  # 20 on the day below
    moment = datetime.datetime(2026, 6, 1, 12, tzinfo=LONDON)
    with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as queries:
        context = services_panel(rf.get("/my/"), hillford_parent)
    assert [service.name for service in context["services"]] == ["Bumps and Babies"]
    assert context["age"] == 20
    assert "age=20" in context["search_url"] and "council=hillford" in context["search_url"]
    assert len(queries) <= 3


def test_age_on_counts_birthdays():
    assert age_on(datetime.date(2004, 6, 2), datetime.date(2026, 6, 1)) == 21
    assert age_on(datetime.date(2004, 6, 1), datetime.date(2026, 6, 1)) == 22


def test_the_portal_panel_renders_its_section(rf, hillford_parent, baby_group):
    hillford_parent.date_of_birth = datetime.date(2006, 1, 15)
    section = services_panel(rf.get("/my/"), hillford_parent)
    html = render_to_string("directory/portal_section.html", {"section": section})
    assert "Services for you" in html and "Bumps and Babies" in html
    assert "/services/?council=hillford" in html


def test_the_parent_sees_services_for_them_on_their_portal_home(
    client_for, parent_user, baby_group
):
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=LONDON), tick=False):
        page = client_for(parent_user).get("/my/").content.decode()  # Jamie is 22
    assert "Services for you" in page
    assert f'href="/services/{baby_group.id}/"' in page
    assert "/services/?council=hillford&amp;age=22" in page
