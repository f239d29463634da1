"""A personal adviser adds an expected baby to a father's record, records the birth and a
move into foster care, in real Chromium with axe-core on every page (English and Welsh)."""

import datetime
import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import fill_date, follow, new_herefordshire_parent, sign_in, use_language

pytestmark = pytest.mark.browser


def test_adviser_adds_a_baby_records_the_birth_and_a_move(page, live_server):  # noqa: F811
    seed_demo()
    axe = []
    from parent_charter.children.models import Child
    from parent_charter.parents.models import ParentStage

    father = new_herefordshire_parent("Kai", "Morrow", datetime.date(2005, 9, 4), "father")
    mother = new_herefordshire_parent("Rosa", "Morrow", datetime.date(2006, 1, 12), "mother")
    today = timezone.localdate()

    sign_in(page, live_server, "priya@herefordshire.demo")
    page.goto(f"{live_server.url}/staff/parents/{father.public_id}/")
    page.locator("#children").get_by_role("link", name="Add a child").click()
    page.wait_for_url(re.compile(r"/staff/children/add/"))
    assert page.locator("h1").inner_text() == "Add a child"
    page.get_by_label("No, the baby is expected").check()
    check_accessibility(page, failures=axe)

    # --- Sent without a due date, and without choosing the other parent.
    page.get_by_label("A parent this council supports").check()
    follow(page.get_by_role("button", name="Add child"))
    summary = page.locator(".govuk-error-summary")
    assert "Enter the due date" in summary.inner_text()
    assert "Select a parent from the list" in summary.inner_text()
    check_accessibility(page, failures=axe)

    fill_date(page, "due_date", today + datetime.timedelta(days=30))
    page.get_by_label("Choose the parent").select_option(label="Rosa Morrow, born 12 January 2006")
    page.get_by_role("button", name="Add child").click()
    page.wait_for_url(re.compile(r"/staff/children/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Unborn baby"
    check_accessibility(page, failures=axe)

    # --- The birth, then where the baby lives.
    follow(page.get_by_role("link", name="Change details or record the birth"))
    check_accessibility(page, failures=axe)
    page.get_by_label("First name (optional)").fill("Robin")
    fill_date(page, "date_of_birth", today - datetime.timedelta(days=2))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/circumstances/$"))
    check_accessibility(page, failures=axe)
    page.get_by_label("Foster care or residential care").check()
    page.get_by_label("Looked after").check()
    fill_date(page, "from_date", today)
    page.get_by_role("button", name="Record the change").click()
    page.wait_for_url(re.compile(r"/staff/children/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Robin"
    assert "In foster or residential care" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    # --- Both parents' pages show the child, and both are now living apart.
    page.goto(f"{live_server.url}/staff/parents/{mother.public_id}/")
    assert "In foster or residential care" in page.locator("#children").inner_text()
    check_accessibility(page, failures=axe)
    with scopes_disabled():
        child = Child.objects.get(parent_links__parent=father)
        assert child.given_name == "Robin" and child.is_born
        for parent in (father, mother):
            stages = set(ParentStage.objects.filter(parent=parent).values_list("stage", flat=True))
            assert {"living_apart", "child_removed"} <= stages

    # --- The same pages in Welsh.
    page.goto(f"{live_server.url}/staff/children/{child.public_id}/circumstances/")
    use_language(page, live_server, "cy")
    for path in (
        f"/staff/children/{child.public_id}/",
        f"/staff/children/{child.public_id}/circumstances/",
        f"/staff/children/{child.public_id}/edit/",
        f"/staff/children/add/{father.public_id}/",
        f"/staff/parents/{father.public_id}/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == "cy"
        check_accessibility(page, failures=axe)
    assert_no_failures(axe)
