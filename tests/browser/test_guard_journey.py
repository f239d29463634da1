"""A personal adviser writes a referral to children's services that rests on the mother's own
time in care; the guard holds it and shows why; the team manager reads it and returns it for
rewriting. In real Chromium with axe-core on every page, in English and in Welsh."""

import datetime
import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from .conftest import (
    DESKTOP,
    PHONE,
    assert_no_failures,
    check_accessibility,
    no_horizontal_scroll,
    seed_demo,
)
from .steps import fill_date, follow, new_herefordshire_parent, sign_in, use_language

pytestmark = pytest.mark.browser

FLAGGED = "She grew up in care so will struggle when the baby comes."


def test_a_referral_resting_on_care_history_is_held_and_returned(page, new_page, live_server):
    seed_demo()
    axe = []
    from parent_charter.childrens_services.models import ChildrenServicesReferral, ReferralStep

    mother = new_herefordshire_parent("Kayleigh", "Ashdown", datetime.date(2006, 3, 14), "mother")
    today = timezone.localdate()

    # --- Priya starts a referral from the mother's page.
    sign_in(page, live_server, "priya@herefordshire.demo")
    page.goto(f"{live_server.url}/staff/parents/{mother.public_id}/")
    page.locator("#childrens-services").get_by_role(
        "link", name="Refer to children's services"
    ).click()
    page.wait_for_url(re.compile(r"/staff/safeguarding/new/"))
    assert page.locator("h1").inner_text() == "Refer to children's services"
    grounds = page.locator("input[name='grounds']").evaluate_all("els => els.map(e => e.value)")
    assert len(grounds) == 7 and not [g for g in grounds if "care" in g or "looked" in g]
    check_accessibility(page, failures=axe)

    # --- Sent without a date or a source: errors by the fields, nothing sent.
    page.get_by_label("Referral to children's services").check()
    page.get_by_label("Neglect of the child's needs observed").check()
    page.get_by_label("What was seen or reported").fill(FLAGGED)
    follow(page.get_by_role("button", name="Send", exact=True))
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Evidence 1: Enter the date it was seen or reported" in summary
    assert "Evidence 1: Select who the source is" in summary
    check_accessibility(page, failures=axe)

    fill_date(page, "evidence-0-seen_on", today - datetime.timedelta(days=1))
    page.get_by_label("Seen by me", exact=True).check()
    page.get_by_label("Their role and organisation").fill("Personal adviser, leaving care team")
    page.get_by_label("How does this affect the child's safety now?").fill(
        "The baby may not be fed or kept warm."
    )
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url(re.compile(r"/staff/safeguarding/[0-9a-f-]{36}/$"))

    # --- Held, not sent: the worker sees which words and why.
    main = page.locator("main").inner_text()
    assert "Not sent: held for a team manager's decision" in main
    marks = page.locator("mark").all_inner_texts()
    assert "grew up in care" in marks and "will struggle" in marks
    assert "Care status or care history is never evidence of risk" in main
    check_accessibility(page, failures=axe)
    with scopes_disabled():
        referral = ChildrenServicesReferral.objects.get(parent=mother)
        assert referral.status == "held" and referral.sent_at is None

    # --- The mother's page shows what to tell her.
    page.goto(f"{live_server.url}/staff/parents/{mother.public_id}/")
    told = page.locator("#things-to-tell").inner_text()
    assert "held for a manager to check that it is based on what is happening now" in told
    check_accessibility(page, failures=axe)

    # --- Morgan, the team manager, finds it and returns it.
    manager = new_page()
    sign_in(manager, live_server, "morgan@herefordshire.demo")
    manager.locator("main").get_by_role("link", name="Referrals to children's services").click()
    manager.wait_for_url(re.compile(r"/staff/safeguarding/$"))
    check_accessibility(manager, failures=axe)
    manager.get_by_role("link", name="Kayleigh Ashdown").click()
    manager.wait_for_url(re.compile(r"/decide/$"))
    assert manager.locator("h1").inner_text() == "Decide on a held referral"
    assert "grew up in care" in manager.locator("mark").all_inner_texts()
    check_accessibility(manager, failures=axe)
    follow(manager.get_by_role("button", name="Record the decision"))
    assert "Select your decision" in manager.locator(".govuk-error-summary").inner_text()
    check_accessibility(manager, failures=axe)
    manager.get_by_label("Return it to the worker to rewrite the evidence").check()
    manager.get_by_label("Your reason").fill(
        "Her time in care is not evidence. Say what you have seen her do with the baby, and when."
    )
    manager.get_by_role("button", name="Record the decision").click()
    manager.wait_for_url(re.compile(r"/staff/safeguarding/[0-9a-f-]{36}/$"))
    assert "Returned to rewrite the evidence" in manager.locator("main").inner_text()
    check_accessibility(manager, failures=axe)
    with scopes_disabled():
        referral.refresh_from_db()
        assert referral.status == "returned"
        last = ReferralStep.objects.filter(referral=referral).order_by("pk").last()
        assert last.step == "returned" and last.actor.username == "morgan@herefordshire.demo"

    # --- Priya sees it waiting to be rewritten, with Morgan's reason.
    page.goto(f"{live_server.url}/staff/safeguarding/{referral.public_id}/rewrite/")
    assert "Her time in care is not evidence." in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    # --- The figures page, on a phone, scrolls its table and not the page.
    # (The same signed-in tab, narrowed: a security code cannot be used twice in 30 seconds.)
    manager.set_viewport_size(PHONE)
    manager.goto(f"{live_server.url}/staff/safeguarding/figures/")
    assert "fewer than 5" in manager.locator("main").inner_text()
    no_horizontal_scroll(manager, PHONE["width"])
    check_accessibility(manager, failures=axe)
    manager.goto(f"{live_server.url}/staff/safeguarding/{referral.public_id}/decide/")
    no_horizontal_scroll(manager, PHONE["width"])
    manager.set_viewport_size(DESKTOP)

    # --- The same pages in Welsh.
    use_language(manager, live_server, "cy")
    for path in (
        "/staff/safeguarding/",
        "/staff/safeguarding/figures/",
        f"/staff/safeguarding/{referral.public_id}/",
        f"/staff/safeguarding/{referral.public_id}/decide/",
        f"/staff/safeguarding/{referral.public_id}/rewrite/",
        f"/staff/safeguarding/new/{mother.public_id}/",
        f"/staff/parents/{mother.public_id}/",
    ):
        manager.goto(f"{live_server.url}{path}")
        assert manager.locator("html").get_attribute("lang") == "cy"
        check_accessibility(manager, failures=axe)
    manager.goto(f"{live_server.url}/staff/safeguarding/new/{mother.public_id}/")
    assert manager.locator("h1").inner_text() == "Atgyfeirio i wasanaethau plant"
    assert_no_failures(axe)


