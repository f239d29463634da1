"""Casework in a real browser: a personal adviser adds an expectant father, adds the expected
baby, opens his support plan and records a promise as delivered with his own view; the team
manager then finds him and reads the delivery, its history and the timeline. axe-core runs on
every page (English, and the plan and an item in Welsh), and the plan is read at 320 px."""

import datetime
import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from .conftest import (
    PHONE,
    assert_no_failures,
    check_accessibility,
    no_horizontal_scroll,
    seed_demo,
)
from .steps import fill_date, focused, follow, sign_in, summary_value, switch_language

pytestmark = pytest.mark.browser

EVIDENCE = "Antenatal session for fathers at Hereford Family Hub on 3 March, attended with Priya"
FATHERS_VIEW = "He said the session helped him feel ready"
EXPECTING = "When you are expecting or parenting"
BEFORE = "Before you become a parent"
PROMISE = "Support for dads"


def stages_shown(tab) -> list[str]:
    row = tab.locator(".govuk-summary-list__row").filter(
        has=tab.locator("dt", has_text="Stages that apply now")
    )
    return [text.strip() for text in row.locator("dd .govuk-tag").all_inner_texts()]


def task_list_groups(tab) -> dict[str, list[str]]:
    """Each heading of the plan's task list with the titles of the items under it."""
    return tab.evaluate(
        """() => {
            const groups = {};
            for (const list of document.querySelectorAll('main ul.govuk-task-list')) {
                const heading = list.previousElementSibling.innerText.trim();
                groups[heading] = [...list.querySelectorAll('.govuk-task-list__link')]
                    .map(a => a.innerText.trim());
            }
            return groups;
        }"""
    )


def task_status(tab, item_public_id) -> str:
    return tab.locator(f"#item-{item_public_id}-status").inner_text().strip()


