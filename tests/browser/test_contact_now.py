"""Who to contact now, the printable card and the rights guide in a real browser.

Public pages for both demo councils in English and Welsh (also at 320 px and without
JavaScript); an adviser setting her working week and leave by keyboard and mouse; the council
administrator's staff hours and own-offer pages; a parent's own rights page. axe-core runs on
every page, and must find nothing."""

import re

import pytest

from .conftest import (
    PHONE,
    assert_no_failures,
    check_accessibility,
    no_horizontal_scroll,
    seed_demo,
)
from .steps import follow, sign_in, sign_in_as_parent, switch_language, use_language

pytestmark = pytest.mark.browser

COUNCILS = ("herefordshire", "cardiff")
WORDS = {
    "en": {"title": "Who to contact now", "card": "Print a contact card", "call": "Call now:"},
    "cy": {
        "title": "Pwy i gysylltu â nhw nawr",
        "card": "Argraffu cerdyn cysylltu",
        "call": "Ffoniwch nawr:",
    },
}


def numbers_of(slug: str) -> tuple[str, str]:
    from parent_charter.authorities.models import Council

    council = Council.objects.get(slug=slug)
    return council.duty_phone, council.out_of_hours_phone


def test_public_pages_in_english_and_welsh(page, live_server):
    seed_demo()
    failures = []
    for language in ("en", "cy"):
        use_language(page, live_server, language)
        words = WORDS[language]
        for slug in COUNCILS:
            duty, emergency = numbers_of(slug)
            page.goto(f"{live_server.url}/contact-now/{slug}/")
            assert page.get_attribute("html", "lang") == language
            assert page.locator("h1").inner_text() == words["title"]
            main = page.locator("main").inner_text()
            assert words["call"] in main
            assert duty in main and emergency in main
            check_accessibility(page, failures=failures)

            page.goto(f"{live_server.url}/contact-now/{slug}/card/")
            assert page.locator("h1").inner_text() == words["card"]
            card = page.locator(".app-contact-card").inner_text()
            assert duty in card and emergency in card and "999" in card
            check_accessibility(page, failures=failures)
            # Printed, only the card is left.
            page.emulate_media(media="print")
            assert not page.locator(".govuk-template__header").is_visible()
            assert page.locator(".app-contact-card").is_visible()
            page.emulate_media(media="screen")

            page.goto(f"{live_server.url}/councils/{slug}/")
            assert words["call"] in page.locator("#contact ~ .app-contact-now").inner_text()
            check_accessibility(page, failures=failures)
        page.goto(f"{live_server.url}/contact-now/")
        check_accessibility(page, failures=failures)
    assert_no_failures(failures)


def test_public_pages_fit_a_phone_and_need_no_javascript(phone_page, new_page, live_server):
    seed_demo()
    for path in ("/contact-now/cardiff/", "/contact-now/cardiff/card/", "/rights/"):
        phone_page.goto(live_server.url + path)
        no_horizontal_scroll(phone_page, PHONE["width"])
        check_accessibility(phone_page)
    plain = new_page(java_script_enabled=False)
    plain.goto(f"{live_server.url}/contact-now/herefordshire/")
    assert (
        "07792 882327" in plain.locator("main").inner_text()
        or "01905 768020" in plain.locator("main").inner_text()
    )
    plain.get_by_role("link", name="Print a card with these numbers").first.click()
    assert plain.url.endswith("/contact-now/herefordshire/card/")


