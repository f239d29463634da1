"""The parent's plan, the challenge form and the council's offer page on a 320 px phone, in
English and in Welsh, with axe-core (issue 14, item 16).

The plan groups what needs doing now, with later items one line each and what is done folded
away, so the demo parent's plan (once about 30 phone screens) is a few; the challenge form's
promises are grouped by stage; the offer page lists the council's own commitments apart.
"""

import pytest

from .conftest import PHONE, assert_no_failures, check_accessibility, seed_demo
from .steps import HEREFORDSHIRE_PARENT, fits, sign_in_as_parent, use_language

pytestmark = pytest.mark.browser

MOST_SCREENS = 9  # phone screens of 640 px the whole plan page may take (it was about 30)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_plan_challenge_form_and_offer_fit_a_phone(new_page, live_server, language):
    seed_demo()
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    sign_in_as_parent(page, live_server, HEREFORDSHIRE_PARENT, axe=None)
    use_language(page, live_server, language)
    failures = []

    page.goto(f"{live_server.url}/my/plan/")
    assert page.get_attribute("html", "lang") == language
    assert page.locator("#now").count() == 1
    height = page.evaluate("document.documentElement.scrollHeight")
    screens = height / PHONE["height"]
    assert screens <= MOST_SCREENS, f"the plan is {screens:.1f} phone screens long"
    fits(page, "/my/plan/", failures)
    check_accessibility(page, failures=failures)
    # What is done opens in place, and still fits.
    done = page.locator("main details.govuk-details summary")
    if done.count():
        done.first.click()
        fits(page, "/my/plan/ (done opened)", failures)
        check_accessibility(page, failures=failures)

    page.goto(f"{live_server.url}/my/challenges/new/")
    groups = page.locator("main [role=group][aria-labelledby^='promise-group-']")
    assert groups.count() >= 2
    fits(page, "/my/challenges/new/", failures)
    check_accessibility(page, failures=failures)

    page.goto(f"{live_server.url}/councils/herefordshire/")
    assert page.locator("#council-commitments").count() == 1
    fits(page, "/councils/herefordshire/", failures)
    check_accessibility(page, failures=failures)
    assert_no_failures(failures)
