"""The public offer pages of the two demo councils, in English and Welsh, in a real browser."""

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from .conftest import PHONE, check_accessibility, no_horizontal_scroll, seed_demo
from .steps import switch_language

pytestmark = pytest.mark.browser

DEMO_COUNCILS = ["herefordshire", "cardiff"]


def expected_text(slug: str, language: str) -> dict:
    """What the page must show, read from the database in the page's language."""
    from parent_charter.charter.models import Commitment
    from parent_charter.offers.models import LocalOffer

    with scopes_disabled(), translation.override(language):
        offer = LocalOffer.objects.select_related("council", "charter_version").get(
            council__slug=slug
        )
        council = offer.council
        charter = list(
            Commitment.objects.filter(charter_version=offer.charter_version).order_by("order")
        )
        local = list(offer.commitments.filter(retired=False).order_by("order", "pk"))
        return {
            "phones": [council.duty_phone, council.out_of_hours_phone],
            "charter_titles": [c.title for c in charter],
            "welsh_title": charter[0].title_cy,
            "local_titles": [c.title for c in local],
            "programmes": [p.name for p in offer.programmes.all()],
        }


def assert_offer_shown(page, slug: str, language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    h1 = page.locator("h1")
    assert h1.count() == 1
    assert h1.inner_text().strip()
    text = page.locator("main").inner_text()
    expected = expected_text(slug, language)
    for phone in expected["phones"]:
        assert phone in text, f"phone number {phone} missing"
    for title in expected["charter_titles"] + expected["local_titles"]:
        assert title in text, f"promise {title!r} missing"
    if language == "cy":
        assert expected["welsh_title"] in text
    if slug == "herefordshire":
        assert "Baby Steps" in expected["programmes"]
        assert "Baby Steps" in text
        assert expected["local_titles"], "Herefordshire's demo offer adds local promises"
        if language == "en":
            added_by = page.get_by_text(f"Added by {expected_council_name(slug)}", exact=True)
            assert added_by.count() == len(expected["local_titles"])


def expected_council_name(slug: str) -> str:
    from parent_charter.authorities.models import Council

    return Council.objects.get(slug=slug).name


@pytest.mark.parametrize("slug", DEMO_COUNCILS)
def test_offer_page_in_english_and_welsh(page, live_server, slug):
    seed_demo()
    page.goto(f"{live_server.url}/councils/{slug}/")
    assert_offer_shown(page, slug, "en")
    check_accessibility(page)

    switch_language(page, "cy")
    assert page.url == f"{live_server.url}/councils/{slug}/"
    assert_offer_shown(page, slug, "cy")
    check_accessibility(page)

    # The choice is remembered on the next page.
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "cy"

    switch_language(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("slug", DEMO_COUNCILS)
def test_offer_page_fits_a_320px_screen(phone_page, live_server, slug):
    seed_demo()
    phone_page.goto(f"{live_server.url}/councils/{slug}/")
    assert_offer_shown(phone_page, slug, "en")
    no_horizontal_scroll(phone_page, PHONE["width"])
    check_accessibility(phone_page)

    switch_language(phone_page, "cy")
    assert_offer_shown(phone_page, slug, "cy")
    no_horizontal_scroll(phone_page, PHONE["width"])
    check_accessibility(phone_page)


def test_language_switch_works_without_javascript(new_page, live_server):
    seed_demo()
    page = new_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/councils/cardiff/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")

    switch_language(page, "cy")
    assert_offer_shown(page, "cardiff", "cy")

    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "cy"
    switch_language(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"
