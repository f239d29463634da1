"""Staff journeys in a real browser: signing in with a security code, adding a parent's
record (with a mistake first), and a team manager reading the record's audit trail."""

import re

import pytest
from django_scopes import scopes_disabled

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import focused, follow, sign_in

pytestmark = pytest.mark.browser


def test_adviser_adds_a_parent_and_manager_reads_the_audit_trail(page, new_page, live_server):
    seed_demo()
    axe = []  # every page is checked; all violations are reported together at the end

    # --- Priya, a personal adviser, signs in and finds the parents list.
    sign_in(page, live_server, "priya@herefordshire.demo", axe=axe)
    assert page.locator("h1").inner_text() == "Hello, Priya"
    check_accessibility(page, failures=axe)
    page.locator("main").get_by_role("link", name="Parents", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/parents/$"))
    assert page.locator("h1").inner_text() == "Parents"
    assert page.locator("table.govuk-table tbody tr").count() > 0
    check_accessibility(page, failures=axe)

    # --- The form, sent with a mistake first: no first name, and 31 February.
    page.get_by_role("button", name="Add a parent").click()
    page.wait_for_url(re.compile(r"/staff/parents/new/$"))
    page.get_by_label("Last name").fill("Marsh")
    page.locator("#id_date_of_birth_0").fill("31")
    page.locator("#id_date_of_birth_1").fill("2")
    page.locator("#id_date_of_birth_2").fill("2005")
    page.get_by_label("Mother", exact=True).check()
    follow(page.get_by_role("button", name="Save"))

    # "Error:" once, before the page's own title, as GOV.UK asks.
    assert page.title() == "Error: Add a parent – Parent Charter"
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.locator("h2").inner_text() == "There is a problem"
    links = summary.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_given_name",
        "#id_date_of_birth_0",
    ]
    assert links.nth(0).inner_text() == "Enter the parent's first name"
    assert links.nth(1).inner_text() == "Enter a real date"
    # GOV.UK Frontend moves focus to the summary so screen readers announce it.
    assert "govuk-error-summary" in focused(page)["className"]
    # Each message is also next to its field, which points to it.
    assert "Enter the parent's first name" in page.locator("#id_given_name-error").inner_text()
    assert "id_given_name-error" in page.locator("#id_given_name").get_attribute("aria-describedby")
    assert "Enter a real date" in page.locator("#id_date_of_birth-error").inner_text()
    # What was typed is kept.
    assert page.get_by_label("Last name").input_value() == "Marsh"
    assert page.locator("#id_date_of_birth_0").input_value() == "31"
    assert page.locator("#id_date_of_birth_1").input_value() == "2"
    assert page.locator("#id_date_of_birth_2").input_value() == "2005"
    assert page.get_by_label("Mother", exact=True).is_checked()
    check_accessibility(page, failures=axe)
    # The summary's link takes you to the field.
    links.nth(0).click()
    assert focused(page)["id"] == "id_given_name"

    # --- Corrected and saved.
    page.get_by_label("First name").fill("Robin")
    page.locator("#id_date_of_birth_0").fill("28")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/staff/parents/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Robin Marsh"
    assert "Parent record added" in page.locator(".govuk-notification-banner").inner_text()
    check_accessibility(page, failures=axe)
    record_url = page.url

    from parent_charter.parents.models import Parent

    with scopes_disabled():
        parent = Parent.objects.get(given_name="Robin", family_name="Marsh")
        assert parent.council.slug == "herefordshire"
        assert str(parent.date_of_birth) == "2005-02-28"
    assert str(parent.public_id) in record_url

    # --- Morgan, the team manager, reads who has opened or changed the record.
    manager_page = new_page()
    sign_in(manager_page, live_server, "morgan@herefordshire.demo")
    manager_page.goto(record_url)
    manager_page.get_by_role("link", name="Who has opened or changed this record").click()
    manager_page.wait_for_url(re.compile(r"/audit-trail/$"))
    assert manager_page.locator("h1").inner_text() == "Who has opened or changed this record"
    rows = [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in manager_page.locator("table.govuk-table tbody tr").all()
    ]
    by_priya = {row[2] for row in rows if row[1] == "Priya Shah"}
    assert {"Added the parent's record", "Opened the parent's record"} <= by_priya, rows
    assert any(
        row[1] == "Morgan Hughes" and row[2] == "Opened the parent's record" for row in rows
    ), rows
    check_accessibility(manager_page, failures=axe)
    assert_no_failures(axe)


def assert_skip_link_works(page) -> None:
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["tag"] == "a" and first["href"] == "#main-content", first
    assert first["text"] == "Skip to main content"
    assert page.locator(".govuk-skip-link").evaluate("el => el.matches(':focus-visible')")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main-content"
    assert page.url.endswith("#main-content")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_server):
    seed_demo()
    for path in ("/", "/accounts/sign-in/"):
        page.goto(f"{live_server.url}{path}")
        assert_skip_link_works(page)
    sign_in(page, live_server, "priya@herefordshire.demo")
    for path in ("/staff/", "/staff/parents/"):
        page.goto(f"{live_server.url}{path}")
        assert_skip_link_works(page)
