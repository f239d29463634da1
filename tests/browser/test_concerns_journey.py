"""A personal adviser records a concern, writes the summary for the parent, records that it was
shared and offers advocacy; the parent reads and acknowledges it in their portal. Real
Chromium, axe-core on every page, in English and Welsh."""

import datetime
import re

import pytest
from django.apps import apps
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from .conftest import (
    assert_no_failures,
    check_accessibility,
    seed_demo,
)
from .steps import (
    fill_date,
    follow,
    new_herefordshire_parent,
    no_horizontal_scroll_when_narrowed,
    sign_in,
    use_language,
)

pytestmark = pytest.mark.browser

PARENT_EMAIL = "rosa.ellery@parent.example"


def _parent_with_a_baby_due():
    from parent_charter.children.models import Child, ChildParent
    from parent_charter.plans.services import refresh_parent

    parent = new_herefordshire_parent("Rosa", "Ellery", datetime.date(2005, 6, 2), "mother")
    council = parent.council
    with scope(council=council.pk):
        child = Child.objects.create(
            council=council, due_date=timezone.localdate() + datetime.timedelta(days=60)
        )
        ChildParent.objects.create(council=council, child=child, parent=parent)
        refresh_parent(parent=parent, actor=None, reason="Browser test")
    return parent


def _portal_account(parent):
    from parent_charter.accounts.models import RoleGrant, User
    from parent_charter.accounts.roles import Role
    from parent_charter.demo.accounts import DEMO_PASSWORD
    from parent_charter.portal.models import PortalAccount

    user = User.objects.create_user(
        username=PARENT_EMAIL,
        email=PARENT_EMAIL,
        password=DEMO_PASSWORD,
        full_name="Rosa Ellery",
        council=parent.council,
    )
    RoleGrant.objects.create(user=user, role=Role.PARENT)
    with scope(council=parent.council_id):
        PortalAccount.objects.create(council=parent.council, user=user, parent=parent)
    return user


