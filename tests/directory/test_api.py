"""The open API at /api/directory/: filters, paging, errors, CORS and its open door."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parent_charter.directory import oruk

from .factories import ScheduleFactory, ServiceAttributeFactory, ServiceFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
API = "/api/directory"
# Browsers send the calling page's origin with a cross-origin request; CORS answers to it.
ELSEWHERE = {"Origin": "https://example.org"}


def services(client, **params):
    response = client.get(f"{API}/services", params)
    assert response.status_code == 200, response.content
    return response.json()


def names(body) -> list[str]:
    return [item["name"] for item in body["contents"]]


def test_the_api_says_what_it_is(client, db):
    body = client.get(f"{API}/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/directory/openapi.json"
    assert client.get(body["openapi_url"]).status_code == 200


def test_anyone_may_read_it_without_signing_in(client, client_for, council_admin, baby_group):
    for who in (client, client_for(council_admin)):
        response = who.get(f"{API}/services/{baby_group.id}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")


def test_paging_envelope_and_limits(client, hillford):
    for letter in "ABCDE":
        ServiceFactory(council=hillford, name=f"{letter} service")
    first = services(client, per_page=2)
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    assert names(first) == ["A service", "B service"]
    last = services(client, per_page=2, page=3)
    assert names(last) == ["E service"] and last["last_page"] and not last["first_page"]
    beyond = services(client, per_page=2, page=9)
    assert beyond["empty"] and beyond["contents"] == [] and beyond["last_page"]
    assert services(client)["size"] == 50


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "101"}, "per_page"),
        ({"page": "first"}, "page"),
        ({"minimum_age": "old"}, "minimum_age"),
        ({"taxonomy_term_id": "housing"}, "taxonomy_term_id"),
        ({"start_time": "9am"}, "start_time"),
        ({"day": "Caturday"}, "day"),
        ({"open_at": "Christmas"}, "open_at"),
        ({"open_now": "perhaps"}, "open_now"),
        ({"council": "atlantis"}, "council"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(client, db, params, parameter):
    response = client.get(f"{API}/services", params, headers=ELSEWHERE)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["error"] == "invalid_parameter"
    assert body["parameter"] == parameter
    assert body["message"].startswith(f"{parameter}: ")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_service_is_a_404_in_json(client, db):
    for ident in ("6b1d6a55-7a11-4a35-9b9d-6c4f8f2ad111", "not-a-uuid"):
        response = client.get(f"{API}/services/{ident}")
        assert response.status_code == 404
        body = response.json()
        assert body["error"] == "not_found" and ident in body["message"]


def test_cors_is_open_and_preflight_is_answered(client, baby_group):
    response = client.get(f"{API}/services", headers=ELSEWHERE)
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{API}/services/{baby_group.id}",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "accept-language",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Allow-Headers"] == "accept-language"
    # Only the API is open across origins: the site's own pages are not.
    assert not client.get("/services/", headers=ELSEWHERE).has_header("Access-Control-Allow-Origin")


def test_it_is_read_only(client, baby_group):
    response = client.post(f"{API}/services", {"name": "Mine"})
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"
    assert client.head(f"{API}/services").status_code == 200


def test_text_search(client, hillford):
    ServiceFactory(council=hillford, name="Housing advice line", description="Help with rent")
    ServiceFactory(council=hillford, name="Counselling", description="Someone to talk to")
    assert names(services(client, search="housing")) == ["Housing advice line"]
    assert names(services(client, search="talk someone")) == ["Counselling"]
    assert names(services(client, search="rent housing")) == ["Housing advice line"]


def test_taxonomy_filters(client, baby_group, hillford, hillford_terms):
    other = ServiceFactory(council=hillford, name="Rent help")
    ServiceAttributeFactory(service=other, taxonomy_term=hillford_terms["somewhere-to-live"])
    term = hillford_terms["pregnancy-and-baby"]
    assert names(services(client, taxonomy_term_id=str(term.id))) == ["Bumps and Babies"]
    by_taxonomy = services(client, taxonomy_id=str(term.taxonomy_record_id))
    assert names(by_taxonomy) == ["Bumps and Babies", "Rent help"]


def test_age_filters(client, hillford, baby_group):
    ServiceFactory(council=hillford, name="Adults", minimum_age=18)
    ServiceFactory(council=hillford, name="Anyone")
    # The profile's meaning: minimum age at least, maximum age at most.
    assert names(services(client, minimum_age=16)) == ["Adults", "Bumps and Babies"]
    assert names(services(client, minimum_age=17)) == ["Adults"]
    assert names(services(client, maximum_age=25)) == ["Bumps and Babies"]
    # Ours: what a 17-year-old may use.
    assert names(services(client, age=17)) == ["Anyone", "Bumps and Babies"]


def test_day_and_time_filters(client, hillford, baby_group):
    saturday = ServiceFactory(council=hillford, name="Saturday club")
    ScheduleFactory(
        service=saturday,
        byday="SA",
        opens_at=datetime.time(10, 0),
        closes_at=datetime.time(12, 0),
    )
    assert names(services(client, day="SA")) == ["Saturday club"]
    assert names(services(client, day="saturday")) == ["Saturday club"]
    assert names(services(client, day="MO")) == ["Bumps and Babies"]
    assert names(services(client, start_time="10:00")) == ["Saturday club"]
    assert names(services(client, end_time="12:00")) == ["Saturday club"]
    assert names(services(client, day="MO", start_time="10:00")) == []


def test_open_at_honours_the_christmas_closure(client, hillford, baby_group):
    ScheduleFactory(
        service=baby_group,
        freq="",
        byday="",
        opens_at=None,
        closes_at=None,
        valid_from=datetime.date(2026, 12, 24),
        valid_to=datetime.date(2027, 1, 1),
        description="Closed over Christmas",
    )
    assert names(services(client, open_at="2026-12-23T10:00")) == ["Bumps and Babies"]
    assert names(services(client, open_at="2026-12-24T10:00")) == []
    assert names(services(client, open_at="2026-12-23T17:30")) == []
    with time_machine.travel(datetime.datetime(2026, 12, 29, 11, 0, tzinfo=LONDON), tick=False):
        assert names(services(client, open_now="true")) == []
    with time_machine.travel(datetime.datetime(2027, 1, 4, 11, 0, tzinfo=LONDON), tick=False):
        assert names(services(client, open_now="true")) == ["Bumps and Babies"]


def test_council_filter_and_welsh(client, hillford, eastmere, baby_group, eastmere_service):
    assert names(services(client, council="hillford")) == ["Bumps and Babies"]
    baby_group.name_cy = "Bolau a Babanod"
    baby_group.save()
    welsh = client.get(f"{API}/services/{baby_group.id}", headers={"Accept-Language": "cy"})
    assert welsh.json()["name"] == "Bolau a Babanod"
    assert welsh["Content-Language"] == "cy"
    english = client.get(f"{API}/services/{baby_group.id}")
    assert english.json()["name"] == "Bumps and Babies"


def test_responses_fit_the_profile(client, baby_group):
    body = services(client)
    assert oruk.errors_in(body, oruk.page_of(oruk.SERVICE_SUMMARY)) == []
    detail = client.get(f"{API}/services/{baby_group.id}").json()
    assert oruk.errors_in(detail, oruk.SERVICE) == []


def test_the_list_costs_the_same_queries_however_many_services(client, hillford):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            services(client, open_now="true", per_page=100)
        return len(queries)

    ScheduleFactory(service=ServiceFactory(council=hillford))
    few = count()
    for _ in range(6):
        ScheduleFactory(service=ServiceFactory(council=hillford))
    assert count() == few
