"""Equality monitoring in a real browser, in English and in Welsh: Priya, an adviser, records a
parent's answers from the parent's page; the parent changes her own in the portal; Alex, an
analyst, reads the figures by group with no names. axe-core checks every page."""

import re

import pytest
from django_scopes import scopes_disabled

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import HEREFORDSHIRE_PARENT, demo_parent, sign_in, sign_in_as_parent, use_language

pytestmark = pytest.mark.browser


def test_an_adviser_records_answers_and_the_parent_changes_hers(page, new_page, live_server):
    seed_demo()
    axe = []
    from parent_charter.parents.models import EqualityAnswers

    _user, parent = demo_parent(HEREFORDSHIRE_PARENT)
    adviser = parent.personal_adviser.username

    # --- Priya, the adviser, from the parent's page.
    sign_in(page, live_server, adviser)
    page.goto(f"{live_server.url}/staff/parents/{parent.public_id}/")
    section = page.locator("#equality")
    assert "Equality monitoring" in section.inner_text()
    section.get_by_role("link", name="Change equality monitoring answers").click()
    page.wait_for_url(re.compile(r"/equality/$"))
    assert page.locator("h1").inner_text() == "Equality monitoring"
    assert "Answering is optional" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    page.get_by_label("Mixed or Multiple ethnic groups: White and Black Caribbean").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/staff/parents/[0-9a-f-]+/(#equality)?$"))
    section = page.locator("#equality").inner_text()
    assert "White and Black Caribbean" in section
    check_accessibility(page, failures=axe)
    # In Welsh, with the census's Welsh names.
    use_language(page, live_server, "cy")
    page.goto(f"{live_server.url}/staff/parents/{parent.public_id}/equality/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Monitro cydraddoldeb"
    assert "Gwyn a Du Caribïaidd" in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)

    # --- The parent, in the portal: she would rather not say.
    mum = new_page()
    sign_in_as_parent(mum, live_server, HEREFORDSHIRE_PARENT, axe=axe)
    mum.get_by_role("link", name="See or change your answers").click()
    mum.wait_for_url(re.compile(r"/my/about-you/$"))
    assert mum.locator("h1").inner_text() == "About you: equality monitoring"
    check_accessibility(mum, failures=axe)
    mum.locator("input[name=ethnic_group][value=prefer_not_to_say]").check()
    mum.get_by_role("button", name="Save").click()
    mum.wait_for_url(re.compile(r"/my/$"))
    with scopes_disabled():
        assert EqualityAnswers.objects.get(parent=parent).ethnic_group == "prefer_not_to_say"
    use_language(mum, live_server, "cy")
    mum.goto(f"{live_server.url}/my/about-you/")
    assert mum.locator("h1").inner_text() == "Amdanoch chi: monitro cydraddoldeb"
    check_accessibility(mum, failures=axe)

    # --- Alex, the analyst: the figures by group, no names, in both languages.
    alex = new_page()
    sign_in(alex, live_server, "alex@herefordshire.demo")
    alex.goto(f"{live_server.url}/staff/figures/")
    main = alex.locator("main").inner_text()
    assert "Equality: referrals and separation by group" in main
    assert parent.family_name not in main
    assert alex.locator("a[href*='figure=eq']").count() == 0
    check_accessibility(alex, failures=axe)
    use_language(alex, live_server, "cy")
    alex.reload()
    assert "Cydraddoldeb: atgyfeiriadau a gwahanu fesul grŵp" in alex.locator("main").inner_text()
    check_accessibility(alex, failures=axe)
    assert_no_failures(axe)