def test_adviser_records_a_concern_tells_the_parent_and_offers_advocacy(
    page, new_page, live_server, monkeypatch
):
    from parent_charter.demo.management.commands import seed_demo as seed_command

    # The demo's own concerns are part of the pages checked; other apps' stories are theirs.
    monkeypatch.setattr(seed_command, "demo_extensions", lambda: [apps.get_app_config("concerns")])
    seed_demo()
    axe = []
    parent = _parent_with_a_baby_due()
    today = timezone.localdate()

    sign_in(page, live_server, "priya@herefordshire.demo")
    page.goto(f"{live_server.url}/staff/parents/{parent.public_id}/")
    assert "No concerns have been raised." in page.locator("#concerns").inner_text()
    page.locator("#concerns").get_by_role("link", name="Record a concern").click()
    page.wait_for_url(re.compile(r"/staff/concerns/raise/"))
    check_accessibility(page, failures=axe)

    # --- Sent empty: every missing answer is named, next to its field.
    follow(page.get_by_role("button", name="Record the concern"))
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Select who raised the concern" in summary
    assert "Enter what was seen or reported" in summary
    check_accessibility(page, failures=axe)

    page.get_by_label("Health visitor").check()
    page.get_by_label("Their organisation or team (optional)").fill("Herefordshire 0-19 team")
    page.get_by_label("Their name (optional)").fill("Gwen Morley")
    fill_date(page, "raised_on", today)
    page.get_by_label("What was seen or reported").fill(
        "The flat was very cold at the antenatal visit and there was little food in."
    )
    fill_date(page, "evidence_when", today - datetime.timedelta(days=1))
    page.get_by_label("Where did the information come from?").fill("Antenatal home visit")
    page.get_by_role("button", name="Record the concern").click()
    page.wait_for_url(re.compile(r"/staff/concerns/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text().startswith("Concern raised on")
    assert "Gwen Morley" in page.locator("main").inner_text()
    concern_url = page.url
    check_accessibility(page, failures=axe)

    # --- The summary in plain words, then how it was shared.
    follow(page.get_by_role("link", name="Write the summary"))
    check_accessibility(page, failures=axe)
    page.get_by_label("What is happening").fill(
        "Your health visitor is worried the flat is too cold for a new baby. We will help."
    )
    page.get_by_label("What the plan is").fill(
        "Your adviser will call the landlord this week. You can have an advocate with you."
    )
    page.get_by_role("button", name="Save the summary").click()
    page.wait_for_url(re.compile(r"/staff/concerns/[0-9a-f-]{36}/#summary$"))
    assert "Not yet shared" in page.locator("#summary").inner_text()
    check_accessibility(page, failures=axe)
    follow(
        page.locator("#summary").get_by_role("link", name=re.compile("Record that you shared it"))
    )
    check_accessibility(page, failures=axe)
    fill_date(page, "shared_on", today)
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"#summary$"))
    assert "In person" in page.locator("#summary").inner_text()

    # --- Advocacy offered and accepted: the referral is one click away.
    follow(page.get_by_role("link", name="Record an offer of advocacy or legal advice"))
    check_accessibility(page, failures=axe)
    page.get_by_label("Advocacy").check()
    fill_date(page, "offered_on", today)
    page.get_by_label("Accepted, and a referral is made").check()
    page.get_by_label("Note (optional)").fill("Would like an advocate from NYAS")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"#offers$"))
    referral = page.locator("#offers").get_by_role("link", name="Make the referral for advocacy")
    assert referral.get_attribute("href") == (
        f"/staff/referrals/new/{parent.public_id}/?kind=advocacy"
    )
    check_accessibility(page, failures=axe)

    # --- The plan now holds the promises for concerns.
    page.goto(f"{live_server.url}/staff/plans/{parent.public_id}/")
    assert "If concerns are raised about parenting" in page.locator("main").inner_text()

    with scopes_disabled():
        from parent_charter.concerns.models import Concern

        concern = Concern.objects.get(parent=parent)
        summary = concern.summaries.get()
        assert summary.shared_how == "in_person"
        offer = concern.offers.get()
        assert offer.answer == "accepted"

    # --- The parent reads it in their portal and says so; the name is never shown.
    _portal_account(parent)
    portal = new_page()
    portal.goto(f"{live_server.url}/my/concerns/")
    from parent_charter.demo.accounts import DEMO_PASSWORD

    portal.get_by_label("Email address").fill(PARENT_EMAIL)
    portal.get_by_label("Password").fill(DEMO_PASSWORD)
    portal.get_by_role("button", name="Continue").click()
    portal.goto(f"{live_server.url}/my/concerns/")
    assert portal.locator("h1").inner_text() == "Concerns about parenting"
    main = portal.locator("main").inner_text()
    assert "too cold for a new baby" in main
    assert "Gwen Morley" not in portal.content()
    check_accessibility(portal, failures=axe)
    follow(portal.get_by_role("button", name=re.compile("I have read this")))
    assert "You said you had read this on" in portal.locator("main").inner_text()
    check_accessibility(portal, failures=axe)

    # --- The same pages in Welsh, for the adviser and for the parent.
    use_language(page, live_server, "cy")
    base = concern_url.removesuffix("/")
    for path in (
        concern_url,
        f"{base}/edit/",
        f"{base}/close/",
        f"{base}/summary/",
        f"{base}/offers/add/",
        f"{base}/offers/{offer.public_id}/",
        f"{base}/requests/add/",
        f"{base}/views/add/",
        f"{base}/support/add/",
        f"{live_server.url}/staff/concerns/raise/{parent.public_id}/",
        f"{live_server.url}/staff/parents/{parent.public_id}/",
    ):
        response = page.goto(path if path.startswith("http") else live_server.url + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "cy"
        check_accessibility(page, failures=axe)
        form = page.locator("main form[method='post']")
        if form.count():
            # Sent empty, the error summary and messages are checked too.
            form.last.locator("button[type='submit']").click()
            page.wait_for_load_state()
            check_accessibility(page, failures=axe)
    use_language(portal, live_server, "cy")
    portal.goto(f"{live_server.url}/my/concerns/")
    assert portal.locator("h1").inner_text() == "Pryderon am rianta"
    check_accessibility(portal, failures=axe)
    assert_no_failures(axe)


def test_a_manager_reviews_open_concerns_and_decides_a_request(page, live_server, monkeypatch):
    from parent_charter.demo.management.commands import seed_demo as seed_command

    monkeypatch.setattr(seed_command, "demo_extensions", lambda: [apps.get_app_config("concerns")])
    seed_demo()
    axe = []
    sign_in(page, live_server, "morgan@herefordshire.demo")
    page.get_by_role("link", name="Open concerns").click()
    page.wait_for_url(re.compile(r"/staff/concerns/$"))
    check_accessibility(page, failures=axe)
    page.locator("main dl a").first.click()
    page.wait_for_url(re.compile(r"/staff/concerns/[0-9a-f-]{36}/$"))
    assert "Heating repaired, then a warmer flat" in page.locator("#support").inner_text()
    check_accessibility(page, failures=axe)
    # The whole record reads on a 320 px phone without scrolling sideways.
    no_horizontal_scroll_when_narrowed(page, reload=False)

    # A new request, refused: the reasons are required.
    page.get_by_role("link", name="Record a request").click()
    page.get_by_label("An independent social worker").check()
    fill_date(page, "requested_on", timezone.localdate())
    page.get_by_label("Their advocate").check()
    page.get_by_role("button", name="Save the request").click()
    page.wait_for_url(re.compile(r"#requests$"))
    follow(page.locator("#requests").get_by_role("link", name=re.compile("^Record the decision")))
    check_accessibility(page, failures=axe)
    page.get_by_label("Refused").check()
    fill_date(page, "decided_on", timezone.localdate())
    follow(page.get_by_role("button", name="Save the decision"))
    assert (
        "Give the reasons for refusing the request"
        in page.locator(".govuk-error-summary").inner_text()
    )
    check_accessibility(page, failures=axe)
    page.get_by_label("Reasons for the decision").fill(
        "An independent assessment is already arranged with the family court."
    )
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_url(re.compile(r"#requests$"))
    assert "An independent assessment is already arranged" in page.locator("#requests").inner_text()

    use_language(page, live_server, "cy")
    for path in ("/staff/concerns/", "/staff/"):
        page.goto(live_server.url + path)
        check_accessibility(page, failures=axe)
    assert_no_failures(axe)
