"""Gareth, Cardiff's team manager, finds the demo's parent moving from Herefordshire on his
start page, opens the move (a first name and year of birth, nothing more), sends the accept
form without an adviser and reads the error summary, looks at the decline form, then accepts
with Rhian as adviser and lands on Cardiff's new record. The Herefordshire adviser then reads
the move in Welsh, and starts another proposal, sent empty. In real Chromium with axe-core on
every page."""

import re

import pytest
from django_scopes import scopes_disabled

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import sign_in, use_language

pytestmark = pytest.mark.browser


def _demo_move():
    from parent_charter.transfers.models import Transfer

    with scopes_disabled():
        transfer = Transfer.objects.select_related("parent", "parent__personal_adviser").get()
        return transfer, transfer.parent, transfer.parent.personal_adviser.email


def test_a_move_between_councils_in_english_and_welsh(page, new_page, live_server):
    seed_demo()
    axe = []
    transfer, parent, adviser_email = _demo_move()
    first_name = parent.preferred_name or parent.given_name

    sign_in(page, live_server, "gareth@cardiff.demo")
    page.get_by_role("link", name="Moving between councils").click()
    page.wait_for_url(re.compile(r"/staff/transfers/$"))
    main = page.locator("main").inner_text()
    assert first_name in main and parent.family_name not in main
    check_accessibility(page, failures=axe)

    page.get_by_role("link", name=first_name).click()
    page.wait_for_url(re.compile(r"/staff/transfers/incoming/[0-9a-f-]{36}/$"))
    assert str(parent.date_of_birth.year) in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    page.get_by_role("button", name="Accept and make their record").click()
    assert (
        "Select the parent's personal adviser" in page.locator(".govuk-error-summary").inner_text()
    )
    check_accessibility(page, failures=axe)

    page.get_by_role("link", name="Decline the move").click()
    page.wait_for_url(re.compile(r"/decline/$"))
    page.get_by_role("button", name="Decline").click()
    assert "Enter why you are declining" in page.locator(".govuk-error-summary").inner_text()
    check_accessibility(page, failures=axe)

    page.goto(f"{live_server.url}/staff/transfers/incoming/{transfer.public_id}/")
    page.select_option("select[name=adviser]", label="Rhian Morgan")
    page.get_by_role("button", name="Accept and make their record").click()
    page.wait_for_url(re.compile(r"/staff/parents/[0-9a-f-]{36}/$"))
    assert str(parent.public_id) not in page.url
    assert "Came to us from Herefordshire" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    sender = new_page()
    sign_in(sender, live_server, adviser_email)
    use_language(sender, live_server, "cy")
    sender.goto(f"{live_server.url}/staff/transfers/{transfer.public_id}/")
    main = sender.locator("main").inner_text()
    assert "Symud at Cyngor Caerdydd" in main and "Mae cymorth y rhiant yma wedi dod i ben" in main
    check_accessibility(sender, failures=axe)

    from parent_charter.parents.models import Parent

    with scopes_disabled():
        other = (
            Parent.objects.filter(council__slug="herefordshire")
            .exclude(pk=parent.pk)
            .order_by("pk")
            .first()
        )
    sender.goto(f"{live_server.url}/staff/transfers/parents/{other.public_id}/propose/")
    check_accessibility(sender, failures=axe)
    sender.get_by_role("button", name="Cynnig y symud").click()
    assert "Dewiswch y cyngor" in sender.locator(".govuk-error-summary").inner_text()
    check_accessibility(sender, failures=axe)
    assert_no_failures(axe)
