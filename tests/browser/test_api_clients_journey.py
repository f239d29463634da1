"""A council administrator adds an API client, copies its token once, the token works, then
revokes it; the pages and the API's guide in English and Welsh. Real Chromium, axe-core on
every page."""

import re

import pytest

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import follow, sign_in, switch_language

pytestmark = pytest.mark.browser


def test_administrator_adds_uses_and_revokes_an_api_client(page, live_server):
    seed_demo()
    axe = []
    base = live_server.url

    sign_in(page, live_server, "ceri@herefordshire.demo")
    page.get_by_role("link", name="API clients").click()
    page.wait_for_url(re.compile(r"/staff/api-clients/$"))
    assert "Demo reporting tool" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    # --- Sent empty, then filled in.
    page.get_by_role("button", name="Add an API client").click()
    page.wait_for_url(re.compile(r"/staff/api-clients/add/$"))
    check_accessibility(page, failures=axe)
    follow(page.get_by_role("button", name="Add the client and show its token"))
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the name of the system that will use the API" in summary
    assert "Select at least one thing the system may do" in summary
    check_accessibility(page, failures=axe)
    page.get_by_label("Name of the system").fill("Mosaic")
    page.get_by_label("Read parents and their plans").check()
    follow(page.get_by_role("button", name="Add the client and show its token"))
    assert page.locator("h1").inner_text().strip() == "API client added"
    token = page.get_by_label("Token").input_value()
    assert token.startswith("pcapi_")
    check_accessibility(page, failures=axe)

    # --- The token opens the API; a session alone does not.
    answer = page.request.get(
        f"{base}/api/case/v1/parents", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status == 200 and answer.json()["total_items"] > 0
    assert page.request.get(f"{base}/api/case/v1/parents").status == 401

    # --- Listed with its prefix only, then revoked.
    page.get_by_role("link", name="Back to API clients").click()
    page.wait_for_url(re.compile(r"/staff/api-clients/$"))
    listing = page.locator("main").inner_text()
    assert token not in listing and token.split("_")[1] in listing
    page.get_by_role("link", name="Revoke Mosaic").click()
    page.wait_for_url(re.compile(r"/revoke/$"))
    check_accessibility(page, failures=axe)
    page.get_by_role("button", name="Revoke the token").click()
    page.wait_for_url(re.compile(r"/staff/api-clients/$"))
    assert "Mosaic’s token is revoked" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    revoked = page.request.get(
        f"{base}/api/case/v1/parents", headers={"Authorization": f"Bearer {token}"}
    )
    assert revoked.status == 401 and revoked.json()["error"] == "revoked_token"

    # --- The guide, then everything in Welsh.
    page.goto(f"{base}/api/case/v1/docs/")
    assert "/api/case/v1/plan-items/{item_id}" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    switch_language(page, "cy")
    assert page.locator("h1").inner_text() == "Yr API cofnodion achos"
    check_accessibility(page, failures=axe)
    page.goto(f"{base}/staff/api-clients/")
    assert page.locator("h1").inner_text() == "Cleientiaid API"
    check_accessibility(page, failures=axe)
    page.goto(f"{base}/staff/api-clients/add/")
    follow(page.get_by_role("button", name="Ychwanegu'r cleient a dangos ei docyn"))
    assert "Rhowch enw'r system" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=axe)
    assert_no_failures(axe)
