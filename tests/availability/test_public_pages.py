"""The public pages: who to contact now, the printable card, and the offer page's answer."""

import datetime
import html
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from tests.factories import CharterVersionFactory, LocalOfferFactory

from .factories import give_week

LONDON = zoneinfo.ZoneInfo("Europe/London")
THURSDAY_AFTERNOON = datetime.datetime(2026, 6, 18, 14, 0, tzinfo=LONDON)
THURSDAY_NIGHT = datetime.datetime(2026, 6, 18, 22, 0, tzinfo=LONDON)


@pytest.fixture
def offer(office_hours):
    return LocalOfferFactory(council=office_hours, charter_version=CharterVersionFactory())


def _get(client, url, moment=THURSDAY_AFTERNOON):
    with time_machine.travel(moment, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_answers_for_now_without_signing_in(client, office_hours):
    body = _get(client, "/contact-now/hillford/")
    assert "Call now: Duty worker" in body
    assert 'href="tel:01632960002"' in body
    assert "The office closes at 17:00 today." in body
    assert "Correct at 14:00 on 18 June 2026." in body
    assert "call 999" in body
    night = _get(client, "/contact-now/hillford/", THURSDAY_NIGHT)
    assert "Call now: Emergency duty team" in night
    assert "The duty line opens at 9:00 tomorrow." in night


def test_the_page_lists_the_week_and_the_coming_bank_holidays(client, office_hours):
    body = _get(client, "/contact-now/hillford/")
    assert "Monday to Thursday, 9:00 to 17:00" in body
    assert "Friday, 9:00 to 16:30" in body
    assert "All other times, weekends and bank holidays" in body
    assert "31 August 2026: Summer bank holiday" in body


def test_the_page_is_not_stored_by_browsers(client, office_hours):
    with time_machine.travel(THURSDAY_AFTERNOON, tick=False):
        response = client.get("/contact-now/hillford/")
    assert "no-cache" in response["Cache-Control"]


def test_the_public_page_never_names_an_adviser(client, office_hours, pa, hillford_parent):
    with scope(council=office_hours.pk):
        give_week(pa, {3: (datetime.time(9), datetime.time(17))})
    body = _get(client, "/contact-now/hillford/")
    assert pa.full_name not in body and "07700 900123" not in body


def test_the_page_in_welsh(client, office_hours):
    client.post("/i18n/set-language/", {"language": "cy", "next": "/"})
    body = html.unescape(_get(client, "/contact-now/hillford/", THURSDAY_NIGHT))
    assert '<html lang="cy"' in body
    assert "Mae'r llinell ddyletswydd yn agor am 9:00 yfory." in body
    assert "Dydd Llun i ddydd Iau, 9:00 tan 17:00" in body


def test_an_unknown_council_is_not_found(client, office_hours):
    assert client.get("/contact-now/nowhere/").status_code == 404
    assert client.get("/contact-now/nowhere/card/").status_code == 404


def test_the_index_lists_councils(client, office_hours, eastmere):
    body = client.get("/contact-now/").content.decode()
    assert 'href="/contact-now/hillford/"' in body
    assert 'href="/contact-now/eastmere/"' in body


def test_the_card_shows_the_numbers_by_time_of_week_and_no_person(
    client, office_hours, pa, hillford_parent
):
    body = _get(client, "/contact-now/hillford/card/")
    assert "contact/card.css" in body
    assert "Monday to Thursday, 9:00 to 17:00" in body
    assert "01632 960 002" in body and "01632 960 003" in body
    assert "In danger or badly hurt: call 999" in body
    for personal in (pa.full_name, "Jamie", "Rivers"):
        assert personal not in body


def test_the_card_stylesheet_prints_on_a6(client):
    from django.contrib.staticfiles import finders

    with open(finders.find("contact/card.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert "@media print" in css and "size: A6" in css


def test_the_offer_page_shows_the_answer(client, offer):
    body = _get(client, "/councils/hillford/")
    assert "Call now: Duty worker" in body
    assert 'href="/contact-now/hillford/card/"' in body


def test_the_answer_reads_only_the_councils_hours(client, offer):
    """The offer page has the office hours already; the answer adds no query of its own."""
    from parent_charter.availability.templatetags.contact_now import contact_now
    from parent_charter.offers import selectors

    offer = selectors.public_offer("hillford")
    moment = time_machine.travel(THURSDAY_AFTERNOON, tick=False)
    with moment, CaptureQueriesContext(connection) as queries:
        contact_now(offer.council)
    assert len(queries) == 0
    with moment, CaptureQueriesContext(connection) as public_page:
        client.get("/contact-now/hillford/")
    # The council with its hours, and whether it publishes an offer.
    assert len(public_page) == 3
