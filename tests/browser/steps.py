"""Steps that more than one browser journey takes: signing in as staff or as a parent, adding
a parent the demo does not have, filling in a GOV.UK date, choosing the language, reading a
summary list, and measuring a page on a phone.

A step here is a plain function a test calls with the page it is driving (or, for a parent's
record, before it starts driving one). Fixtures stay in conftest.py: the browser, the pages and
contexts it makes, the audit table's triggers. So do the checks and set-up that are not steps
through the site (check_accessibility, assert_no_failures, no_horizontal_scroll, current_code,
seed_demo). A step only one test module takes stays in that module; test modules import steps
from here, never from each other.
"""

import datetime
import re

from django_scopes import scope, scopes_disabled

from .conftest import DESKTOP, PHONE, check_accessibility, current_code, no_horizontal_scroll

HEREFORDSHIRE_PARENT = "parent@herefordshire.demo"

# The cookie the site keeps the visitor's choice of language in.
LANGUAGE_COOKIE = "parent_charter_language"

# The language switch's buttons in the header, by the language each one switches to.
LANGUAGE_BUTTONS = {"cy": "Cymraeg", "en": "English"}


def demo_user(email: str):
    from parent_charter.accounts.models import User

    return User.objects.get(username=email)


def demo_parent(email):
    """The demo user with this email and the parent record their portal account is for."""
    with scopes_disabled():
        user = demo_user(email)
        return user, user.portal_account.parent


def new_herefordshire_parent(given_name: str, family_name: str, born: datetime.date, role: str):
    """A new parent record in Herefordshire, written straight to the database rather than
    added through the pages."""
    from parent_charter.authorities.models import Council
    from parent_charter.parents.models import Parent

    council = Council.objects.get(slug="herefordshire")
    with scope(council=council.pk):
        return Parent.objects.create(
            council=council,
            given_name=given_name,
            family_name=family_name,
            date_of_birth=born,
            parent_role=role,
        )


def sign_in(page, live_server, email: str, *, axe: list | None = None) -> None:
    """Password, then the security code from the (computed) authenticator app."""
    from parent_charter.demo.accounts import DEMO_PASSWORD

    # A staff page sends you to sign in first, then back to it.
    page.goto(f"{live_server.url}/staff/")
    assert page.url.startswith(f"{live_server.url}/accounts/sign-in/?next=")
    assert page.locator("h1").inner_text() == "Sign in to Parent Charter"
    if axe is not None:
        check_accessibility(page, failures=axe)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url(re.compile(r"/accounts/two-factor/$"))
    assert page.locator("h1").inner_text() == "Enter your security code"
    # Demo mode is off in the test settings, so the page must not give the code away.
    assert page.locator(".govuk-warning-text").count() == 0
    assert "Demo only" not in page.locator("main").inner_text()
    if axe is not None:
        check_accessibility(page, failures=axe)
    page.get_by_label("Security code").fill(current_code(demo_user(email)))
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert page.url == f"{live_server.url}/staff/", page.locator("main").inner_text()


def sign_in_as_parent(page, live_server, email, *, axe) -> None:
    """The ordinary sign-in page: email and password, and straight into the portal."""
    from parent_charter.demo.accounts import DEMO_PASSWORD

    page.goto(f"{live_server.url}/accounts/sign-in/")
    if axe is not None:
        check_accessibility(page, failures=axe)
    # By id, so this works in either language.
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url == f"{live_server.url}/my/", page.locator("main").inner_text()


def follow(locator) -> None:
    """Click a link or a form's button and wait until the page it leads to has loaded.

    Playwright's click returns once the click is made, not when the next page is there, so
    a check made straight after it can run on a page still being replaced.
    """
    with locator.page.expect_navigation():
        locator.click()


def fill_date(tab, name: str, value: datetime.date) -> None:
    """Type a date into the GOV.UK date input of the field `name` (day, month, year)."""
    tab.locator(f"#id_{name}_0").fill(str(value.day))
    tab.locator(f"#id_{name}_1").fill(str(value.month))
    tab.locator(f"#id_{name}_2").fill(str(value.year))


def use_language(page, live_server, language: str) -> None:
    """Set the language cookie in the page's context: the next page loaded is in `language`.

    The page on screen does not change until it is loaded again.
    """
    page.context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": live_server.url}])


def switch_language(tab, to: str) -> None:
    """Press the header's language button, wait for the page to load again, and check that it
    is now in the language `to`."""
    with tab.expect_navigation():
        tab.get_by_role("button", name=LANGUAGE_BUTTONS[to], exact=True).click()
    assert tab.locator("html").get_attribute("lang") == to


def focused(page) -> dict:
    """The element that has focus now: its tag, id, text, link and classes."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, text: el.innerText,
                    href: el.getAttribute('href'), className: el.className};
        }"""
    )


def summary_value(tab, key: str) -> str:
    """The value beside the key `key` (exactly) in a GOV.UK summary list."""
    row = tab.locator(".govuk-summary-list__row").filter(
        has=tab.get_by_role("term").filter(has_text=re.compile(f"^{re.escape(key)}$"))
    )
    return row.locator("dd").inner_text().strip()


# Anything in the header or main content whose right edge is past the screen's, leaving out
# what is visually hidden (clipped): a screen reader reads it, nobody sees it.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el) => {
        for (let a = el; a && a !== document.body; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (style.clipPath !== 'none' || style.clip !== 'auto') return true;
        }
        return false;
    };
    const wide = [];
    for (const el of document.querySelectorAll('header *, main *')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 1 && !clipped(el)) {
            const name = `${el.tagName.toLowerCase()}.${el.className}`;
            wide.push(`${name} reaches ${Math.round(box.right)}px`);
        }
    }
    return {scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 3)};
}"""

# The language switch's last item and the sign out button: on one line, with a gap between.
HEADER_GAP = """() => {
    const last = document.querySelector('.app-language-switch li:last-child');
    const language = last.getBoundingClientRect();
    const signOut = document.querySelector('.app-sign-out button');
    if (!signOut) return null;
    const out = signOut.getBoundingClientRect();
    const sameLine = Math.abs(out.top - language.top) < language.height;
    return {sameLine, gap: out.left - language.right};
}"""


def fits(page, path: str, failures: list) -> None:
    """Whether the page on screen fits a phone's width: nothing scrolls sideways or sticks out,
    and the header's language switch and sign out stay apart. Each problem is added to
    `failures` (named by `path`) for `assert_no_failures` to report at the end."""
    result = page.evaluate(OVERFLOW)
    if result["scroll"] > PHONE["width"] or result["wide"]:
        failures.append(f"{path} is {result['scroll']}px wide: {result['wide']}")
    gap = page.evaluate(HEADER_GAP)
    if gap is not None and gap["sameLine"] and gap["gap"] < 10:
        failures.append(f"{path}: sign out is {gap['gap']:.0f}px from the language switch")


def no_horizontal_scroll_when_narrowed(page, *, reload: bool) -> None:
    """Narrow a desktop page to a phone's width (loading it again there if `reload`), check that
    nothing scrolls sideways, then widen it back to the desktop size."""
    page.set_viewport_size(PHONE)
    if reload:
        page.reload()
    no_horizontal_scroll(page, PHONE["width"])
    page.set_viewport_size(DESKTOP)
