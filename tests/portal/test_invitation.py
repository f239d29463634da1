"""Inviting a parent: the adviser's page, the emailed one-time link, setting a password."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.accounts.models import User
from parent_charter.audit.models import AuditEvent
from parent_charter.portal.models import LinkPurpose, PortalAccount, PortalLink
from tests.conftest import PASSWORD
from tests.factories import ParentFactory
from tests.fake_notify import OUTBOX as notify_outbox

NEW_PASSWORD = "a walk along the river wye"


def invite_url(parent) -> str:
    return f"/staff/portal/parents/{parent.public_id}/invite/"


def emailed_link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def new_parent(hillford, pa):
    with scope(council=hillford.pk):
        return ParentFactory(
            council=hillford,
            personal_adviser=pa,
            given_name="Robin",
            family_name="Marsh",
            email="robin.marsh@example.com",
        )


@pytest.fixture
def invite(after_commit):
    def send(client, parent, email="robin.marsh@example.com"):
        with after_commit():
            return client.post(invite_url(parent), {"email": email})

    return send


def test_adviser_invites_and_the_email_is_sent_by_a_task(client_for, pa, new_parent, invite):
    client = client_for(pa)
    page = client.get(invite_url(new_parent))
    assert page.status_code == 200
    assert 'value="robin.marsh@example.com"' in page.content.decode()
    response = invite(client, new_parent)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/staff/parents/{new_parent.public_id}/#portal")
    assert len(notify_outbox) == 1
    message = notify_outbox[0]
    assert message.to == ["robin.marsh@example.com"]
    assert "Robin" not in message.body  # nothing personal beyond the address it goes to
    assert "/my/invitation/?token=" in message.body
    with scopes_disabled():
        link = PortalLink.objects.get(parent=new_parent)
        assert link.purpose == LinkPurpose.INVITATION
        assert link.token_hash and link.token_hash not in message.body
        assert link.expires_at - link.sent_at == datetime.timedelta(days=7)
        event = AuditEvent.objects.get(action="portal.invitation.sent")
    assert event.actor == pa and event.object_id == str(new_parent.public_id)
    assert "robin" not in str(event.detail).lower()


def test_the_parent_sets_a_password_and_lands_in_the_portal(client_for, pa, new_parent, invite):
    invite(client_for(pa), new_parent)
    link = path_of(emailed_link(notify_outbox[0]))
    browser = Client()
    # The secret moves into the session and leaves the address bar.
    moved = browser.get(link)
    assert moved.status_code == 302 and moved["Location"] == "/my/invitation/"
    form = browser.get("/my/invitation/")
    assert form.status_code == 200
    assert "Set up your account" in form.content.decode()
    response = browser.post(
        "/my/invitation/", {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/my/"
    user = User.objects.get(email="robin.marsh@example.com")
    assert user.has_role("parent") and user.council == new_parent.council
    assert not user.is_staff_member
    with scopes_disabled():
        account = PortalAccount.objects.get(user=user)
        assert account.parent == new_parent and account.activated_at is not None
        assert account.invited_by == pa
        assert AuditEvent.objects.filter(action="portal.invitation.accepted", actor=user).exists()
    # Signed in at once, with no security code asked of a parent.
    assert browser.get("/my/").status_code == 200
    # And the password works on the ordinary sign-in page afterwards.
    again = Client().post(
        "/accounts/sign-in/", {"username": user.username, "password": NEW_PASSWORD}
    )
    assert again.status_code == 302 and again["Location"] == "/my/"


def test_the_link_works_once(client_for, pa, new_parent, invite):
    invite(client_for(pa), new_parent)
    link = path_of(emailed_link(notify_outbox[0]))
    first = Client()
    first.get(link)
    first.post("/my/invitation/", {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    second = Client()
    second.get(link)
    page = second.get("/my/invitation/")
    assert "This link no longer works" in page.content.decode()
    response = second.post(
        "/my/invitation/", {"password": "another long passphrase", "password_again": "x"}
    )
    assert "This link no longer works" in response.content.decode()
    assert User.objects.filter(email="robin.marsh@example.com").count() == 1


def test_the_link_expires_after_seven_days(client_for, pa, new_parent, invite):
    invite(client_for(pa), new_parent)
    link = path_of(emailed_link(notify_outbox[0]))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        browser = Client()
        browser.get(link)
        page = browser.get("/my/invitation/")
        assert "This link no longer works" in page.content.decode()
        browser.post("/my/invitation/", {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert not User.objects.filter(email="robin.marsh@example.com").exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        browser = Client()
        browser.get(link)
        assert "Set up your account" in browser.get("/my/invitation/").content.decode()


def test_a_new_invitation_replaces_the_old_one(client_for, pa, new_parent, invite):
    client = client_for(pa)
    invite(client, new_parent)
    invite(client, new_parent)
    old, new = (path_of(emailed_link(m)) for m in notify_outbox)
    browser = Client()
    browser.get(old)
    assert "This link no longer works" in browser.get("/my/invitation/").content.decode()
    browser.get(new)
    assert "Set up your account" in browser.get("/my/invitation/").content.decode()


def test_a_made_up_or_missing_secret_opens_nothing(client, db):
    client.get("/my/invitation/?token=not-a-real-secret")
    assert "This link no longer works" in client.get("/my/invitation/").content.decode()
    assert "This link no longer works" in Client().get("/my/invitation/").content.decode()


def test_weak_or_mismatched_passwords_are_refused_next_to_the_field(
    client_for, pa, new_parent, invite
):
    invite(client_for(pa), new_parent)
    browser = Client()
    browser.get(path_of(emailed_link(notify_outbox[0])))
    short = browser.post("/my/invitation/", {"password": "short", "password_again": "short"})
    body = short.content.decode()
    assert short.status_code == 200
    assert "govuk-error-summary" in body and 'href="#id_password"' in body
    assert "at least 12 characters" in body
    common = browser.post(
        "/my/invitation/", {"password": "password1234", "password_again": "password1234"}
    )
    assert "too common" in common.content.decode()
    mismatch = browser.post(
        "/my/invitation/", {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD + "!"}
    )
    assert "The passwords do not match" in mismatch.content.decode()
    assert not User.objects.filter(email="robin.marsh@example.com").exists()


def test_an_address_used_by_another_account_is_refused(client_for, pa, new_parent, invite):
    response = invite(client_for(pa), new_parent, email=pa.email)
    assert response.status_code == 200
    assert "already used by another account" in response.content.decode()
    assert not notify_outbox


def test_bad_email_is_refused_next_to_the_field(client_for, pa, new_parent, invite):
    response = invite(client_for(pa), new_parent, email="not an email")
    assert "Enter an email address in the correct format" in response.content.decode()
    assert not notify_outbox


def test_switching_off_ends_the_parents_sessions_and_links(
    client_for, pa, parent_user, hillford_parent, invite
):
    parent_client = client_for(parent_user)
    assert parent_client.get("/my/").status_code == 200
    client = client_for(pa)
    assert (
        client.get(f"/staff/portal/parents/{hillford_parent.public_id}/switch-off/").status_code
        == 200
    )
    response = client.post(f"/staff/portal/parents/{hillford_parent.public_id}/switch-off/")
    assert response.status_code == 302
    assert parent_client.get("/my/").status_code == 302  # signed out
    refused = Client().post(
        "/accounts/sign-in/", {"username": parent_user.username, "password": PASSWORD}
    )
    assert refused.status_code == 200
    with scopes_disabled():
        assert PortalAccount.objects.get(parent=hillford_parent).disabled_at is not None
        assert AuditEvent.objects.filter(action="portal.account.disabled", actor=pa).exists()
    # Invited again, the same account comes back with the new password.
    invite(client, hillford_parent, email=parent_user.email)
    browser = Client()
    browser.get(path_of(emailed_link(notify_outbox[-1])))
    browser.post("/my/invitation/", {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert browser.get("/my/").status_code == 200
    parent_user.refresh_from_db()
    assert parent_user.is_active
    with scopes_disabled():
        assert PortalAccount.objects.get(parent=hillford_parent).disabled_at is None


def test_portal_section_on_the_parents_page(
    client_for, pa, assessor, new_parent, parent_user, hillford_parent, invite
):
    body = client_for(pa).get(f"/staff/parents/{new_parent.public_id}/").content.decode()
    assert "Portal account" in body and "Not invited" in body
    assert "Invite to the portal" in body
    invite(client_for(pa), new_parent)
    body = client_for(pa).get(f"/staff/parents/{new_parent.public_id}/").content.decode()
    assert "Invited: waiting for the parent" in body and "Send a new invitation" in body
    body = client_for(pa).get(f"/staff/parents/{hillford_parent.public_id}/").content.decode()
    assert "Active" in body and parent_user.email in body
    # A social worker reads the section but has no buttons.
    body = client_for(assessor).get(f"/staff/parents/{hillford_parent.public_id}/").content.decode()
    assert "Portal account" in body and "Switch off portal sign-in" not in body


def test_cancelling_an_invitation_stops_its_link(client_for, pa, new_parent, invite):
    invite(client_for(pa), new_parent)
    page = client_for(pa).get(f"/staff/portal/parents/{new_parent.public_id}/switch-off/")
    assert "Cancel the invitation" in page.content.decode()
    response = client_for(pa).post(f"/staff/portal/parents/{new_parent.public_id}/switch-off/")
    assert response.status_code == 302
    browser = Client()
    browser.get(path_of(emailed_link(notify_outbox[0])))
    assert "This link no longer works" in browser.get("/my/invitation/").content.decode()
