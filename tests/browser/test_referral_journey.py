"""A referral in a real browser: a personal adviser refers a parent to Baby Steps, is told to
record the parent's consent first, records it and sends the referral; the Home-Start worker
signs in, finds it among the referrals to her organisation and accepts it. axe-core runs on
every page, in English, and the referral pages again in Welsh."""

import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from .conftest import assert_no_failures, check_accessibility, seed_demo
from .steps import (
    fill_date,
    sign_in,
    sign_in_as_parent,
    summary_value,
    switch_language,
    use_language,
)

pytestmark = pytest.mark.browser

PARTNER = "Home-Start Herefordshire"
REASON = "She would like someone to talk to before the baby comes, and help to find baby groups."


def _parent_to_refer():
    """One of Priya's demo parents with no referral and no consent for Home-Start yet."""
    from parent_charter.parents.models import Parent

    with scopes_disabled():
        return (
            Parent.objects.filter(
                council__slug="herefordshire",
                personal_adviser__username="priya@herefordshire.demo",
            )
            .exclude(referrals__isnull=False)
            .exclude(consents__partner_organisation__name=PARTNER)
            .order_by("family_name", "given_name")
            .first()
        )


def _fill_referral(tab, first_name: str) -> None:
    tab.get_by_label("A programme from the council's offer").check()
    tab.get_by_label(f"Baby Steps, run by {PARTNER}").check()
    tab.get_by_label(PARTNER, exact=True).check()
    assert tab.get_by_label("The leaving-care team").is_checked()
    tab.get_by_label(re.compile("^Why are you making this referral")).fill(REASON)
    tab.get_by_label(re.compile("^Contact details")).check()
    tab.get_by_label(re.compile("^Reason for the referral")).check()
    tab.get_by_label(
        f"{first_name} agreed to share the information ticked above with this organisation"
    ).check()
    tab.get_by_role("button", name="Send the referral").click()