def history_rows(tab) -> list[list[str]]:
    table = tab.locator("table.govuk-table").filter(has=tab.locator("caption", has_text="History"))
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def test_adviser_delivers_a_promise_to_an_expectant_father_and_manager_sees_it(
    page, new_page, live_server
):
    seed_demo()
    axe = []  # every page is checked; all violations are reported together at the end
    today = timezone.localdate()
    born = today - datetime.timedelta(days=round(20.4 * 365.25))  # about 20 years old
    due = today + datetime.timedelta(days=125)  # about four months ahead

    # --- Priya, a personal adviser, signs in and adds an expectant father.
    sign_in(page, live_server, "priya@herefordshire.demo")
    page.locator("main").get_by_role("link", name="Parents", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/parents/$"))
    page.get_by_role("button", name="Add a parent").click()
    page.wait_for_url(re.compile(r"/staff/parents/new/$"))
    assert page.locator("h1").inner_text() == "Add a parent"
    check_accessibility(page, failures=axe)
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Ashby")
    fill_date(page, "date_of_birth", born)
    page.get_by_label("Father", exact=True).check()
    page.get_by_label("English", exact=True).check()
    page.get_by_label("Leaving care or left care", exact=True).check()
    page.get_by_label("Personal adviser").select_option(label="Priya Shah")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/staff/parents/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Jordan Ashby"
    assert "Parent record added" in page.locator(".govuk-notification-banner").inner_text()
    assert summary_value(page, "Parent") == "Father"
    assert BEFORE in stages_shown(page)
    assert EXPECTING not in stages_shown(page)
    check_accessibility(page, failures=axe)
    record_url = page.url

    from parent_charter.parents.models import Parent
    from parent_charter.plans.models import ItemSource, PlanItem

    with scopes_disabled():
        father = Parent.objects.get(given_name="Jordan", family_name="Ashby")
        assert father.parent_role == "father"
        assert father.date_of_birth == born
        assert father.personal_adviser.username == "priya@herefordshire.demo"
    assert str(father.public_id) in record_url

    # --- The expected baby, added from the children section of his page.
    page.locator("#children").get_by_role("link", name="Add a child").click()
    page.wait_for_url(re.compile(rf"/staff/children/add/{father.public_id}/$"))
    assert page.locator("h1").inner_text() == "Add a child"
    check_accessibility(page, failures=axe)
    page.get_by_label("No, the baby is expected").check()
    fill_date(page, "due_date", due)
    page.get_by_label("Not known, or not recorded now").check()
    page.get_by_label("Not yet born", exact=True).check()
    page.get_by_label("None", exact=True).check()
    page.get_by_role("button", name="Add child").click()
    page.wait_for_url(re.compile(r"/staff/children/[0-9a-f-]{36}/$"))
    check_accessibility(page, failures=axe)

    # --- Back on his page, he is now expecting; the plan follows.
    page.goto(record_url)
    assert EXPECTING in stages_shown(page)
    assert BEFORE not in stages_shown(page)
    assert f"Due {due:%-d %B %Y}" in page.locator("#children").inner_text()
    check_accessibility(page, failures=axe)
    page.locator("#plan").get_by_role("link", name="View the support plan").click()
    page.wait_for_url(re.compile(rf"/staff/plans/{father.public_id}/$"))
    assert page.locator("h1").inner_text() == "Support plan"
    groups = task_list_groups(page)
    assert EXPECTING in groups, groups
    # Charter promises for the stage, and the milestones counted from the due date.
    assert PROMISE in groups[EXPECTING], groups
    baby_due = f"(baby due {due:%-d %B %Y})"
    for milestone in ("Health visitor's first visit", "Register the baby with a GP"):
        assert f"{milestone} {baby_due}" in groups[EXPECTING], groups
    # Where Herefordshire's own promise covers a milestone (the first scan, Healthy Start), the
    # plan holds that promise once, not the milestone beside it (issue 14, item 16).
    for promise, milestone in (
        ("Paying for your baby's first scan", "The first pregnancy scan"),
        ("Applying for Healthy Start", "Apply for Healthy Start"),
    ):
        assert promise in groups[EXPECTING], groups
        assert f"{milestone} {baby_due}" not in groups[EXPECTING], groups
    assert "At every stage" in groups, groups
    assert BEFORE not in groups, groups
    # The promises from before he was a parent are closed with a reason, not deleted.
    closed = page.locator("main .govuk-summary-list").last
    assert page.get_by_role("heading", name="No longer applies").is_visible()
    assert f"the stage “{BEFORE}” no longer applies" in closed.inner_text()
    check_accessibility(page, failures=axe)
    plan_url = page.url

    with scopes_disabled():
        item = PlanItem.objects.get(
            plan__parent=father, source=ItemSource.CHARTER, commitment__title_en=PROMISE
        )
        assert item.stage == "expecting_or_parenting"
    assert task_status(page, item.public_id) == "To discuss"

    # --- One charter promise, first sent as Delivered without the evidence.
    page.get_by_role("link", name=PROMISE, exact=True).click()
    page.wait_for_url(re.compile(rf"/staff/plans/items/{item.public_id}/$"))
    item_url = page.url
    assert page.locator("h1").inner_text() == PROMISE
    assert page.locator(".govuk-caption-l").inner_text() == "Jordan Ashby – Charter promise"
    assert summary_value(page, "Status") == "To discuss"
    check_accessibility(page, failures=axe)
    page.get_by_label("Delivered", exact=True).check()
    page.get_by_label("The parent's view, in their words (optional)").fill(FATHERS_VIEW)
    follow(page.get_by_role("button", name="Save"))
    assert page.url == item_url
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("h2").inner_text() == "There is a problem"
    links = summary.locator("a")
    assert links.count() == 1
    assert links.nth(0).get_attribute("href") == "#id_evidence"
    assert links.nth(0).inner_text() == "Enter the evidence that this was delivered"
    assert "govuk-error-summary" in focused(page)["className"]
    error = page.locator("#id_evidence-error")
    assert "Enter the evidence that this was delivered" in error.inner_text()
    assert "id_evidence-error" in page.locator("#id_evidence").get_attribute("aria-describedby")
    # What was typed is kept.
    assert page.get_by_label("Delivered", exact=True).is_checked()
    assert page.locator("#id_parent_view").input_value() == FATHERS_VIEW
    check_accessibility(page, failures=axe)
    links.nth(0).click()
    assert focused(page)["id"] == "id_evidence"

    # --- Corrected: the evidence, and saved.
    page.locator("#id_evidence").fill(EVIDENCE)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(plan_url)
    assert "Changes saved" in page.locator(".govuk-notification-banner").inner_text()
    assert task_status(page, item.public_id) == "Delivered"
    hint = page.locator(f"#item-{item.public_id}-hint").inner_text()
    assert FATHERS_VIEW in hint
    check_accessibility(page, failures=axe)

    with scopes_disabled():
        item.refresh_from_db()
        assert item.status == "delivered"
        assert item.evidence == EVIDENCE
        assert item.parent_view == FATHERS_VIEW

    # --- He is on Priya's own caseload.
    page.locator("header").get_by_role("link", name="Caseload", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/caseload/$"))
    assert page.locator("h1").inner_text() == "Your caseload"
    page.get_by_label("Name", exact=True).fill("Jordan Ashby")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"[?&]q=Jordan\+Ashby"))
    assert page.locator("table.govuk-table tbody tr").count() == 1
    check_accessibility(page, failures=axe)

    # --- The plan at 320 px wide (in a phone-sized context with Priya's session).
    phone = new_page(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        storage_state=page.context.storage_state(),
    )
    phone.goto(plan_url)
    assert phone.locator("h1").inner_text() == "Support plan"
    no_horizontal_scroll(phone, PHONE["width"])
    check_accessibility(phone, failures=axe)

    # --- The plan and the item in Welsh, switched with the header's button.
    with scopes_disabled():
        welsh_title = item.commitment.title_cy
    assert welsh_title and welsh_title != PROMISE
    page.goto(plan_url)
    switch_language(page, "cy")
    assert page.url == plan_url
    assert page.locator("h1").inner_text() != "Support plan"
    check_accessibility(page, failures=axe)
    page.get_by_role("link", name=welsh_title, exact=True).click()
    page.wait_for_url(item_url)
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == welsh_title
    check_accessibility(page, failures=axe)
    switch_language(page, "en")

    # --- Morgan, the team manager, in his own browser, finds the father and the delivery.
    manager = new_page()
    sign_in(manager, live_server, "morgan@herefordshire.demo")
    manager.locator("header").get_by_role("link", name="Team", exact=True).click()
    manager.wait_for_url(re.compile(r"/staff/team/$"))
    assert manager.locator("h1").inner_text() == "Your team"
    check_accessibility(manager, failures=axe)
    manager.get_by_role("link", name="See every caseload").click()
    manager.wait_for_url(re.compile(r"/staff/caseload/"))
    assert manager.locator("h1").inner_text() == "Caseloads"
    manager.get_by_label("Name", exact=True).fill("Ashby")
    manager.get_by_role("button", name="Apply filters").click()
    manager.wait_for_url(re.compile(r"[?&]q=Ashby"))
    rows = manager.locator("table.govuk-table tbody tr")
    assert rows.count() == 1
    assert "Priya Shah" in rows.nth(0).inner_text()
    assert "Expecting or parenting" in rows.nth(0).inner_text()
    check_accessibility(manager, failures=axe)
    rows.nth(0).get_by_role("link", name="Jordan Ashby").click()
    manager.wait_for_url(record_url)
    check_accessibility(manager, failures=axe)

    manager.locator("#plan").get_by_role("link", name="View the support plan").click()
    manager.wait_for_url(plan_url)
    assert task_status(manager, item.public_id) == "Delivered"
    manager.locator(f'a.govuk-task-list__link[href$="/items/{item.public_id}/"]').click()
    manager.wait_for_url(item_url)
    assert manager.locator("h1").inner_text() == PROMISE
    assert summary_value(manager, "Status") == "Delivered"
    assert summary_value(manager, "Evidence of delivery") == EVIDENCE
    assert summary_value(manager, "The parent's view") == FATHERS_VIEW
    history = history_rows(manager)
    assert any(row[1] == "Delivered" and row[2] == "Priya Shah" for row in history), history
    check_accessibility(manager, failures=axe)

    # --- The father's timeline shows the delivery.
    manager.goto(record_url)
    manager.get_by_role("link", name="What has happened and when").click()
    manager.wait_for_url(re.compile(rf"/staff/parents/{father.public_id}/timeline/$"))
    assert manager.locator("h1").inner_text() == "What has happened and when"
    timeline = manager.locator("main").inner_text()
    assert f"Plan item “{PROMISE}”: Delivered" in timeline, timeline
    assert "Priya Shah" in timeline
    check_accessibility(manager, failures=axe)
    assert_no_failures(axe)
