"""The public offer pages of the demo councils, in English and Welsh."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from parent_charter.offers.models import LocalCommitment


@pytest.fixture
def demo(demo_seeded_once, db):
    """The seeded demo (seeded once for this module, see tests/conftest.py)."""


def _welsh(client):
    client.post("/i18n/set-language/", {"language": "cy", "next": "/"})
    return client


def test_herefordshire_page_shows_promises_programme_and_contacts(client, demo):
    response = client.get("/councils/herefordshire/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("07792 882327", "01905 768020", "01432 261626", "Baby Steps", "HR1 2BT"):
        assert text in body
    assert "4:45 p.m." in body  # the earlier Friday close
    for commitment in LocalCommitment.objects.filter(offer__council__slug="herefordshire"):
        assert escape(commitment.title_en) in body
    assert "Added by Herefordshire Council" in body


def test_pages_render_in_welsh(client, demo):
    _welsh(client)
    for slug in ("herefordshire", "cardiff"):
        response = client.get(f"/councils/{slug}/")
        body = response.content.decode()
        assert '<html lang="cy"' in body
        from parent_charter.charter.models import Commitment

        first = Commitment.objects.order_by("order").first()
        assert first.title_cy in body


def test_language_choice_is_remembered(client, demo):
    response = client.post("/i18n/set-language/", {"language": "cy", "next": "/councils/cardiff/"})
    assert response.status_code == 302
    assert client.cookies["parent_charter_language"].value == "cy"
    assert '<html lang="cy"' in client.get("/").content.decode()


def test_unknown_or_withdrawn_council_is_not_found(client, demo):
    from parent_charter.offers.models import LocalOffer

    assert client.get("/councils/nowhere/").status_code == 404
    LocalOffer.objects.filter(council__slug="cardiff").update(published=False)
    assert client.get("/councils/cardiff/").status_code == 404


def test_public_page_query_count_is_fixed(client, demo):
    def count(slug):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/councils/{slug}/").status_code == 200
        return len(queries)

    from parent_charter.offers.models import Programme, ProgrammeBenefit

    before = count("herefordshire")
    offer = LocalCommitment.objects.filter(offer__council__slug="herefordshire").first().offer
    for n in range(5):
        LocalCommitment.objects.create(
            offer=offer,
            key=f"herefordshire.extra-{n}",
            stage="throughout",
            theme="health",
            title_en=f"Extra promise {n}",
            wording_en="We will.",
            guidance="g",
            evidence="e",
        )
    programme = Programme.objects.get(offer=offer, slug="baby-steps")
    programme.pk, programme.slug, programme.name = None, "second", "Second programme"
    programme.save()
    ProgrammeBenefit.objects.create(programme=programme, heading_en="More", text_en="Help")
    assert count("herefordshire") == before


def test_home_page_lists_published_offers(client, demo):
    body = client.get("/").content.decode()
    assert "/councils/herefordshire/" in body and "/councils/cardiff/" in body


def test_seed_demo_is_idempotent(demo):
    from django_scopes import scopes_disabled

    from parent_charter.accounts.models import User
    from parent_charter.authorities.models import Council, OfficeHours
    from parent_charter.parents.models import Parent

    def counts():
        with scopes_disabled():
            return (
                Council.objects.count(),
                User.objects.count(),
                Parent.objects.count(),
                OfficeHours.objects.count(),
                LocalCommitment.objects.count(),
            )

    before = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
