"""The parent portal in a real browser, in English and in Welsh.

A Herefordshire parent signs in with her password (no security code), reads her plan in plain
words, adds her view to an item, refers herself to Baby Steps, and challenges a promise (with
a mistake first); her adviser's plan page shows her view. The same journey runs in Welsh after
the language switch. A Cardiff parent whose record prefers Welsh lands in Welsh and tells the
council its answer did not resolve things. At 320 px nothing scrolls sideways, and a view is
saved with the keyboard alone and JavaScript off. axe-core checks every page.
"""

import re

import pytest
from django.urls import NoReverseMatch, reverse
from django_scopes import scopes_disabled

from .conftest import (
    PHONE,
    assert_no_failures,
    check_accessibility,
    no_horizontal_scroll,
    seed_demo,
)
from .steps import (
    HEREFORDSHIRE_PARENT,
    demo_parent,
    follow,
    sign_in,
    sign_in_as_parent,
    switch_language,
)

pytestmark = pytest.mark.browser

CARDIFF_PARENT = "rhiant@cardiff.demo"

WORDS = {
    "en": {
        "hello": "Hello, {name}",
        "see_plan": "See your plan and add your views",
        "plan": "Your plan",
        "add_view": "Add your view",
        "view_label": "Your view, in your own words",
        "save_view": "Save your view",
        "saved": "Your view has been saved",
        "challenges": "Challenges",
        "challenge": "Challenge the council",
        "send": "Send your challenge",
        "problem": "There is a problem",
        "select_promise": "Select the promise you feel was not kept",
        "tell_us": "Tell us what happened",
        "what_happened": "What happened?",
        "waiting": "Waiting for the council's response",
        "sent": "Your challenge has been sent",
        "my_data": "Your information",
        "refer_title": "Refer yourself to a programme",
        "refer_contact": "Your phone number, email address and home address",
        "refer_agree": "I agree that the leaving-care team can share",
        "refer_send": "Send my referral",
        "refer_sent": "Your referral has been sent to",
    },
    "cy": {
        "hello": "Helo, {name}",
        "see_plan": "Gweld eich cynllun ac ychwanegu eich barn",
        "plan": "Eich cynllun",
        "add_view": "Ychwanegu eich barn",
        "view_label": "Eich barn, yn eich geiriau eich hun",
        "save_view": "Cadw eich barn",
        "saved": "Mae eich barn wedi'i chadw",
        "challenges": "Heriau",
        "challenge": "Herio'r cyngor",
        "send": "Anfon eich her",
        "problem": "Mae problem wedi codi",
        "select_promise": "Dewiswch yr addewid rydych chi'n teimlo na chafodd ei gadw",
        "tell_us": "Dywedwch wrthym beth ddigwyddodd",
        "what_happened": "Beth ddigwyddodd?",
        "waiting": "Yn aros am ymateb y cyngor",
        "sent": "Mae eich her wedi'i hanfon",
        "my_data": "Eich gwybodaeth",
    },
}


def self_refer_url():
    try:
        return reverse("referrals_portal:self_refer")
    except NoReverseMatch:
        return None


def _warned_of_the_open_referral(page, axe) -> None:
    """Sent while an earlier referral to the programme is open: nothing is sent, the error
    summary says why, and a link leads to the open referral (issue 14, item 13)."""
    assert page.locator(".govuk-error-summary").count() == 1
    assert page.locator(".govuk-notification-banner--success").count() == 0
    link = page.locator("main a[href*='/my/referrals/#referral-']")
    assert link.count() == 1
    check_accessibility(page, failures=axe)