def test_an_adviser_sets_her_week_and_leave(page, live_server):
    seed_demo()
    sign_in(page, live_server, "priya@herefordshire.demo")
    failures = []
    page.goto(f"{live_server.url}/contact-now/hours/")
    assert page.locator("h1").inner_text() == "Your working hours and leave"
    check_accessibility(page, failures=failures)

    # Thursday working, with no start time: the error is shown and focused.
    page.locator("#id_thursday_works_0").check()
    page.locator("#id_thursday_starts_at").fill("")
    follow(page.get_by_role("button", name="Save working hours"))
    summary = page.locator(".govuk-error-summary")
    assert "Enter the time you start on Thursday" in summary.inner_text()
    check_accessibility(page, failures=failures)

    page.locator("#id_thursday_starts_at").fill("10:00")
    page.locator("#id_thursday_ends_at").fill("14:00")
    page.get_by_role("button", name="Save working hours").click()
    page.wait_for_url(re.compile(r"/contact-now/hours/$"))
    assert "Working hours saved" in page.locator("main").inner_text()

    follow(page.get_by_role("button", name="Add leave"))
    assert "Enter the first day you are away" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=failures)

    use_language(page, live_server, "cy")
    page.goto(f"{live_server.url}/contact-now/hours/")
    assert page.locator("h1").inner_text() == "Eich oriau gwaith a'ch absenoldeb"
    check_accessibility(page, failures=failures)
    assert_no_failures(failures)


def test_administrator_pages(page, live_server):
    from parent_charter.accounts.models import User

    seed_demo()
    sign_in(page, live_server, "ceri@herefordshire.demo")
    priya = User.objects.get(username="priya@herefordshire.demo")
    failures = []
    for language in ("en", "cy"):
        use_language(page, live_server, language)
        for path in (
            "/contact-now/staff/",
            f"/contact-now/staff/{priya.public_id}/",
            "/rights/local/",
            "/rights/local/add/",
        ):
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            check_accessibility(page, failures=failures)
        follow(page.locator("main form[method='post'] button[type=submit]").last)
        assert page.locator(".govuk-error-summary").count() == 1
        check_accessibility(page, failures=failures)
    assert_no_failures(failures)


def answer_the_guide(page) -> None:
    page.get_by_label("Where do you live?").select_option("council:herefordshire")
    page.get_by_label("How old are you?").fill("17")
    page.get_by_label("A mum or mum-to-be").check()
    page.get_by_label("Yes, I am pregnant").check()
    page.get_by_label("Yes, I am in care now").check()
    follow(page.get_by_role("button", name="Show what I may be able to get"))


def test_the_rights_guide_in_english_and_welsh(page, live_server):
    seed_demo()
    failures = []
    page.goto(f"{live_server.url}/rights/")
    check_accessibility(page, failures=failures)
    follow(page.get_by_role("button", name="Show what I may be able to get"))
    assert "Select where you live" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=failures)

    answer_the_guide(page)
    assert page.locator("h1").inner_text() == "You may be able to get these"
    main = page.locator("main").inner_text()
    assert "Your baby's first scan, paid for" in main  # Herefordshire's own offer
    assert "Healthy Start" in main and "Not yet confirmed" in main
    check_accessibility(page, failures=failures)
    page.get_by_text("What you may not be able to get now, and why").click()
    check_accessibility(page, failures=failures)

    switch_language(page, "cy")
    assert page.locator("h1").inner_text() == "Efallai y gallwch chi gael y rhain"
    assert "Cychwyn Iach" in page.locator("main").inner_text()
    check_accessibility(page, failures=failures)
    assert_no_failures(failures)


def test_a_parent_reads_her_own_rights(page, live_server):
    seed_demo()
    failures = []
    sign_in_as_parent(page, live_server, "parent@herefordshire.demo", axe=failures)
    home = page.locator("main").inner_text()
    assert "Who to contact now" in home and "Money and rights you may have" in home
    check_accessibility(page, failures=failures)
    page.get_by_role(
        "link", name="See everything you may be able to get, why, and how to claim"
    ).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Money and rights you may have"
    check_accessibility(page, failures=failures)
    page.get_by_role("checkbox", name="Universal Credit").check()
    follow(page.get_by_role("button", name="Update the guide"))
    check_accessibility(page, failures=failures)
    use_language(page, live_server, "cy")
    page.reload()
    assert page.locator("h1").inner_text() == "Arian a hawliau a allai fod gennych chi"
    check_accessibility(page, failures=failures)
    assert_no_failures(failures)
