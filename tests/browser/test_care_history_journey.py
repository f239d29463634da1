"""The sealed care history in a real browser. Sian, a social worker, records an assessment on
current information; she is refused the parent's care history, sends a reason that is too
short, then opens it with a proper reason. Priya, the parent's adviser, and Morgan, the team
manager, then see the opening (who, when, why) on the parent's record, and Morgan has been
told. axe-core runs on every page, in English and in Welsh."""

import datetime
import re

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import fill_date, follow, sign_in, use_language

pytestmark = pytest.mark.browser

MARKER = "Marigold-7Q3X placement by the estuary"
REASON = (
    "Cerys asked me to confirm the dates of her foster placements so her old health records "
    "can be matched to her GP file; Priya is on leave today."
)
SUMMARY = "Cerys keeps every antenatal appointment and the flat is ready for the baby."


def _parents():
    """Two Herefordshire parents of Priya's, each with a sealed care history."""
    from parent_charter.accounts.models import User
    from parent_charter.assessments_care_history.models import CareHistory, CareHistoryEntry
    from parent_charter.authorities.models import Council
    from parent_charter.parents.models import Parent

    council = Council.objects.get(slug="herefordshire")
    priya = User.objects.get(username="priya@herefordshire.demo")
    made = []
    with scope(council=council.pk):
        for given, family, born in (
            ("Cerys", "Vaughan", datetime.date(2005, 2, 14)),
            ("Dylan", "Moss", datetime.date(2004, 8, 30)),
        ):
            parent = Parent.objects.create(
                council=council,
                given_name=given,
                family_name=family,
                date_of_birth=born,
                parent_role="mother" if given == "Cerys" else "father",
                personal_adviser=priya,
            )
            history = CareHistory.objects.create(council=council, parent=parent)
            CareHistoryEntry.objects.create(
                council=council,
                history=history,
                kind="period",
                from_date=datetime.date(2013, 5, 1),
                to_date=datetime.date(2016, 7, 20),
                placement_type="foster",
                details=MARKER,
            )
            made.append(parent)
    return made


def test_assessor_is_refused_then_opens_the_history_with_a_reason(page, new_page, live_server):
    seed_demo()
    axe = []
    cerys, dylan = _parents()
    record = f"{live_server.url}/staff/parents/{cerys.public_id}/"
    history = f"{live_server.url}/staff/assessments/care-history/{cerys.public_id}/"

    # --- Sian records an assessment on current information.
    sign_in(page, live_server, "sian@herefordshire.demo")
    page.goto(record)
    sealed = page.locator("#care-history")
    assert "You cannot open this care history in the normal way" in sealed.inner_text()
    assert MARKER not in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    page.locator("#assessments").get_by_role("link", name="Record an assessment").click()
    page.wait_for_url(re.compile(r"/staff/assessments/add/"))
    check_accessibility(page, failures=axe)
    page.get_by_label("Pre-birth assessment").check()
    fill_date(page, "started_on", timezone.localdate() - datetime.timedelta(days=3))
    page.get_by_label("Summary of current information").fill(SUMMARY)
    page.get_by_role("button", name="Record the assessment").click()
    page.wait_for_url(re.compile(r"/staff/assessments/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Pre-birth assessment"
    assessment = page.url
    main = page.locator("main").inner_text()
    assert SUMMARY in main and MARKER not in main
    check_accessibility(page, failures=axe)

    # --- The care history is refused (403), with the way forward.
    response = page.goto(history)
    assert response.status == 403
    assert page.locator("h1").inner_text() == "This care history is sealed"
    assert MARKER not in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    page.get_by_role("button", name="Open with a reason").click()
    page.wait_for_url(re.compile(r"/reason/$"))
    check_accessibility(page, failures=axe)

    # --- Too short a reason is a form error; a real one opens it.
    page.get_by_label("Why do you need to open this parent's care history?").fill("Need it")
    follow(page.get_by_role("button", name="Open the care history"))
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Write the reason in a full sentence" in summary
    check_accessibility(page, failures=axe)
    page.get_by_label("Why do you need to open this parent's care history?").fill(REASON)
    page.get_by_role("button", name="Open the care history").click()
    page.wait_for_url(history)
    assert MARKER in page.locator("main").inner_text()
    assert "Your access ends at" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Add a note").count() == 0
    check_accessibility(page, failures=axe)

    # --- Priya, the parent's adviser, sees who opened it and why on the parent's record.
    priya = new_page()
    sign_in(priya, live_server, "priya@herefordshire.demo")
    priya.goto(record)
    listing = priya.locator("#care-history").inner_text()
    assert "Sian Price" in listing and "With a reason" in listing
    assert "health records can be matched" in listing
    assert MARKER not in priya.locator("main").inner_text()
    check_accessibility(priya, failures=axe)
    priya.locator("#care-history").get_by_role("button", name="Open the care history").click()
    priya.wait_for_url(history)
    priya.get_by_role("link", name="Add a significant event").click()
    priya.wait_for_url(re.compile(r"/add/event/$"))
    check_accessibility(priya, failures=axe)

    # --- Morgan, the team manager, was told, and sees it on the record too.
    morgan = new_page()
    sign_in(morgan, live_server, "morgan@herefordshire.demo")
    morgan.goto(f"{live_server.url}/staff/notifications/")
    assert (
        "Sian Price opened the sealed care history of Cerys Vaughan"
        in morgan.locator("main").inner_text()
    )
    check_accessibility(morgan, failures=axe)
    morgan.goto(record)
    assert "health records can be matched" in morgan.locator("#care-history").inner_text()
    check_accessibility(morgan, failures=axe)

    with scopes_disabled():
        from parent_charter.assessments_care_history.models import CareHistoryAccess

        opening = CareHistoryAccess.objects.get(parent=cerys, kind="break_glass")
        assert opening.opened_by.username == "sian@herefordshire.demo"
        assert opening.reason == REASON

    # --- The same pages in Welsh.
    for tab, paths in (
        (
            page,
            (
                f"/staff/parents/{cerys.public_id}/",
                f"/staff/assessments/care-history/{cerys.public_id}/",
                f"/staff/assessments/care-history/{dylan.public_id}/",
                f"/staff/assessments/care-history/{dylan.public_id}/reason/",
                f"/staff/assessments/care-history/{cerys.public_id}/openings/",
                f"/staff/assessments/add/{dylan.public_id}/",
                assessment.removeprefix(live_server.url),
            ),
        ),
        (
            priya,
            (
                f"/staff/parents/{cerys.public_id}/",
                f"/staff/assessments/care-history/{cerys.public_id}/",
                f"/staff/assessments/care-history/{cerys.public_id}/add/period/",
            ),
        ),
    ):
        use_language(tab, live_server, "cy")
        for path in paths:
            tab.goto(f"{live_server.url}{path}")
            assert tab.locator("html").get_attribute("lang") == "cy"
            check_accessibility(tab, failures=axe)
    page.goto(f"{live_server.url}/staff/assessments/care-history/{dylan.public_id}/")
    assert page.locator("h1").inner_text() == "Mae'r hanes gofal hwn wedi'i selio"
    assert_no_failures(axe)
