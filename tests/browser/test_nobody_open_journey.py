"""On a Sunday afternoon nothing in Herefordshire's directory is open: the search for services
open now points to who to contact now and the emergency duty team (issue 14, item 14), on a
320 px phone, in English and in Welsh, with axe-core; the way on leads to the council's page of
who to contact now, which fits the phone too."""

import datetime
import zoneinfo

import pytest
import time_machine

from .conftest import PHONE, assert_no_failures, check_accessibility, seed_demo
from .steps import fits, use_language

pytestmark = pytest.mark.browser

SUNDAY_AFTERNOON = datetime.datetime(2027, 3, 14, 15, 30, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
WORDS = {
    "en": {"title": "Nothing here is open right now", "call": "Call now: Emergency duty team"},
    "cy": {"title": "Does dim byd yma ar agor ar hyn o bryd", "call": "Ffoniwch nawr:"},
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_open_now_with_nothing_open_shows_who_to_call(new_page, live_server, language):
    from parent_charter.authorities.models import Council

    seed_demo()
    emergency = Council.objects.get(slug="herefordshire").out_of_hours_phone.replace(" ", "")
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    use_language(page, live_server, language)
    words = WORDS[language]
    failures = []
    with time_machine.travel(SUNDAY_AFTERNOON, tick=True):
        page.goto(f"{live_server.url}/services/?council=herefordshire&open_now=on")
        assert page.get_attribute("html", "lang") == language
        section = page.locator("#nobody-open")
        assert section.locator("h3").first.inner_text() == words["title"]
        assert words["call"] in section.inner_text()
        assert section.locator(f"a[href='tel:{emergency}']").count() >= 1
        fits(page, "/services/?council=herefordshire&open_now=on", failures)
        check_accessibility(page, failures=failures)

        # Every council's way on when no council was chosen.
        page.goto(f"{live_server.url}/services/?open_now=on")
        section = page.locator("#nobody-open")
        assert section.locator("a[href='/contact-now/herefordshire/']").count() == 1
        assert section.locator(f"a[href='tel:{emergency}']").count() == 1
        fits(page, "/services/?open_now=on", failures)
        check_accessibility(page, failures=failures)

        with page.expect_navigation():
            section.locator("a[href='/contact-now/herefordshire/']").click()
        assert page.locator(f"main a[href='tel:{emergency}']").count() >= 1
        fits(page, "/contact-now/herefordshire/", failures)
        check_accessibility(page, failures=failures)
    assert_no_failures(failures)
