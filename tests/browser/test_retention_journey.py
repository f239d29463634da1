"""Retention and disposal in a real browser: the team manager proposes disposing of a former
parent's record, the council administrator approves it, and the schedule is read and changed,
in English and Welsh at 320 px. axe-core runs on every page and must find nothing."""

import re

import pytest

from .conftest import (
    PHONE,
    assert_no_failures,
    check_accessibility,
    no_horizontal_scroll,
    seed_demo,
)
from .steps import sign_in, use_language

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"due": "Records due for disposal", "schedule": "Retention schedule"},
    "cy": {"due": "Cofnodion sy'n barod i'w gwaredu", "schedule": "Amserlen gadw"},
}


def former_parent(slug: str) -> None:
    """A parent supported years ago, whose record is now due for disposal."""
    import datetime

    from django.utils import timezone
    from django_scopes import scope

    from parent_charter.accounts.models import User
    from parent_charter.authorities.models import Council
    from parent_charter.parents.models import Parent
    from parent_charter.retention.models import SupportEnd

    council = Council.objects.get(slug=slug)
    today = timezone.localdate()
    with scope(council=council.pk):
        parent = Parent.objects.create(
            council=council,
            given_name="Robin",
            family_name="Ashby",
            date_of_birth=datetime.date(today.year - 35, 5, 14),
        )
        SupportEnd.objects.create(
            council=council,
            parent=parent,
            ended_on=datetime.date(today.year - 9, 4, 30),
            recorded_by=User.objects.get(username="morgan@herefordshire.demo"),
        )


def test_two_people_dispose_of_a_record_in_english_and_welsh(new_page, live_server):
    seed_demo()
    former_parent("herefordshire")
    failures = []
    manager = new_page(PHONE, is_mobile=True, has_touch=True)
    sign_in(manager, live_server, "morgan@herefordshire.demo")
    admin = new_page(PHONE, is_mobile=True, has_touch=True)
    sign_in(admin, live_server, "ceri@herefordshire.demo")

    for language in ("en", "cy"):
        for page in (manager, admin):
            use_language(page, live_server, language)
        manager.goto(f"{live_server.url}/staff/retention/")
        assert manager.locator("h1").inner_text() == WORDS[language]["due"]
        assert "Robin Ashby" in manager.locator("main").inner_text()
        no_horizontal_scroll(manager, PHONE["width"])
        check_accessibility(manager, failures=failures)
        manager.goto(f"{live_server.url}/staff/retention/schedule/")
        assert manager.locator("h1").inner_text() == WORDS[language]["schedule"]
        no_horizontal_scroll(manager, PHONE["width"])
        check_accessibility(manager, failures=failures)
        admin.goto(f"{live_server.url}/staff/retention/schedule/change/?kind=challenges")
        no_horizontal_scroll(admin, PHONE["width"])
        check_accessibility(admin, failures=failures)

    use_language(manager, live_server, "en")
    use_language(admin, live_server, "en")
    manager.goto(f"{live_server.url}/staff/retention/")
    manager.get_by_role("button", name=re.compile(r"^Propose disposal.*Robin Ashby")).click()
    assert "Someone else must now approve it" in manager.locator("main").inner_text()
    assert "Waiting for someone else to approve" in manager.locator("main").inner_text()
    check_accessibility(manager, failures=failures)

    admin.goto(f"{live_server.url}/staff/retention/")
    admin.get_by_role("button", name=re.compile(r"^Approve disposal.*Robin Ashby")).click()
    main = admin.locator("main").inner_text()
    assert "Disposed of: The parent's record" in main
    assert "Robin Ashby" not in main
    no_horizontal_scroll(admin, PHONE["width"])
    check_accessibility(admin, failures=failures)

    # An error message in the schedule form, in Welsh.
    use_language(admin, live_server, "cy")
    admin.goto(f"{live_server.url}/staff/retention/schedule/change/?kind=challenges")
    admin.get_by_label("Misoedd i'w cadw ar ôl i'r cymorth ddod i ben").fill("chwech")
    admin.get_by_role("button", name="Cadw").click()
    assert "Rhowch nifer cyfan o fisoedd" in admin.locator(".govuk-error-summary").inner_text()
    check_accessibility(admin, failures=failures)
    assert_no_failures(failures)