def parent_journey(page, live_server, language: str) -> None:
    words = WORDS[language]
    axe = []
    user, parent = demo_parent(HEREFORDSHIRE_PARENT)
    sign_in_as_parent(page, live_server, HEREFORDSHIRE_PARENT, axe=axe)
    if language == "cy":
        switch_language(page, "cy")
    name = parent.preferred_name or parent.given_name
    assert page.locator("h1").inner_text() == words["hello"].format(name=name)
    main = page.locator("main").inner_text()
    assert parent.personal_adviser.full_name in main
    check_accessibility(page, failures=axe)

    # --- The plan in plain words, and her view on the first thing still to come.
    page.get_by_role("link", name=words["see_plan"]).click()
    page.wait_for_url(re.compile(r"/my/plan/$"))
    assert page.locator("h1").inner_text() == words["plan"]
    check_accessibility(page, failures=axe)
    card = (
        page.locator(".govuk-summary-card")
        .filter(has=page.get_by_role("link", name=re.compile(words["add_view"])))
        .first
    )
    title = card.locator(".govuk-summary-card__title").inner_text().strip()
    card.get_by_role("link", name=re.compile(words["add_view"])).click()
    page.wait_for_url(re.compile(r"/my/plan/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == title
    check_accessibility(page, failures=axe)
    item_id = page.url.rstrip("/").rsplit("/", 1)[1]
    view = f"({language}) I would like my adviser to come with me, please."
    page.get_by_label(words["view_label"]).fill(view)
    page.get_by_role("button", name=words["save_view"]).click()
    page.wait_for_url(re.compile(rf"/my/plan/#item-{item_id}$"))
    assert words["saved"] in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator(f"#item-{item_id}-view").inner_text().strip() == view
    check_accessibility(page, failures=axe)

    from parent_charter.plans.models import PlanItem

    with scopes_disabled():
        assert PlanItem.objects.get(public_id=item_id).parent_view == view

    # --- Baby Steps: she refers herself, and her adviser is told at once.
    url = self_refer_url()
    if url is not None and language == "en":
        page.goto(f"{live_server.url}{url}")
        assert page.locator("h1").inner_text() == words["refer_title"]
        check_accessibility(page, failures=axe)
        page.get_by_label(re.compile("Baby Steps")).first.check()
        page.get_by_label(words["refer_contact"]).check()
        page.get_by_label(re.compile(words["refer_agree"])).check()
        follow(page.get_by_role("button", name=words["refer_send"]))
        # Her earlier Baby Steps referral is still open: she is warned and shown it first.
        _warned_of_the_open_referral(page, axe)
        page.get_by_label("I want to send another referral even so").check()
        follow(page.get_by_role("button", name=words["refer_send"]))
        assert words["refer_sent"] in page.locator(".govuk-notification-banner").inner_text()
        check_accessibility(page, failures=axe)
    elif url is not None:
        page.goto(f"{live_server.url}{url}")
        check_accessibility(page, failures=axe)
        page.locator("input[name=programme]").first.check()
        page.locator("input[name=shared][value=contact]").check()
        page.locator("input[name=agreed]").check()
        follow(page.locator("main form button[type=submit]"))
        _warned_of_the_open_referral(page, axe)
        page.locator("input[name=while_open_confirmed]").check()
        follow(page.locator("main form button[type=submit]"))
        assert page.locator(".govuk-notification-banner--success").count() == 1
        check_accessibility(page, failures=axe)

    # --- A challenge: first sent empty, then about the promise she wrote on.
    page.goto(f"{live_server.url}/my/")
    page.locator("nav.govuk-service-navigation__wrapper").get_by_role(
        "link", name=words["challenges"]
    ).click()
    page.wait_for_url(re.compile(r"/my/challenges/$"))
    check_accessibility(page, failures=axe)
    page.locator("main").get_by_role("button", name=words["challenge"]).click()
    page.wait_for_url(re.compile(r"/my/challenges/new/$"))
    check_accessibility(page, failures=axe)
    follow(page.get_by_role("button", name=words["send"]))
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("h2").inner_text() == words["problem"]
    assert summary.locator("a").all_inner_texts() == [words["select_promise"], words["tell_us"]]
    check_accessibility(page, failures=axe)
    page.get_by_label(title, exact=True).check()
    page.get_by_label(words["what_happened"]).fill(
        "Nobody came back to me about this, and it was meant to happen last month."
    )
    page.get_by_role("button", name=words["send"]).click()
    page.wait_for_url(re.compile(r"/my/challenges/[0-9a-f-]{36}/$"))
    assert words["sent"] in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("h1").inner_text() == title
    assert words["waiting"] in page.locator("#challenge-status").inner_text()
    check_accessibility(page, failures=axe)

    from parent_charter.notifications.models import StaffNotification
    from parent_charter.portal.models import Challenge

    with scopes_disabled():
        challenge = Challenge.objects.filter(parent=parent).latest("pk")
        assert str(challenge.plan_item.public_id) == item_id
        assert StaffNotification.objects.filter(
            kind="portal.challenge_raised", recipient=parent.personal_adviser
        ).exists()

    # --- Everything held about her.
    page.locator("nav.govuk-service-navigation__wrapper").get_by_role(
        "link", name=words["my_data"]
    ).click()
    page.wait_for_url(re.compile(r"/my/my-information/$"))
    assert view in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    assert_no_failures(axe)


def test_a_parent_uses_the_portal_in_english(page, live_server):
    seed_demo()
    parent_journey(page, live_server, "en")


def test_a_parent_uses_the_portal_in_welsh(page, live_server):
    seed_demo()
    parent_journey(page, live_server, "cy")


def test_a_parent_who_prefers_welsh_lands_in_welsh_and_answers_the_council(page, live_server):
    seed_demo()
    axe = []
    user, parent = demo_parent(CARDIFF_PARENT)
    sign_in_as_parent(page, live_server, CARDIFF_PARENT, axe=axe)
    assert page.locator("html").get_attribute("lang") == "cy"
    name = parent.preferred_name or parent.given_name
    assert page.locator("h1").inner_text() == f"Helo, {name}"
    check_accessibility(page, failures=axe)
    page.locator("nav.govuk-service-navigation__wrapper").get_by_role("link", name="Heriau").click()
    page.wait_for_url(re.compile(r"/my/challenges/$"))
    check_accessibility(page, failures=axe)
    page.locator(".govuk-summary-card").first.get_by_role("link", name=re.compile("Agor")).click()
    page.wait_for_url(re.compile(r"/my/challenges/[0-9a-f-]{36}/$"))
    assert "Mae'r cyngor wedi ymateb" in page.locator("#challenge-status").inner_text()
    check_accessibility(page, failures=axe)
    page.get_by_label("Naddo, nid yw wedi'i ddatrys").check()
    follow(page.get_by_role("button", name="Anfon eich ateb"))
    assert (
        "Dywedwch wrthym beth sydd ei angen arnoch o hyd"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check_accessibility(page, failures=axe)
    page.get_by_label("Os nad yw wedi'i ddatrys, beth sydd ei angen arnoch o hyd?").fill(
        "Mae angen i rywun ddod gyda fi, nid dim ond ffonio."
    )
    page.get_by_role("button", name="Anfon eich ateb").click()
    page.wait_for_url(re.compile(r"/my/challenges/[0-9a-f-]{36}/$"))
    assert "Yn aros am ymateb pellach y cyngor" in page.locator("#challenge-status").inner_text()
    check_accessibility(page, failures=axe)
    # The choice of language stays: switching to English is remembered on the next page.
    switch_language(page, "en")
    page.goto(f"{live_server.url}/my/plan/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_failures(axe)


PORTAL_PAGES = (
    "/my/",
    "/my/plan/",
    "/my/challenges/",
    "/my/challenges/new/",
    "/my/my-information/",
)
PUBLIC_PAGES = ("/my/sign-in/email/", "/my/recover/", "/my/sign-in/email/sent/", "/my/invitation/")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_portal_pages_fit_a_320px_screen(new_page, live_server, language):
    seed_demo()
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    axe = []
    if language == "cy":
        page.goto(f"{live_server.url}/accounts/sign-in/")
        switch_language(page, "cy")
    for path in PUBLIC_PAGES:
        page.goto(f"{live_server.url}{path}")
        no_horizontal_scroll(page, PHONE["width"])
        check_accessibility(page, failures=axe)
    sign_in_as_parent(page, live_server, HEREFORDSHIRE_PARENT, axe=axe)
    _user, parent = demo_parent(HEREFORDSHIRE_PARENT)
    from parent_charter.plans.models import PlanItem
    from parent_charter.portal.models import Challenge

    with scopes_disabled():
        item = PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True).first()
        challenge = Challenge.objects.filter(parent=parent).first()
    pages = (*PORTAL_PAGES, f"/my/plan/{item.public_id}/", f"/my/challenges/{challenge.public_id}/")
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == language
        no_horizontal_scroll(page, PHONE["width"])
        check_accessibility(page, failures=axe)
    assert_no_failures(axe)


def test_a_view_is_saved_with_the_keyboard_alone_and_no_javascript(new_page, live_server):
    seed_demo()
    page = new_page(PHONE, java_script_enabled=False)
    sign_in_as_parent(page, live_server, HEREFORDSHIRE_PARENT, axe=None)
    _user, parent = demo_parent(HEREFORDSHIRE_PARENT)
    from parent_charter.plans.models import PlanItem

    with scopes_disabled():
        item = PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True).first()
    page.goto(f"{live_server.url}/my/plan/{item.public_id}/")
    # Tab from the top of the page until the text box has focus, then type and press Enter on
    # the button: no pointer, no script. (Locators only: with scripts off, page.evaluate hangs.)
    text_box = page.locator("#id_parent_view:focus")
    for _step in range(60):
        page.keyboard.press("Tab")
        if text_box.count():
            break
    else:
        pytest.fail("the text box is not reachable with the Tab key")
    page.keyboard.press("Control+A")
    page.keyboard.type("Typed with the keyboard only.")
    page.keyboard.press("Tab")
    assert page.locator("button:focus").inner_text().strip() == "Save your view"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Your view has been saved" in page.locator("main").inner_text()
    with scopes_disabled():
        item.refresh_from_db()
    assert item.parent_view == "Typed with the keyboard only."


def test_staff_answer_a_challenge_and_invite_a_parent(page, new_page, live_server):
    """Morgan (team manager) answers the demo parent's challenge, with a mistake first; then
    invites another parent. Every staff page of the portal is checked in English and Welsh."""
    seed_demo()
    axe = []
    sign_in(page, live_server, "morgan@herefordshire.demo")
    link = page.locator("main").get_by_role("link", name="Challenges from parents")
    link.click()
    page.wait_for_url(re.compile(r"/staff/portal/challenges/$"))
    check_accessibility(page, failures=axe)
    _user, parent = demo_parent(HEREFORDSHIRE_PARENT)
    page.get_by_role("link", name=parent.display_name).click()
    page.wait_for_url(re.compile(r"/staff/portal/challenges/[0-9a-f-]{36}/$"))
    challenge_url = page.url
    check_accessibility(page, failures=axe)
    follow(page.get_by_role("button", name="Send the response"))
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("a").all_inner_texts() == ["Enter the response to the parent"]
    check_accessibility(page, failures=axe)
    page.get_by_label("Your response to the parent").fill(
        "I am sorry nobody came back to you. Tom will go with you to the surgery on Thursday."
    )
    page.get_by_role("button", name="Send the response").click()
    page.wait_for_url(challenge_url)
    assert page.locator("#challenge-status").inner_text() == "Responded"
    check_accessibility(page, failures=axe)
    switch_language(page, "cy")
    check_accessibility(page, failures=axe)
    page.goto(f"{live_server.url}/staff/portal/challenges/?show=all")
    check_accessibility(page, failures=axe)
    switch_language(page, "en")

    # --- Another parent's page: the portal section and an invitation.
    from parent_charter.parents.models import Parent

    with scopes_disabled():
        other = (
            Parent.objects.filter(council__slug="herefordshire", portal_account__isnull=True)
            .order_by("pk")
            .first()
        )
    page.goto(f"{live_server.url}/staff/parents/{other.public_id}/")
    section = page.locator("#portal")
    assert "Not invited" in section.inner_text()
    section.get_by_role("button", name="Invite to the portal").click()
    page.wait_for_url(re.compile(r"/invite/$"))
    check_accessibility(page, failures=axe)
    page.get_by_label("The parent's email address").fill("not an address")
    follow(page.get_by_role("button", name="Send the invitation"))
    assert page.title().startswith("Error: ")
    check_accessibility(page, failures=axe)
    page.get_by_label("The parent's email address").fill("new.parent@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url(re.compile(rf"/staff/parents/{other.public_id}/#portal$"))
    assert "Invited: waiting for the parent" in page.locator("#portal-status").inner_text()
    check_accessibility(page, failures=axe)
    section = page.locator("#portal")
    section.get_by_role("button", name="Cancel the invitation").click()
    page.wait_for_url(re.compile(r"/switch-off/$"))
    check_accessibility(page, failures=axe)
    switch_language(page, "cy")
    check_accessibility(page, failures=axe)
    assert_no_failures(axe)


def test_council_administrator_sets_the_response_time(page, live_server):
    seed_demo()
    axe = []
    sign_in(page, live_server, "ceri@herefordshire.demo")
    page.locator("main").get_by_role("link", name="Parent portal settings").click()
    page.wait_for_url(re.compile(r"/staff/portal/settings/$"))
    check_accessibility(page, failures=axe)
    field = page.get_by_label("Working days to respond to a parent's challenge")
    assert field.input_value() == "10"
    field.fill("ten")
    follow(page.get_by_role("button", name="Save"))
    assert (
        "Enter a whole number of working days, like 10"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check_accessibility(page, failures=axe)
    page.get_by_label("Working days to respond to a parent's challenge").fill("15")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    switch_language(page, "cy")
    page.goto(f"{live_server.url}/staff/portal/settings/")
    check_accessibility(page, failures=axe)
    assert_no_failures(axe)
