"""A personal adviser records a contact arrangement and a travel claim with a receipt for a
father whose son is in foster care; a team manager approves the claim. Real Chromium, with
axe-core on every page, in English and in Welsh."""

import datetime
import re

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.apart.factories import png_bytes

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import fill_date, follow, new_herefordshire_parent, sign_in, use_language

pytestmark = pytest.mark.browser


def _father_with_a_son_in_foster_care():
    from parent_charter.children.models import Child, ChildCircumstance, ChildParent
    from parent_charter.plans.services import refresh_parent

    father = new_herefordshire_parent("Kai", "Morrow", datetime.date(2004, 9, 4), "father")
    council = father.council
    today = timezone.localdate()
    with scope(council=council.pk):
        son = Child.objects.create(
            council=council, given_name="Robin", date_of_birth=today - datetime.timedelta(days=500)
        )
        ChildParent.objects.create(council=council, child=son, parent=father)
        ChildCircumstance.objects.create(
            council=council,
            child=son,
            lives_with="foster_care",
            legal_status="looked_after",
            from_date=today - datetime.timedelta(days=60),
        )
        refresh_parent(parent=father, actor=None, reason="Browser test")
    return father


def test_adviser_records_contact_and_a_claim_and_a_manager_approves_it(page, new_page, live_server):
    seed_demo()
    axe = []
    father = _father_with_a_son_in_foster_care()
    today = timezone.localdate()
    base = live_server.url

    # --- Priya finds the father's page: his son lives apart, with nothing arranged yet.
    sign_in(page, live_server, "priya@herefordshire.demo")
    page.goto(f"{base}/staff/parents/{father.public_id}/")
    section = page.locator("#living-apart")
    assert "Robin" in section.inner_text() and "No arrangement recorded" in section.inner_text()
    check_accessibility(page, failures=axe)
    section.get_by_role("link", name=re.compile("Contact, costs, hearings and support")).click()
    page.wait_for_url(re.compile(r"/staff/living-apart/parent/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Living apart"
    check_accessibility(page, failures=axe)

    # --- A contact arrangement, sent first with nothing chosen.
    page.get_by_role("button", name="Add a contact arrangement").click()
    page.wait_for_url(re.compile(r"/arrangements/add/$"))
    check_accessibility(page, failures=axe)
    follow(page.get_by_role("button", name="Add the arrangement"))
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Select the kind of contact" in summary
    assert "Select how often contact happens" in summary
    check_accessibility(page, failures=axe)
    page.get_by_label("Supervised", exact=True).check()
    page.get_by_label("Every two weeks").check()
    fill_date(page, "next_date", today + datetime.timedelta(days=6))
    page.get_by_label("Where (optional)").fill("Family contact centre, Hereford")
    page.get_by_label("Who supervises or arranges it (optional)").fill("Contact centre worker")
    page.get_by_role("button", name="Add the arrangement").click()
    page.wait_for_url(re.compile(r"/staff/living-apart/parent/[0-9a-f-]{36}/#contact$"))
    contact = page.locator("#contact").inner_text()
    assert "Supervised" in contact and "Family contact centre, Hereford" in contact
    check_accessibility(page, failures=axe)

    # --- A travel claim with a photographed ticket.
    page.get_by_role("button", name="Claim the costs of contact").click()
    page.wait_for_url(re.compile(r"/claims/add/$"))
    check_accessibility(page, failures=axe)
    page.get_by_label("Travel", exact=True).check()
    page.get_by_label("What was it for?").fill("Return bus fare to the contact centre")
    page.get_by_label("Amount, in pounds").fill("6.80")
    fill_date(page, "journey_date", today - datetime.timedelta(days=1))
    page.get_by_label("Which contact was it for? (optional)").select_option(
        label="Robin: Supervised"
    )
    page.locator("#id_receipt").set_input_files(
        files=[{"name": "ticket.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_role("button", name="Send for approval").click()
    page.wait_for_url(re.compile(r"/staff/living-apart/claims/[0-9a-f-]{36}/$"))
    main = page.locator("main").inner_text()
    assert "Waiting for approval" in main and "£6.80" in main and "ticket.png" in main
    assert "A team manager will decide this claim." in main
    check_accessibility(page, failures=axe)
    claim_url = page.url

    # --- Morgan, a team manager, approves it from the list on his start page.
    manager = new_page()
    sign_in(manager, live_server, "morgan@herefordshire.demo")
    link = manager.locator("main").get_by_role("link", name="Claims waiting for approval")
    assert link.count() == 1
    check_accessibility(manager, failures=axe)
    link.click()
    manager.wait_for_url(re.compile(r"/claims/waiting/$"))
    check_accessibility(manager, failures=axe)
    manager.get_by_role("link", name=re.compile("Kai Morrow")).click()
    manager.wait_for_url(claim_url)
    check_accessibility(manager, failures=axe)
    follow(manager.get_by_role("button", name="Save the decision"))
    assert (
        "Select whether you approve the claim"
        in manager.locator(".govuk-error-summary").inner_text()
    )
    check_accessibility(manager, failures=axe)
    manager.get_by_label("Approve the claim").check()
    manager.get_by_role("button", name="Save the decision").click()
    manager.wait_for_url(claim_url)
    assert "Claim approved" in manager.locator("body").inner_text()
    assert "Morgan Hughes" in manager.locator("main").inner_text()
    check_accessibility(manager, failures=axe)

    from parent_charter.apart.models import ContactArrangement, CostClaim

    with scopes_disabled():
        claim = CostClaim.objects.get(parent=father)
        arrangement = ContactArrangement.objects.get(parent=father)
        assert claim.status == "approved" and str(claim.amount) == "6.80"
        assert claim.claimed_by.username.startswith("priya")
        assert claim.decided_by.username.startswith("morgan")
        assert bytes(claim.receipt.data) == png_bytes()

    # --- Priya now records the payment.
    page.goto(claim_url)
    fill_date(page, "paid_on", today)
    page.get_by_role("button", name="Record the payment").click()
    page.wait_for_url(claim_url)
    assert "Paid" in page.locator("main").inner_text()

    # --- Every living-apart page again, in English and in Welsh.
    paths = [
        f"/staff/living-apart/parent/{father.public_id}/",
        f"/staff/living-apart/parent/{father.public_id}/arrangements/add/",
        f"/staff/living-apart/arrangements/{arrangement.public_id}/edit/",
        f"/staff/living-apart/arrangements/{arrangement.public_id}/sessions/add/",
        f"/staff/living-apart/parent/{father.public_id}/claims/add/",
        claim_url.removeprefix(base),
        f"/staff/living-apart/parent/{father.public_id}/proceedings/add/",
        f"/staff/living-apart/parent/{father.public_id}/grief-support/add/",
        f"/staff/parents/{father.public_id}/",
    ]
    for path in paths:
        page.goto(f"{base}{path}")
        check_accessibility(page, failures=axe)
    use_language(page, live_server, "cy")
    for path in paths:
        page.goto(f"{base}{path}")
        assert page.locator("html").get_attribute("lang") == "cy"
        check_accessibility(page, failures=axe)
    page.goto(f"{base}/staff/living-apart/parent/{father.public_id}/")
    assert page.locator("h1").inner_text() == "Byw ar wahân"
    use_language(manager, live_server, "cy")
    manager.goto(f"{base}/staff/living-apart/claims/waiting/")
    assert manager.locator("html").get_attribute("lang") == "cy"
    check_accessibility(manager, failures=axe)
    assert_no_failures(axe)
