"""Privacy notice, accessibility statement, cookies and feedback: linked from every page's
footer, per council where the council's details differ, in English and Welsh."""

import re

import pytest
from django.conf import settings
from django.test import Client

from parent_charter.audit.models import AuditEvent
from parent_charter.authorities.models import Council
from tests.factories import CouncilFactory
from tests.helpers import page

FOOTER = re.compile(r"<footer.*</footer>", re.S)


def footer_of(response) -> str:
    return FOOTER.search(page(response)).group(0)


def welsh(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return client


def test_every_kind_of_page_links_the_statements_in_its_footer(
    client, client_for, hillford, pa, hillford_parent, parent_user
):
    general = [
        'href="/privacy/"',
        'href="/accessibility/"',
        'href="/cookies/"',
        'href="/feedback/"',
    ]
    for response in (
        client.get("/"),
        client.get("/accounts/sign-in/"),
        client_for(pa).get("/staff/"),
        client_for(pa).get(f"/staff/parents/{hillford_parent.public_id}/"),
        client_for(parent_user).get("/my/"),
    ):
        assert response.status_code == 200
        footer = footer_of(response)
        for link in general:
            assert link in footer
    # On a public page about one council, the links name that council.
    footer = footer_of(client.get("/contact-now/hillford/"))
    assert 'href="/privacy/hillford/"' in footer
    assert 'href="/accessibility/hillford/"' in footer
    assert 'href="/feedback/hillford/"' in footer


def test_the_beta_banners_feedback_link_goes_to_the_councils_feedback_page(client, hillford):
    text = page(client.get("/contact-now/hillford/"))
    banner = re.search(r'<div class="govuk-phase-banner.*?</div>', text, re.S).group(0)
    assert 'href="/feedback/hillford/"' in banner
    feedback = page(client.get("/feedback/hillford/"))
    assert "mailto:leaving-care@hillford.example?subject=Parent%20Charter%20feedback" in feedback
    assert "01632 960 001" in feedback


def test_general_pages_ask_which_council_or_use_the_signed_in_persons(
    client, client_for, pa, hillford, eastmere
):
    listing = page(client.get("/privacy/"))
    assert 'href="/privacy/hillford/"' in listing and 'href="/privacy/eastmere/"' in listing
    for path in ("/privacy/", "/accessibility/", "/feedback/"):
        response = client_for(pa).get(path)
        assert response.status_code == 302
        assert response["Location"] == f"{path}hillford/"


def test_privacy_notice_names_the_councils_data_protection_officer(client, hillford):
    text = page(client.get("/privacy/hillford/"))
    # No officer recorded: the council's own contact, asking for the officer.
    assert "Contact the council and ask for its data protection officer" in text
    assert "leaving-care@hillford.example" in text
    Council.objects.filter(pk=hillford.pk).update(
        dpo_email="dpo@hillford.example", dpo_phone="01632 960 555"
    )
    text = page(client.get("/privacy/hillford/"))
    assert "Hillford Council is the data controller" in text
    assert "mailto:dpo@hillford.example" in text and "01632 960 555" in text
    assert "ico.org.uk/make-a-complaint" in text
    assert "Children Act 1989" in text and "Wales" not in text.split("<footer")[0].split("<main")[1]


def test_privacy_notice_states_the_councils_own_retention_periods(
    client, hillford, client_for, council_admin
):
    text = page(client.get("/privacy/hillford/"))
    assert "8 years after support ends" in text
    client_for(council_admin).post(
        "/staff/retention/schedule/change/?kind=parent_record",
        {"keep_for_months": "120", "reason": "Ten years, by our records policy.", "version": "0"},
    )
    text = page(client.get("/privacy/hillford/"))
    assert "10 years after support ends. Ten years, by our records policy." in text


def test_welsh_pages_use_the_welsh_name_and_the_welsh_law(client, db):
    CouncilFactory(
        name="Cardiff Council",
        name_cy="Cyngor Caerdydd",
        slug="cardiff",
        nation="wales",
        welsh_required=True,
        gss_code="W06000015",
    )
    text = page(welsh(client).get("/privacy/cardiff/"))
    assert '<html lang="cy"' in text
    assert "Hysbysiad preifatrwydd" in text
    assert "Cyngor Caerdydd yw'r rheolydd data" in text
    assert "Cardiff Council" not in text
    assert "o dan Ddeddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014" in text
    for path, heading in (
        ("/accessibility/cardiff/", "Datganiad hygyrchedd"),
        ("/cookies/", "Cwcis"),
        ("/feedback/cardiff/", "Rhoi adborth"),
    ):
        assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page(client.get(path))
    assert "Dolenni cymorth" in footer_of(client.get("/cookies/"))


def test_cookies_page_names_the_cookies_actually_set(client, settings):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    text = page(client.get("/cookies/"))
    for name in ("__Host-sessionid", settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME):
        assert name in text
    assert "after 30 minutes without using the service" in text


def test_unknown_council_is_not_found(client, db):
    assert client.get("/privacy/nowhere/").status_code == 404
    assert client.get("/feedback/nowhere/").status_code == 404


def test_council_admin_keeps_the_officer_and_welsh_name(client_for, council_admin, hillford):
    client = client_for(council_admin)
    assert client.get("/staff/statements/details/").status_code == 200
    response = client.post(
        "/staff/statements/details/",
        {"name_cy": "Cyngor Bryn Rhyd", "dpo_email": "not an email", "version": hillford.version},
    )
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in page(response)
    response = client.post(
        "/staff/statements/details/",
        {
            "name_cy": "Cyngor Bryn Rhyd",
            "dpo_email": "dpo@hillford.example",
            "dpo_phone": "01632 960 555",
            "dpo_address": "Data Protection Officer\nTown Hall",
            "version": hillford.version,
        },
    )
    assert response.status_code == 302
    hillford.refresh_from_db()
    assert (hillford.name_cy, hillford.dpo_email) == ("Cyngor Bryn Rhyd", "dpo@hillford.example")
    [event] = AuditEvent.objects.filter(action="council.details.updated")
    assert event.detail == {"fields": ["dpo_address", "dpo_email", "dpo_phone", "name_cy"]}
    # A form opened before that save is refused, not applied over it.
    response = client.post(
        "/staff/statements/details/",
        {"name_cy": "Old", "version": hillford.version - 1},
    )
    assert "Someone else changed the council" in page(response)
    hillford.refresh_from_db()
    assert hillford.name_cy == "Cyngor Bryn Rhyd"


@pytest.mark.parametrize(
    "path", ["/privacy/hillford/", "/accessibility/hillford/", "/cookies/", "/feedback/hillford/"]
)
def test_statements_are_public_and_write_no_audit_rows(client, hillford, path):
    assert client.get(path).status_code == 200
    assert not AuditEvent.objects.exists()
