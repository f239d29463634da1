"""A parent's way in: password (no security code), a one-time email link, recovering the
account; the same answer whether or not an account exists; landing in the portal in Welsh."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.portal.models import LinkPurpose, PortalLink
from tests.conftest import PASSWORD
from tests.fake_notify import OUTBOX as notify_outbox

NEW_PASSWORD = "a walk along the river wye"


def emailed_path(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def ask(after_commit):
    """Ask for a link on `page` ("sign-in/email" or "recover"); returns the response."""

    def send(page, email, client=None):
        with after_commit():
            return (client or Client()).post(f"/my/{page}/", {"email": email})

    return send


# --- Password -------------------------------------------------------------------------------


def test_a_parent_signs_in_with_a_password_and_no_security_code(client, parent_user):
    response = client.post(
        "/accounts/sign-in/", {"username": parent_user.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/my/"
    assert client.get("/my/").status_code == 200
    assert client.get("/accounts/two-factor/").status_code in {200, 302}
    actions = list(AuditEvent.objects.filter(actor=parent_user).values_list("action", flat=True))
    assert actions[0] == "account.signed_in"


def test_a_parent_sent_to_sign_in_from_a_portal_page_returns_there(client, parent_user):
    response = client.post(
        "/accounts/sign-in/?next=/my/plan/",
        {"username": parent_user.username, "password": PASSWORD},
    )
    assert response["Location"] == "/my/plan/"
    # A staff page is never a parent's landing place.
    response = Client().post(
        "/accounts/sign-in/?next=/staff/parents/",
        {"username": parent_user.username, "password": PASSWORD},
    )
    assert response["Location"] == "/my/"


def test_staff_still_pass_two_factor_and_land_on_their_start_page(client, pa):
    response = client.post("/accounts/sign-in/", {"username": pa.username, "password": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/"
    assert client.get("/my/").status_code == 302  # not past the second step yet


def test_a_parent_who_prefers_welsh_gets_welsh_at_sign_in(client, parent_user, hillford_parent):
    with scope(council=hillford_parent.council_id):
        hillford_parent.preferred_language = "cy"
        hillford_parent.save()
    response = client.post(
        "/accounts/sign-in/", {"username": parent_user.username, "password": PASSWORD}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    page = client.get("/my/")
    assert '<html lang="cy"' in page.content.decode()
    assert "Eich cynghorydd personol" in page.content.decode()


def test_a_language_chosen_with_the_switch_wins(client, parent_user, hillford_parent):
    with scope(council=hillford_parent.council_id):
        hillford_parent.preferred_language = "cy"
        hillford_parent.save()
    client.post("/i18n/set-language/", {"language": "en", "next": "/accounts/sign-in/"})
    response = client.post(
        "/accounts/sign-in/", {"username": parent_user.username, "password": PASSWORD}
    )
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="en"' in client.get("/my/").content.decode()


# --- Email link ------------------------------------------------------------------------------


def test_sign_in_by_email_link(parent_user, ask):
    response = ask("sign-in/email", parent_user.email.upper())
    assert response.status_code == 302 and response["Location"] == "/my/sign-in/email/sent/"
    assert len(notify_outbox) == 1 and notify_outbox[0].to == [parent_user.email]
    browser = Client()
    moved = browser.get(emailed_path(notify_outbox[0]))
    assert moved["Location"] == "/my/sign-in/link/"
    # Opening the link does not use it up (mail scanners open links): the button does.
    page = browser.get("/my/sign-in/link/")
    assert "Your link is ready" in page.content.decode()
    assert browser.get("/my/sign-in/link/").status_code == 200
    response = browser.post("/my/sign-in/link/")
    assert response.status_code == 302 and response["Location"] == "/my/"
    assert browser.get("/my/").status_code == 200
    event = AuditEvent.objects.filter(action="account.signed_in", actor=parent_user).last()
    assert event.detail == {"method": "email_link"}


def test_an_email_link_works_once(parent_user, ask):
    ask("sign-in/email", parent_user.email)
    path = emailed_path(notify_outbox[0])
    first = Client()
    first.get(path)
    first.post("/my/sign-in/link/")
    second = Client()
    second.get(path)
    response = second.post("/my/sign-in/link/")
    assert "This link no longer works" in response.content.decode()
    assert second.get("/my/").status_code == 302


def test_an_email_link_expires_after_fifteen_minutes(parent_user, ask):
    ask("sign-in/email", parent_user.email)
    path = emailed_path(notify_outbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        browser = Client()
        browser.get(path)
        assert "This link no longer works" in browser.post("/my/sign-in/link/").content.decode()
        assert browser.get("/my/").status_code == 302
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=14)):
        browser = Client()
        browser.get(path)
        assert browser.post("/my/sign-in/link/")["Location"] == "/my/"


def test_the_page_says_the_same_whether_or_not_the_account_exists(parent_user, pa, ask):
    answers = []
    for email in (parent_user.email, "nobody@nowhere.example", pa.email):
        response = ask("sign-in/email", email)
        answers.append(response["Location"])
    assert len(set(answers)) == 1
    sent = Client().get(answers[0]).content.decode()
    assert "If there is a parent account with that email address" in sent
    # Only the parent was sent anything: staff cannot sign in by email link.
    assert [m.to for m in notify_outbox] == [[parent_user.email]]


def test_a_switched_off_account_gets_no_link(parent_user, ask):
    parent_user.is_active = False
    parent_user.save()
    ask("sign-in/email", parent_user.email)
    assert not notify_outbox


def test_links_are_limited_per_account(parent_user, ask):
    for _attempt in range(5):
        ask("sign-in/email", parent_user.email)
    assert len(notify_outbox) == 3
    # Requests over the limit write nothing, not even an audit row (issue 14, item 10).
    assert not AuditEvent.objects.filter(action="portal.sign_in.throttled").exists()
    assert AuditEvent.objects.filter(action="portal.sign_in.requested").count() == 3
    # A newer link replaces the older ones.
    browser = Client()
    browser.get(emailed_path(notify_outbox[0]))
    assert "This link no longer works" in browser.get("/my/sign-in/link/").content.decode()


def test_a_locked_out_address_gets_no_link(parent_user, ask):
    for _attempt in range(5):
        Client().post("/accounts/sign-in/", {"username": parent_user.email, "password": "wrong"})
    response = ask("sign-in/email", parent_user.email)
    assert response["Location"] == "/my/sign-in/email/sent/"
    assert not notify_outbox


def test_an_empty_or_bad_address_gets_a_message_by_the_field(client, db):
    response = client.post("/my/sign-in/email/", {"email": ""})
    assert response.status_code == 200
    assert "Enter an email address" in response.content.decode()
    response = client.post("/my/recover/", {"email": "jamie at home"})
    assert "Enter an email address in the correct format" in response.content.decode()


# --- Recovering the account ------------------------------------------------------------------


def test_recovery_sets_a_new_password(parent_user, ask):
    response = ask("recover", parent_user.email)
    assert response["Location"] == "/my/recover/sent/"
    browser = Client()
    browser.get(emailed_path(notify_outbox[0]))
    assert "Choose a new password" in browser.get("/my/recover/new-password/").content.decode()
    response = browser.post(
        "/my/recover/new-password/", {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    )
    assert response["Location"] == "/accounts/sign-in/"
    signed_in = Client().post(
        "/accounts/sign-in/", {"username": parent_user.username, "password": NEW_PASSWORD}
    )
    assert signed_in["Location"] == "/my/"
    old = Client().post(
        "/accounts/sign-in/", {"username": parent_user.username, "password": PASSWORD}
    )
    assert old.status_code == 200
    assert AuditEvent.objects.filter(action="account.password_reset", actor=parent_user).exists()
    # Used once only.
    again = Client()
    again.get(emailed_path(notify_outbox[0]))
    assert "This link no longer works" in again.get("/my/recover/new-password/").content.decode()


def test_recovery_link_expires_after_an_hour(parent_user, ask):
    ask("recover", parent_user.email)
    path = emailed_path(notify_outbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        browser = Client()
        browser.get(path)
        response = browser.post(
            "/my/recover/new-password/",
            {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
        )
        assert "This link no longer works" in response.content.decode()


def test_recovery_does_not_disclose_accounts_or_help_staff(parent_user, pa, ask):
    locations = {ask("recover", email)["Location"] for email in ("x@y.example", pa.email)}
    assert locations == {"/my/recover/sent/"}
    assert not notify_outbox


def test_a_sign_in_link_cannot_reset_a_password(parent_user, ask):
    ask("sign-in/email", parent_user.email)
    browser = Client()
    token = re.search(r"token=(\S+)", notify_outbox[0].body).group(1)
    browser.get(f"/my/recover/new-password/?token={token}")
    assert "This link no longer works" in browser.get("/my/recover/new-password/").content.decode()


def test_links_store_only_a_hash(parent_user, ask):
    ask("sign-in/email", parent_user.email)
    token = re.search(r"token=(\S+)", notify_outbox[0].body).group(1)
    with scopes_disabled():
        link = PortalLink.objects.get(purpose=LinkPurpose.SIGN_IN)
    assert token not in (link.token_hash or "") and len(link.token_hash) == 64


# --- A parent and the staff pages --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/staff/",
        "/staff/parents/",
        "/staff/caseload/",
        "/staff/portal/challenges/",
        "/staff/portal/settings/",
        "/staff/notifications/",
    ],
)
def test_a_parent_gets_403_on_staff_pages(parent_client, url):
    assert parent_client.get(url).status_code == 403


def test_a_parent_gets_403_on_their_own_staff_record(parent_client, hillford_parent, item):
    for url in (
        f"/staff/parents/{hillford_parent.public_id}/",
        f"/staff/plans/{hillford_parent.public_id}/",
        f"/staff/plans/items/{item.public_id}/",
        f"/staff/portal/parents/{hillford_parent.public_id}/invite/",
    ):
        assert parent_client.get(url).status_code == 403, url
