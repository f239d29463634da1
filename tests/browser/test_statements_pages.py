"""The privacy notice, accessibility statement, cookies and feedback pages in a real browser,
in English and Welsh at 320 px, reached from the footer and the beta banner. axe-core runs on
every page and must find nothing."""

import pytest

from .conftest import (
    PHONE,
    assert_no_failures,
    check_accessibility,
    no_horizontal_scroll,
    seed_demo,
)
from .steps import sign_in, use_language

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "Privacy": "Privacy notice",
        "Accessibility statement": "Accessibility statement",
        "Cookies": "Cookies",
        "Feedback": "Give feedback",
    },
    "cy": {
        "Preifatrwydd": "Hysbysiad preifatrwydd",
        "Datganiad hygyrchedd": "Datganiad hygyrchedd",
        "Cwcis": "Cwcis",
        "Adborth": "Rhoi adborth",
    },
}
COUNCIL_NAMES = {"en": "Cardiff Council", "cy": "Cyngor Caerdydd"}


def test_statements_from_the_footer_in_english_and_welsh(phone_page, live_server):
    seed_demo()
    page = phone_page
    failures = []
    for language, links in WORDS.items():
        use_language(page, live_server, language)
        for link_text, heading in links.items():
            page.goto(f"{live_server.url}/contact-now/cardiff/")
            page.locator("footer").get_by_role("link", name=link_text, exact=True).click()
            assert page.locator("h1").inner_text() == heading
            assert page.get_attribute("html", "lang") == language
            if link_text not in ("Cookies", "Cwcis"):
                assert COUNCIL_NAMES[language] in page.locator("main").inner_text()
            no_horizontal_scroll(page, PHONE["width"])
            check_accessibility(page, failures=failures)
        # The beta banner's feedback link.
        page.goto(f"{live_server.url}/")
        page.locator(".govuk-phase-banner").get_by_role("link").click()
        assert page.locator("h1").inner_text() in {
            "Privacy notice",
            "Give feedback",
            "Rhoi adborth",
        }
        check_accessibility(page, failures=failures)
    assert_no_failures(failures)


def test_council_admin_keeps_the_privacy_details(new_page, live_server):
    seed_demo()
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    sign_in(page, live_server, "elin@cardiff.demo")
    failures = []
    for language in ("en", "cy"):
        use_language(page, live_server, language)
        page.goto(f"{live_server.url}/staff/statements/details/")
        no_horizontal_scroll(page, PHONE["width"])
        check_accessibility(page, failures=failures)
    use_language(page, live_server, "en")
    page.goto(f"{live_server.url}/staff/statements/details/")
    page.get_by_label("Data protection officer's email (optional)").fill("not-an-email")
    page.get_by_role("button", name="Save").click()
    assert "Enter an email address" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=failures)
    page.get_by_label("Data protection officer's email (optional)").fill("dpo@cardiff.example")
    page.get_by_role("button", name="Save").click()
    page.goto(f"{live_server.url}/privacy/cardiff/")
    assert "dpo@cardiff.example" in page.locator("main").inner_text()
    assert_no_failures(failures)
