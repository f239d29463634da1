"""The service directory in a real browser: a member of the public, not signed in, goes from
Herefordshire's offer page to the search, looks for a service open now by need and age, and
opens it; then reads it in Welsh. axe-core runs on every page in English and Welsh, the pages
are read at 320 px, and the search works without JavaScript.

The clock is set to a Wednesday morning in March (no Christmas closure, counselling open).
"""

import datetime
import zoneinfo

import pytest
import time_machine

from .conftest import (
    PHONE,
    assert_no_failures,
    check_accessibility,
    no_horizontal_scroll,
    seed_demo,
)
from .steps import follow, sign_in, switch_language, use_language

pytestmark = pytest.mark.browser

WEDNESDAY_MORNING = datetime.datetime(
    2027, 3, 10, 10, 30, tzinfo=zoneinfo.ZoneInfo("Europe/London")
)
COUNSELLING = "Talk it through counselling"


def search_open_now(page, *, need: str, age: str) -> None:
    page.get_by_label("What do you need help with?").select_option(label=need)
    page.get_by_label("Your age (optional)").fill(age)
    page.get_by_label("Only show services open now").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()


def result_names(page) -> list[str]:
    return [name.strip() for name in page.locator("main .app-results h3").all_inner_texts()]


def test_a_parent_finds_a_service_open_now_and_opens_it(page, live_server):
    seed_demo()
    failures = []
    with time_machine.travel(WEDNESDAY_MORNING, tick=True):
        page.goto(f"{live_server.url}/councils/herefordshire/")
        with page.expect_navigation():
            page.get_by_role("link", name="Local services").click()
        assert page.url.endswith("/services/?council=herefordshire")
        assert page.locator("h1").inner_text() == "Find a service"
        check_accessibility(page, failures=failures)

        search_open_now(page, need="Feelings and mental health", age="19")
        names = result_names(page)
        assert COUNSELLING in names
        assert page.locator("main .app-results .govuk-tag").all_inner_texts() == ["Open now"] * len(
            names
        )
        check_accessibility(page, failures=failures)

        # A 15-year-old is not offered services for adults.
        page.get_by_label("Your age (optional)").fill("15")
        with page.expect_navigation():
            page.get_by_role("button", name="Search", exact=True).click()
        assert COUNSELLING not in result_names(page)
        page.go_back()

        with page.expect_navigation():
            page.get_by_role("link", name=COUNSELLING).click()
        assert page.locator("h1").inner_text() == COUNSELLING
        main = page.locator("main").inner_text()
        assert "Open now" in main and "Closes at 8:00 p.m. today" in main
        assert page.locator('a[href="tel:01632960160"]').count() == 1
        assert "Under 25s and care leavers: Free" in main
        check_accessibility(page, failures=failures)

        switch_language(page, "cy")
        assert page.locator("html").get_attribute("lang") == "cy"
        assert "Ar agor nawr" in page.locator("main").inner_text()
        check_accessibility(page, failures=failures)
        with page.expect_navigation():
            page.locator(".govuk-back-link").click()
        assert page.locator("h1").inner_text() == "Dod o hyd i wasanaeth"
        check_accessibility(page, failures=failures)
    assert_no_failures(failures)


def test_the_directory_fits_a_320px_screen_in_both_languages(phone_page, live_server):
    seed_demo()
    failures = []
    with time_machine.travel(WEDNESDAY_MORNING, tick=True):
        phone_page.goto(f"{live_server.url}/services/?council=cardiff")
        first = phone_page.locator("main .app-results h3 a").first
        service_url = live_server.url + first.get_attribute("href")
        for language in ("en", "cy"):
            if language == "cy":
                switch_language(phone_page, "cy")
            for url in (f"{live_server.url}/services/?council=cardiff", service_url):
                phone_page.goto(url)
                assert phone_page.locator("html").get_attribute("lang") == language
                no_horizontal_scroll(phone_page, PHONE["width"])
                check_accessibility(phone_page, failures=failures)
    assert_no_failures(failures)


def test_searching_works_without_javascript(new_page, live_server):
    seed_demo()
    page = new_page(java_script_enabled=False)
    with time_machine.travel(WEDNESDAY_MORNING, tick=True):
        page.goto(f"{live_server.url}/services/?council=cardiff")
        page.get_by_label("What do you need help with?").select_option(label="Legal advice")
        with page.expect_navigation():
            page.get_by_role("button", name="Search", exact=True).click()
        assert result_names(page) == ["Free family law clinic"]
        # A mistake is reported beside its field, not as a broken page.
        page.get_by_label("Your age (optional)").fill("nineteen")
        with page.expect_navigation():
            page.get_by_role("button", name="Search", exact=True).click()
        assert "Enter your age as a number, like 19" in page.locator("main").inner_text()


def _admin_pages() -> list[str]:
    from parent_charter.directory.models import Service

    service = Service.objects.get(council__slug="herefordshire", name="Care leavers' drop-in")
    schedule = service.schedules.filter(freq="MONTHLY").first()
    contact, cost = service.contacts.first(), service.cost_options.first()
    link = service.service_at_locations.select_related("location").first()
    need = service.attributes.filter(taxonomy_term__theme__gt="").first().taxonomy_term
    staff = "/staff/directory"
    return [
        f"{staff}/",
        f"{staff}/services/{service.pk}/",
        f"{staff}/services/{service.pk}/edit/",
        f"{staff}/services/{service.pk}/opening-times/add/",
        f"{staff}/opening-times/{schedule.pk}/",
        f"{staff}/services/{service.pk}/contacts/add/",
        f"{staff}/contacts/{contact.pk}/",
        f"{staff}/services/{service.pk}/costs/add/",
        f"{staff}/costs/{cost.pk}/",
        f"{staff}/organisations/add/",
        f"{staff}/organisations/{service.organization_id}/",
        f"{staff}/places/add/",
        f"{staff}/places/{link.location_id}/",
        f"{staff}/services/add/",
        f"{staff}/needs/add/",
        f"{staff}/needs/{need.pk}/",
    ]


def test_the_administrators_pages_are_accessible_in_english_and_welsh(page, live_server):
    """Every page a council administrator uses to keep the directory, and each add form's
    error state, with axe-core in both languages."""
    seed_demo()
    sign_in(page, live_server, "ceri@herefordshire.demo")
    failures = []
    for language in ("en", "cy"):
        use_language(page, live_server, language)
        for path in _admin_pages():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.get_attribute("html", "lang") == language
            check_accessibility(page, failures=failures)
            if path.endswith("/add/"):
                # Sent empty: the error summary and messages beside the fields.
                follow(page.locator("main form[method='post'] button[type=submit]").first)
                assert page.locator(".govuk-error-summary").count() == 1, path
                check_accessibility(page, failures=failures)
    assert_no_failures(failures)
