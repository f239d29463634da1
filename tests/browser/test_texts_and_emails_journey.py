"""The parent's choice about reminders in a real browser at 320 px, in English and Welsh: from
the portal home to the Texts and emails page, an error next to the question when nothing is
chosen, the choice saved; nothing scrolls sideways and axe-core finds nothing."""

import pytest
from django_scopes import scopes_disabled

from .conftest import (
    PHONE,
    assert_no_failures,
    check_accessibility,
    no_horizontal_scroll,
    seed_demo,
)
from .steps import HEREFORDSHIRE_PARENT, demo_parent, sign_in_as_parent, switch_language

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "link": "Choose whether you get reminders",
        "title": "Texts and emails",
        "error": "Choose whether you want reminders",
        "no": "No, do not send me reminders",
        "save": "Save your choice",
        "saved": "Your choice about reminders is saved.",
    },
    "cy": {
        "link": "Dewiswch a ydych chi'n cael nodiadau atgoffa",
        "title": "Negeseuon testun ac e-byst",
        "error": "Dewiswch a ydych chi eisiau nodiadau atgoffa",
        "no": "Nac ydw, peidiwch ag anfon nodiadau atgoffa ataf",
        "save": "Cadw eich dewis",
        "saved": "Mae eich dewis am nodiadau atgoffa wedi'i gadw.",
    },
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_parent_turns_reminders_off_on_a_phone(phone_page, live_server, language):
    seed_demo()
    from parent_charter.messaging.models import MessageChoice

    words, axe = WORDS[language], []
    _user, parent = demo_parent(HEREFORDSHIRE_PARENT)
    with scopes_disabled():
        MessageChoice.objects.filter(parent=parent).delete()
    page = phone_page
    sign_in_as_parent(page, live_server, HEREFORDSHIRE_PARENT, axe=None)
    if language == "cy":
        switch_language(page, "cy")
    page.goto(f"{live_server.url}/my/")
    page.get_by_role("link", name=words["link"]).click()
    page.wait_for_url("**/my/texts-and-emails/")
    assert page.locator("h1").inner_text() == words["title"]
    no_horizontal_scroll(page, PHONE["width"])
    check_accessibility(page, failures=axe)
    # Nothing chosen (the radios start on the saved choice, so clear it): an error by the field.
    page.evaluate("document.querySelectorAll('input[type=radio]').forEach(r => r.checked = false)")
    page.get_by_role("button", name=words["save"]).click()
    assert words["error"] in page.locator(".govuk-error-summary").inner_text()
    assert words["error"] in page.locator(".govuk-error-message").inner_text()
    check_accessibility(page, failures=axe)
    page.get_by_label(words["no"]).check()
    page.get_by_role("button", name=words["save"]).click()
    assert words["saved"] in page.locator("body").inner_text()
    check_accessibility(page, failures=axe)
    with scopes_disabled():
        assert MessageChoice.objects.get(parent=parent).reminders is False
    assert_no_failures(axe)
