"""Nia, a network coordinator, follows her start page to the charter network's sign-up map and
the comparison of councils that share their figures, in English and in Welsh. In real Chromium
with axe-core on every page."""

import re

import pytest

from .conftest import (
    assert_no_failures,
    check_accessibility,
    seed_demo,
)
from .steps import no_horizontal_scroll_when_narrowed, sign_in, use_language

pytestmark = pytest.mark.browser


def test_the_network_map_and_comparison_in_english_and_welsh(page, live_server):
    seed_demo()
    axe = []
    sign_in(page, live_server, "nia@network.demo")
    page.get_by_role("link", name="The charter network").click()
    page.wait_for_url(re.compile(r"/staff/network/$"))
    assert page.locator("h1").inner_text() == "The charter network"
    main = page.locator("main").inner_text()
    assert re.search(r"\d+ of 22 councils in Wales have signed up or are actively engaged", main)
    # The demo's councils differ: some signed up, some engaged, one withdrawn.
    statuses = page.locator("g.app-hexmap__council").evaluate_all(
        "nodes => nodes.map(n => n.dataset.status)"
    )
    assert {"signed_up", "engaged", "withdrawn", "not_yet"} <= set(statuses)
    assert page.get_by_role("img", name=re.compile("Map of the councils in Wales")).count() == 1
    check_accessibility(page, failures=axe)

    no_horizontal_scroll_when_narrowed(page, reload=True)

    page.get_by_role("link", name="Compare the councils that share their figures").click()
    page.wait_for_url(re.compile(r"/staff/network/comparison/$"))
    assert page.locator("h1").inner_text() == "Comparing councils"
    assert "Cardiff Council" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    use_language(page, live_server, "cy")
    page.goto(f"{live_server.url}/staff/network/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Rhwydwaith y siarter"
    assert "Ynys Môn" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    page.goto(f"{live_server.url}/staff/network/comparison/")
    assert page.locator("h1").inner_text() == "Cymharu cynghorau"
    check_accessibility(page, failures=axe)
    assert_no_failures(axe)
