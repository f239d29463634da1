"""Morgan, a team manager, opens the demo's committee reports: the approved one for the last
full quarter, with its charts and their tables, then the draft for the quarter in progress,
where Morgan writes the officer's sections; Alex, an analyst, reads the approved report in
Welsh. In real Chromium with axe-core on every page."""

import re

import pytest

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import follow, sign_in, use_language

pytestmark = pytest.mark.browser


def test_committee_reports_in_english_and_welsh(page, new_page, live_server):
    seed_demo()
    axe = []

    # --- Morgan: the start page leads to the reports.
    sign_in(page, live_server, "morgan@herefordshire.demo")
    page.get_by_role("link", name="Committee reports").click()
    page.wait_for_url(re.compile(r"/staff/committee/$"))
    assert page.locator("h1").inner_text() == "Committee reports"
    check_accessibility(page, failures=axe)

    # The approved report: four charts, each named, described and with its table.
    page.locator("main table a").filter(has_text="quarter").last.click()
    page.wait_for_url(re.compile(r"/staff/committee/[0-9a-f-]+/$"))
    assert "Approved" in page.locator(".govuk-summary-list").inner_text()
    assert page.locator("svg[role=img]").count() == 4
    assert page.locator("caption", has_text="The chart's figures").count() == 4
    assert "Not built yet" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    # The draft for the quarter in progress: Morgan writes the sections.
    page.goto(f"{live_server.url}/staff/committee/")
    page.locator("main table a").filter(has_text="quarter").first.click()
    page.wait_for_url(re.compile(r"/staff/committee/[0-9a-f-]+/$"))
    assert "This is a draft" in page.locator("main").inner_text()
    follow(page.get_by_role("link", name="Write the officer's sections"))
    check_accessibility(page, failures=axe)
    page.get_by_label("Recommendation to members").fill("Members are asked to note the report.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/staff/committee/[0-9a-f-]+/$"))
    assert "Members are asked to note the report." in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    # --- Alex, the analyst, reads the approved report in Welsh; the draft is not listed.
    analyst = new_page()
    sign_in(analyst, live_server, "alex@herefordshire.demo")
    use_language(analyst, live_server, "cy")
    analyst.goto(f"{live_server.url}/staff/committee/")
    assert analyst.locator("html").get_attribute("lang") == "cy"
    assert analyst.locator("main table a").count() == 1
    check_accessibility(analyst, failures=axe)
    analyst.locator("main table a").first.click()
    analyst.wait_for_url(re.compile(r"/staff/committee/[0-9a-f-]+/$"))
    assert "Crynodeb" in analyst.locator("main").inner_text()
    check_accessibility(analyst, failures=axe)
    assert_no_failures(axe)
