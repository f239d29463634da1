"""The parent's messages in a real browser at 320 px, in English and Welsh: the home page links
to all of them, the newest first, new ones marked, a second page reached by the pagination;
nothing scrolls sideways and axe-core finds nothing."""

import datetime

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
from .steps import HEREFORDSHIRE_PARENT, demo_parent, sign_in_as_parent, switch_language

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"messages": "Messages", "title": "Your messages", "new": "New", "next": "Next"},
    "cy": {"messages": "Negeseuon", "title": "Eich negeseuon", "new": "Newydd", "next": "Nesaf"},
}


def _many_messages(parent, count):
    from parent_charter.notifications.models import ParentNotice

    start = timezone.now() - datetime.timedelta(days=count + 1)
    with scopes_disabled():
        ParentNotice.objects.filter(parent=parent).delete()
        for number in range(count):
            notice = ParentNotice.objects.create(
                council=parent.council, parent=parent, kind="portal.challenge_responded"
            )
            ParentNotice.objects.filter(pk=notice.pk).update(
                created_at=start + datetime.timedelta(days=number)
            )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_all_messages_with_paging_on_a_phone(phone_page, live_server, language):
    seed_demo()
    from parent_charter.portal.selectors import MESSAGES_PER_PAGE

    words, axe = WORDS[language], []
    _user, parent = demo_parent(HEREFORDSHIRE_PARENT)
    _many_messages(parent, MESSAGES_PER_PAGE + 4)
    page = phone_page
    sign_in_as_parent(page, live_server, HEREFORDSHIRE_PARENT, axe=None)
    if language == "cy":
        switch_language(page, "cy")
    page.goto(f"{live_server.url}/my/messages/")
    assert page.locator("h1").inner_text() == words["title"]
    items = page.locator("#messages > li")
    assert items.count() == MESSAGES_PER_PAGE
    # The home page showed the five newest, so those are seen; the rest are still new.
    assert page.locator("#messages .govuk-tag").count() == MESSAGES_PER_PAGE - 5
    no_horizontal_scroll(page, PHONE["width"])
    check_accessibility(page, failures=axe)
    page.locator(".govuk-pagination__next a").click()
    page.wait_for_url("**/my/messages/?page=2")
    assert page.locator("#messages > li").count() == 4
    assert page.locator("#messages .govuk-tag").count() == 4
    no_horizontal_scroll(page, PHONE["width"])
    check_accessibility(page, failures=axe)
    assert_no_failures(axe)