ROUTINE = (
    "Referred as standard under our young parents protocol: she is 17 and open to the 16+ team."
)


def _refer(tab, live_server, parent, what: str) -> None:
    tab.goto(f"{live_server.url}/staff/safeguarding/new/{parent.public_id}/")
    tab.get_by_label("Request for a pre-birth assessment").check()
    tab.get_by_label("Another current concern, described in the evidence").check()
    tab.get_by_label("What was seen or reported").fill(what)
    fill_date(tab, "evidence-0-seen_on", timezone.localdate() - datetime.timedelta(days=2))
    tab.get_by_label("Seen by me", exact=True).check()
    tab.get_by_label("How does this affect the child's safety now?").fill(
        "We do not know of anything that affects the baby's safety."
    )
    tab.get_by_role("button", name="Send", exact=True).click()
    tab.wait_for_url(re.compile(r"/staff/safeguarding/[0-9a-f-]{36}/$"))


def test_a_routine_referral_is_held_and_its_maker_cannot_decide_it(page, new_page, live_server):
    """Priya's routine pre-birth request is held and explained as routine; Morgan, who makes a
    held referral himself, is told another manager must decide it. English and Welsh, axe-core."""
    seed_demo()
    axe = []
    from parent_charter.childrens_services.models import ChildrenServicesReferral, GuardEvent

    mother = new_herefordshire_parent("Tia", "Marsh", datetime.date(2009, 5, 2), "mother")

    # --- Priya's routine referral is held, and the page says why in those words.
    sign_in(page, live_server, "priya@herefordshire.demo")
    _refer(page, live_server, mother, ROUTINE)
    main = page.locator("main").inner_text()
    assert "held for a team manager's decision as a routine referral" in main
    assert "A routine referral" in main
    assert any("protocol" in mark for mark in page.locator("mark").all_inner_texts())
    check_accessibility(page, failures=axe)
    with scopes_disabled():
        routine = ChildrenServicesReferral.objects.get(parent=mother)
        assert routine.status == "held"
        assert GuardEvent.objects.filter(referral=routine, kind="held_routine").exists()

    # --- Morgan makes a referral himself; the guard holds it; he cannot decide it.
    manager = new_page()
    sign_in(manager, live_server, "morgan@herefordshire.demo")
    _refer(manager, live_server, mother, "She grew up in care so she is likely to struggle.")
    with scopes_disabled():
        own = ChildrenServicesReferral.objects.filter(parent=mother).order_by("pk").last()
        assert own.status == "held" and own.created_by.username == "morgan@herefordshire.demo"
    assert "Make a decision" not in manager.locator("main").inner_text()
    manager.goto(f"{live_server.url}/staff/safeguarding/{own.public_id}/decide/")
    warning = manager.locator("#own-referral").inner_text()
    assert "you cannot decide it" in warning
    assert manager.locator("input[name='decision']").count() == 0
    check_accessibility(manager, failures=axe)

    # --- But he may decide Priya's, and "ok" is not a reason to send it.
    manager.goto(f"{live_server.url}/staff/safeguarding/{routine.public_id}/decide/")
    assert "held this as a routine referral" in manager.locator("main").inner_text()
    manager.get_by_label("Send it as it is").check()
    manager.locator("input[name='relied_on']").first.check()
    manager.get_by_label("Your reason").fill("ok")
    follow(manager.get_by_role("button", name="Record the decision"))
    assert "Write your reason in full" in manager.locator(".govuk-error-summary").inner_text()
    check_accessibility(manager, failures=axe)
    with scopes_disabled():
        routine.refresh_from_db()
        assert routine.status == "held"

    # --- The same pages in Welsh, and on a phone.
    use_language(manager, live_server, "cy")
    for path in (
        f"/staff/safeguarding/{own.public_id}/decide/",
        f"/staff/safeguarding/{routine.public_id}/",
        f"/staff/safeguarding/{routine.public_id}/decide/",
    ):
        manager.goto(f"{live_server.url}{path}")
        assert manager.locator("html").get_attribute("lang") == "cy"
        check_accessibility(manager, failures=axe)
    assert (
        "ni allwch benderfynu arno"
        in manager.goto(f"{live_server.url}/staff/safeguarding/{own.public_id}/decide/").text()
    )
    manager.set_viewport_size(PHONE)
    no_horizontal_scroll(manager, PHONE["width"])
    check_accessibility(manager, failures=axe)
    assert_no_failures(axe)