def test_adviser_refers_a_parent_to_baby_steps_and_the_partner_accepts(page, new_page, live_server):
    seed_demo()
    axe = []
    parent = _parent_to_refer()
    assert parent is not None
    first_name = parent.preferred_name or parent.given_name
    parent_url = f"{live_server.url}/staff/parents/{parent.public_id}/"

    # --- Priya opens the parent's page and starts a referral from the Referrals section.
    sign_in(page, live_server, "priya@herefordshire.demo")
    assert page.locator("main").get_by_role("link", name="Referrals", exact=True).count() == 1
    page.goto(parent_url)
    page.locator("#referrals").get_by_role("button", name="Make a referral").click()
    page.wait_for_url(re.compile(rf"/staff/referrals/new/{parent.public_id}/$"))
    assert page.locator("h1").inner_text() == "Make a referral"
    check_accessibility(page, failures=axe)

    # --- Without consent nothing is sent: the message says why and links to the consent form.
    _fill_referral(page, first_name)
    message = (
        f"{first_name} has not agreed to share information with {PARTNER}. "
        "Record their consent first."
    )
    summary = page.locator(".govuk-error-summary")
    assert message in summary.inner_text()
    assert page.title().startswith("Error:")
    check_accessibility(page, failures=axe)
    page.get_by_role("link", name=f"Record {first_name}'s consent").first.click()
    page.wait_for_url(re.compile(rf"/staff/parents/{parent.public_id}/consents/add/$"))
    check_accessibility(page, failures=axe)
    page.get_by_label(PARTNER, exact=True).check()
    page.get_by_label("What may be shared").fill(
        "Contact details and the reason for the referral, for Baby Steps"
    )
    fill_date(page, "given_on", timezone.localdate())
    page.get_by_role("button", name="Save consent").click()
    page.wait_for_url(re.compile(rf"/staff/parents/{parent.public_id}/"))
    assert "Consent recorded" in page.locator(".govuk-notification-banner").inner_text()

    # --- With consent in force, the referral is sent.
    page.locator("#referrals").get_by_role("button", name="Make a referral").click()
    page.wait_for_url(re.compile(rf"/staff/referrals/new/{parent.public_id}/$"))
    assert PARTNER in page.locator(".govuk-summary-list").inner_text()
    _fill_referral(page, first_name)
    page.wait_for_url(re.compile(r"/staff/referrals/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Referral to Baby Steps"
    assert f"Referral sent to {PARTNER}" in page.locator(".govuk-notification-banner").inner_text()
    assert summary_value(page, "Status") == "Sent"
    check_accessibility(page, failures=axe)
    referral_url = page.url
    switch_language(page, "cy")
    check_accessibility(page, failures=axe)
    switch_language(page, "en")

    from parent_charter.partner_referrals.models import Referral

    with scopes_disabled():
        referral = Referral.objects.select_related("organisation").get(parent=parent)
        assert referral.organisation.name == PARTNER and referral.status == "sent"
        assert referral.shared == ["contact", "reason"]
    assert str(referral.public_id) in referral_url

    # --- Hana, the Baby Steps coordinator, signs in and finds it.
    hana = new_page()
    sign_in(hana, live_server, "hana@herefordshire.demo")
    hana.locator("main").get_by_role("link", name="Referrals to your organisation").click()
    hana.wait_for_url(re.compile(r"/staff/referrals/partner/$"))
    check_accessibility(hana, failures=axe)
    hana.get_by_role("link", name=parent.display_name, exact=True).click()
    hana.wait_for_url(re.compile(rf"/staff/referrals/partner/{referral.public_id}/$"))
    assert hana.locator("h1").inner_text() == parent.display_name
    assert REASON in hana.locator("main").inner_text()
    # Jamie agreed to share contact details and the reason, not the date of birth.
    assert f"{parent.date_of_birth:%-d %B %Y}" not in hana.locator("main").inner_text()
    check_accessibility(hana, failures=axe)

    # --- She accepts it.
    hana.get_by_role("button", name="Update the referral").click()
    hana.wait_for_url(re.compile(rf"/staff/referrals/partner/{referral.public_id}/status/$"))
    check_accessibility(hana, failures=axe)
    hana.get_by_role("button", name="Save the update").click()
    assert "Select what has happened" in hana.locator(".govuk-error-summary").inner_text()
    check_accessibility(hana, failures=axe)
    hana.get_by_label("Accepted: support can be offered").check()
    hana.get_by_label("Note (optional)").fill("Sue, one of our volunteers, will phone this week.")
    hana.get_by_role("button", name="Save the update").click()
    hana.wait_for_url(re.compile(rf"/staff/referrals/partner/{referral.public_id}/$"))
    assert "Referral updated: Accepted" in hana.locator(".govuk-notification-banner").inner_text()
    assert summary_value(hana, "Status") == "Accepted"
    check_accessibility(hana, failures=axe)
    switch_language(hana, "cy")
    check_accessibility(hana, failures=axe)
    hana.get_by_role("button", name=re.compile("^Cofnodi sut")).click()
    hana.wait_for_url(re.compile(rf"/staff/referrals/partner/{referral.public_id}/support/$"))
    check_accessibility(hana, failures=axe)
    switch_language(hana, "en")

    with scopes_disabled():
        referral.refresh_from_db()
        assert referral.status == "accepted"
        history = list(referral.status_history.values_list("status", "by__username"))
    assert history == [
        ("sent", "priya@herefordshire.demo"),
        ("accepted", "hana@herefordshire.demo"),
    ]

    # --- Priya sees the answer on the referral page.
    page.goto(referral_url)
    assert summary_value(page, "Status") == "Accepted"
    assert "Sue, one of our volunteers, will phone this week." in page.locator("main").inner_text()
    check_accessibility(page, failures=axe)
    assert_no_failures(axe)


def _demo_referral(key: str):
    from parent_charter.authorities.models import Council
    from parent_charter.demo.stories.referrals import _id

    return _id(Council.objects.get(slug="herefordshire"), key)


def _demo_worker(name: str):
    from parent_charter.authorities.models import Council
    from parent_charter.demo.stories.referrals import _id

    return _id(Council.objects.get(slug="herefordshire"), name, "programme-worker")


def _demo_prompt():
    from parent_charter.partner_referrals.models import ProgrammePrompt

    with scopes_disabled():
        return (
            ProgrammePrompt.objects.filter(council__slug="herefordshire", answer="")
            .order_by("pk")
            .first()
            .public_id
        )


def _pages_for(who: str) -> list[str]:
    started = _demo_referral("expecting-mother-baby-steps")
    withdrawn = _demo_referral("couple-withdrawn")
    waiting = _demo_referral("expecting-father-self")
    on_the_list = _demo_referral("father-apart-waiting")
    if who == "adviser":
        return [
            "/staff/referrals/",
            f"/staff/referrals/{started}/",
            f"/staff/referrals/{withdrawn}/",
            f"/staff/referrals/{waiting}/status/",
            f"/staff/referrals/{on_the_list}/",
            f"/staff/referrals/prompts/{_demo_prompt()}/",
        ]
    if who == "partner":
        worker = _demo_worker("Sue")
        return [
            "/staff/referrals/partner/",
            "/staff/referrals/partner/places/",
            f"/staff/referrals/partner/{started}/match/",
            "/staff/referrals/partner/programmes/baby-steps/people/add/",
            f"/staff/referrals/partner/people/{worker}/",
            f"/staff/referrals/partner/{started}/",
            f"/staff/referrals/partner/{withdrawn}/",
            f"/staff/referrals/partner/{started}/status/",
            f"/staff/referrals/partner/{started}/support/",
            f"/staff/referrals/partner/{started}/contacts/add/",
        ]
    return ["/my/referrals/", "/my/referrals/refer-yourself/"]


@pytest.mark.parametrize(
    ("email", "who"),
    [
        ("priya@herefordshire.demo", "adviser"),
        ("hana@herefordshire.demo", "partner"),
        ("parent@herefordshire.demo", "parent"),
    ],
)
def test_every_referral_page_is_accessible_in_english_and_welsh(page, live_server, email, who):
    """The pages the journey does not walk through, each also with its form sent empty."""
    seed_demo()
    if who == "parent":
        sign_in_as_parent(page, live_server, email, axe=None)
    else:
        sign_in(page, live_server, email)
    failures = []
    for language in ("en", "cy"):
        use_language(page, live_server, language)
        for path in _pages_for(who):
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            assert page.get_attribute("html", "lang") == language
            check_accessibility(page, failures=failures)
            form = page.locator("main form[method='post']")
            # Edit forms arrive filled in: sent as they are, they save rather than fail.
            filled = "/support/" in path or "/partner/people/" in path
            if language == "en" and form.count() and not filled:
                form.locator("button[type=submit]").last.click()
                page.wait_for_load_state()
                assert page.locator(".govuk-error-summary").count() == 1, path
                check_accessibility(page, failures=failures)
    assert_no_failures(failures)
