""" "Open now" with nothing open (issue 14, item 14): the search answers with who to contact now
and the emergency duty team, never with a bare "0 services found"."""

import datetime
import html
import zoneinfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CouncilFactory, OfficeHoursFactory

from .factories import ScheduleFactory, ServiceFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
SATURDAY_MORNING = datetime.datetime(2026, 6, 6, 11, tzinfo=LONDON)
TUESDAY_MORNING = datetime.datetime(2026, 6, 2, 11, tzinfo=LONDON)


def search(client, moment, **query) -> str:
    with time_machine.travel(moment, tick=False):
        response = client.get("/services/", query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _office(council):
    for weekday in range(5):
        OfficeHoursFactory(
            council=council,
            weekday=weekday,
            opens_at=datetime.time(9),
            closes_at=datetime.time(17),
        )


def test_at_the_weekend_the_council_search_points_to_the_emergency_duty_team(
    client, hillford, baby_group
):
    _office(hillford)
    page = search(client, SATURDAY_MORNING, council="hillford", open_now="on")
    assert "0 services found" in page
    assert "Nothing here is open right now" in page
    assert "Call now: Emergency duty team" in page
    assert 'href="tel:01632960003"' in page
    assert 'href="/contact-now/hillford/"' in page
    assert "untick “Only show services open now” and search again" in page


def test_in_office_hours_it_names_the_duty_worker_and_the_emergency_team_for_later(
    client, hillford
):
    _office(hillford)
    evening_group = ServiceFactory(council=hillford, name="Evening group")
    ScheduleFactory(service=evening_group, opens_at=datetime.time(18), closes_at=datetime.time(20))
    page = search(client, TUESDAY_MORNING, council="hillford", open_now="on")
    assert "Nothing here is open right now" in page
    assert "Call now: Duty worker" in page and 'href="tel:01632960002"' in page
    assert "call the emergency duty team:" in page and 'href="tel:01632960003"' in page


def test_without_a_council_every_councils_way_is_listed(client, hillford, baby_group):
    eastmere = CouncilFactory(
        name="Eastmere Council", slug="eastmere", out_of_hours_phone="01632 960 999"
    )
    ScheduleFactory(service=ServiceFactory(council=eastmere, name="Eastmere group"))
    page = search(client, SATURDAY_MORNING, open_now="on")
    assert "Nothing here is open right now" in page
    assert "Who to contact now at Eastmere Council" in page
    assert "Who to contact now at Hillford Council" in page
    assert 'href="/contact-now/eastmere/"' in page and 'href="tel:01632960999"' in page
    assert "If someone is in danger or badly hurt, call 999." in page


def test_services_open_now_are_listed_as_before(client, hillford, baby_group):
    page = search(client, TUESDAY_MORNING, council="hillford", open_now="on")
    assert "Bumps and Babies" in page
    assert "Nothing here is open right now" not in page


def test_no_match_without_open_now_keeps_the_plain_message(client, hillford, baby_group):
    page = search(client, SATURDAY_MORNING, council="hillford", q="zzzz")
    assert "No services match." in page
    assert "Nothing here is open right now" not in page


def test_the_answer_costs_the_same_queries_however_many_councils(client, hillford, baby_group):
    def count() -> int:
        travel = time_machine.travel(SATURDAY_MORNING, tick=False)
        with travel, CaptureQueriesContext(connection) as queries:
            client.get("/services/", {"open_now": "on"})
        return len(queries)

    few = count()
    for n in range(4):
        council = CouncilFactory()
        ScheduleFactory(service=ServiceFactory(council=council, name=f"Group {n}"))
    assert count() == few
