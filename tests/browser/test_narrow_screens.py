"""Staff pages and the parent's portal home on a 320 px phone, in English and in Welsh.

Nothing may scroll sideways or stick out of the screen, the header's language switch and sign
out must stay apart (they once read "CymraegSign out"), and axe-core must find nothing. Tables
stack into one card per row below the tablet breakpoint (`app-table--stack` in
frontend/scss/_app.scss), each cell labelled with its column's name.
"""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from .conftest import PHONE, assert_no_failures, check_accessibility, seed_demo
from .steps import demo_parent, fits, sign_in, sign_in_as_parent, use_language

pytestmark = pytest.mark.browser


def _manager_pages() -> tuple[list[str], list[str]]:
    """Every Herefordshire parent's pages (measured), and the first parent's (also axe-checked)."""
    from parent_charter.children.models import Child
    from parent_charter.parents.models import Parent

    with scopes_disabled():
        parents = list(Parent.objects.filter(council__slug="herefordshire").order_by("pk"))
        children = list(Child.objects.filter(council__slug="herefordshire").order_by("pk"))
    pages = [
        f"/staff/parents/{parent.public_id}/{tail}"
        for parent in parents
        for tail in ("", "audit-trail/", "timeline/")
    ]
    pages += [f"/staff/plans/{parent.public_id}/" for parent in parents]
    pages += [f"/staff/children/{child.public_id}/" for child in children]
    lists = [
        "/staff/",
        "/staff/parents/",
        "/staff/caseload/",
        "/staff/team/",
        "/staff/notifications/",
        "/staff/referrals/",
        "/staff/safeguarding/",
        "/staff/concerns/",
        "/staff/living-apart/claims/waiting/",
        "/staff/portal/challenges/",
        "/staff/transfers/",
        "/contact-now/hours/",
    ]
    first = parents[0].public_id
    checked = [*lists, f"/staff/parents/{first}/", f"/staff/parents/{first}/audit-trail/"]
    return lists + pages, checked


ADMIN_PAGES = ["/contact-now/staff/", "/staff/directory/", "/rights/local/"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_staff_pages_fit_a_320px_screen(new_page, live_server, language):
    seed_demo()
    failures = []
    manager = new_page(PHONE, is_mobile=True, has_touch=True)
    sign_in(manager, live_server, "morgan@herefordshire.demo")
    use_language(manager, live_server, language)
    measured, checked = _manager_pages()
    for path in measured:
        response = manager.goto(live_server.url + path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert manager.get_attribute("html", "lang") == language
        fits(manager, path, failures)
        if path in checked:
            check_accessibility(manager, failures=failures)

    for email, pages in (
        ("ceri@herefordshire.demo", ADMIN_PAGES),
        (
            "hana@herefordshire.demo",
            ["/staff/referrals/partner/", "/staff/referrals/partner/places/"],
        ),
        ("gareth@cardiff.demo", ["/staff/transfers/"]),
    ):
        tab = new_page(PHONE, is_mobile=True, has_touch=True)
        sign_in(tab, live_server, email)
        use_language(tab, live_server, language)
        for path in pages:
            response = tab.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status} to {email}"
            fits(tab, path, failures)
            check_accessibility(tab, failures=failures)
    assert_no_failures(failures)


def test_stacked_rows_are_labelled_with_their_column(new_page, live_server):
    """On a phone the caseload's header row is hidden from sight and each cell shows its label."""
    seed_demo()
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    sign_in(page, live_server, "morgan@herefordshire.demo")
    page.goto(f"{live_server.url}/staff/caseload/")
    cell = page.locator("main table tbody tr").first.locator("td").first
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"Stages"'
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    wide = new_page()  # desktop: an ordinary table (another adviser: a code works once)
    sign_in(wide, live_server, "priya@herefordshire.demo")
    wide.goto(f"{live_server.url}/staff/caseload/")
    cell = wide.locator("main table tbody tr").first.locator("td").first
    assert cell.evaluate("el => getComputedStyle(el).display") == "table-cell"
    assert cell.evaluate("el => getComputedStyle(el, '::before').content") == "none"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_portal_home_with_care_history_openings_fits_a_320px_screen(
    new_page, live_server, language
):
    """The Welsh home's table of who opened the care history once reached 440 px."""
    from parent_charter.accounts.models import User
    from parent_charter.accounts.roles import Role
    from parent_charter.assessments_care_history.models import AccessKind, CareHistoryAccess

    seed_demo()
    user, parent = demo_parent("rhiant@cardiff.demo")
    with scopes_disabled():
        worker = User.objects.get(username="gareth@cardiff.demo")
        CareHistoryAccess.objects.create(
            council=parent.council,
            parent=parent,
            opened_by=worker,
            role=Role.SOCIAL_WORKER,
            kind=AccessKind.BREAK_GLASS,
            reason=(
                "Cyfarfod strategaeth brys ynghylch diogelwch y babi ar ôl adroddiad gan yr heddlu"
            ),
            opened_at=timezone.now() - datetime.timedelta(days=1),
            expires_at=timezone.now(),
        )
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    failures = []
    if language == "en":
        page.goto(f"{live_server.url}/accounts/sign-in/")
    sign_in_as_parent(page, live_server, "rhiant@cardiff.demo", axe=None)
    use_language(page, live_server, language)
    page.goto(f"{live_server.url}/my/")
    assert page.get_attribute("html", "lang") == language
    assert page.locator("#care-history-openings table tbody tr").count() >= 1
    fits(page, "/my/", failures)
    check_accessibility(page, failures=failures)
    assert_no_failures(failures)
