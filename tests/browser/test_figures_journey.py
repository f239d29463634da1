"""Alex, a committee analyst, reads the council figures for 2026 quarter 3 in English and in
Welsh, with no names and small numbers protected; Morgan, a team manager, follows a figure to
the parents behind it. In real Chromium with axe-core on every page."""

import re

import pytest
from django_scopes import scope

from tests.figures.conftest import build_world

from .conftest import (
    assert_no_failures,
    check_accessibility,
    seed_demo,
)
from .steps import no_horizontal_scroll_when_narrowed, sign_in, use_language

pytestmark = pytest.mark.browser


def test_figures_in_english_and_welsh_and_the_parents_behind_one(page, new_page, live_server):
    seed_demo()
    axe = []
    from parent_charter.accounts.models import User
    from parent_charter.authorities.models import Council

    council = Council.objects.get(slug="herefordshire")
    priya = User.objects.get(username="priya@herefordshire.demo")
    with scope(council=council.pk):
        world = build_world(council, priya)

    # --- Alex, the analyst: the start page leads to the figures.
    sign_in(page, live_server, "alex@herefordshire.demo")
    page.get_by_role("link", name="Council figures").click()
    page.wait_for_url(re.compile(r"/staff/figures/$"))
    assert page.locator("h1").inner_text() == "Council figures"
    page.get_by_label("Period", exact=True).select_option("2026-Q3")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url(re.compile(r"period=2026-Q3"))
    main = page.locator("main").inner_text()
    assert "2026 quarter 3, beside 2026 quarter 2." in main
    assert "fewer than 3" in main
    assert "about one in four (25%)" in main
    assert world["mothers"][0].family_name not in main
    assert page.locator("a[href*='/staff/figures/parents/']").count() == 0
    check_accessibility(page, failures=axe)

    # --- A narrow screen: the tables scroll inside their regions, not the page.
    no_horizontal_scroll_when_narrowed(page, reload=True)

    # --- In Welsh.
    use_language(page, live_server, "cy")
    page.goto(f"{live_server.url}/staff/figures/?period=2026-Q3")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Ffigurau’r cyngor"
    assert "llai na 3" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    # --- A period that is not offered: a message, not an error.
    page.goto(f"{live_server.url}/staff/figures/?period=1999-Q9")
    assert page.locator(".govuk-error-summary").count() == 1
    check_accessibility(page, failures=axe)

    # --- Morgan, the team manager, follows "Support started" to the four fathers.
    manager = new_page()
    sign_in(manager, live_server, "morgan@herefordshire.demo")
    manager.goto(f"{live_server.url}/staff/figures/?period=2026-Q3")
    check_accessibility(manager, failures=axe)
    manager.locator("a[href*='figure=started']").click()
    manager.wait_for_url(re.compile(r"/staff/figures/parents/"))
    assert manager.locator("h1").inner_text() == "Support started"
    listed = manager.locator("main li").all_inner_texts()
    for father in world["fathers"]:
        assert father.display_name in listed
    check_accessibility(manager, failures=axe)
    use_language(manager, live_server, "cy")
    manager.reload()
    assert manager.locator("html").get_attribute("lang") == "cy"
    check_accessibility(manager, failures=axe)
    assert_no_failures(axe)
