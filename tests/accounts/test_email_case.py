"""Email addresses are the same whatever their case: signing in (staff and parents, password,
email link and recovery), invitations, stored values and lockouts; email inputs do not let a
phone capitalise them (the ways in here; every other page in test_email_inputs.py)."""

import re
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from parent_charter.accounts.emails import normalise_email
from parent_charter.accounts.models import User
from parent_charter.portal.models import PortalLink
from tests.conftest import PASSWORD, current_code
from tests.factories import ParentFactory, UserFactory
from tests.fake_notify import OUTBOX as notify_outbox

NEW_PASSWORD = "a walk along the river wye"


def shouted(address: str) -> str:
    """How a phone might send it: first letter capitalised, the domain in capitals."""
    local, domain = address.split("@")
    return f"{local[:1].upper()}{local[1:]}@{domain.upper()}"


def test_staff_sign_in_in_any_case(client, pa):
    response = client.post(
        "/accounts/sign-in/", {"username": shouted(pa.username), "password": PASSWORD}
    )
    assert response.status_code == 302 and "two-factor" in response["Location"]
    response = client.post("/accounts/two-factor/", {"token": current_code(pa)})
    assert response.status_code == 302


def test_a_parent_signs_in_with_a_password_in_any_case(client, parent_user):
    response = client.post(
        "/accounts/sign-in/", {"username": shouted(parent_user.username), "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/my/"


def test_a_stored_address_in_capitals_still_signs_in(client, parent_user):
    """An account stored before addresses were lower-cased is found too."""
    User.objects.filter(pk=parent_user.pk).update(username="Jamie@Parent.Example")
    response = client.post(
        "/accounts/sign-in/", {"username": "jamie@parent.example", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/my/"


@pytest.mark.parametrize("page", ["sign-in/email", "recover"])
def test_email_links_and_recovery_in_any_case(
    parent_user, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(f"/my/{page}/", {"email": shouted(parent_user.email)})
    assert len(notify_outbox) == 1 and notify_outbox[0].to == [parent_user.email]


def test_an_invitation_in_capitals_is_stored_and_used_lower_cased(
    client_for, pa, hillford, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        parent = ParentFactory(council=hillford, personal_adviser=pa)
    url = reverse("portal_staff:invite", kwargs={"parent_id": parent.public_id})
    with django_capture_on_commit_callbacks(execute=True):
        client_for(pa).post(url, {"email": "Robin.Marsh@Example.COM"})
    with scopes_disabled():
        link = PortalLink.objects.get(parent=parent)
    assert link.email == "robin.marsh@example.com"
    assert notify_outbox[0].to == ["robin.marsh@example.com"]
    path = re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", notify_outbox[0].body)[0])
    browser = Client()
    browser.get(path)
    browser.post("/my/invitation/", {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    user = User.objects.get(email="robin.marsh@example.com")
    assert user.username == "robin.marsh@example.com"
    again = Client().post(
        "/accounts/sign-in/", {"username": "ROBIN.MARSH@example.com", "password": NEW_PASSWORD}
    )
    assert again.status_code == 302 and again["Location"] == "/my/"


def test_an_invitation_to_an_address_in_use_in_another_case_is_refused(
    client_for, pa, hillford, parent_user
):
    with scopes_disabled():
        parent = ParentFactory(council=hillford, personal_adviser=pa)
    url = reverse("portal_staff:invite", kwargs={"parent_id": parent.public_id})
    response = client_for(pa).post(url, {"email": shouted(parent_user.email)})
    assert response.status_code in {200, 409}
    with scopes_disabled():
        assert not PortalLink.objects.filter(parent=parent).exists()


def test_stored_addresses_are_lower_cased(hillford):
    user = UserFactory(username="Sam.Case@Hillford.Example", council=hillford)
    user.refresh_from_db()
    assert user.username == user.email == "sam.case@hillford.example"


def test_two_accounts_cannot_differ_only_in_case(hillford):
    UserFactory(username="one@hillford.example", council=hillford)
    other = UserFactory(username="two@hillford.example", council=hillford)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=other.pk).update(email="ONE@hillford.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=other.pk).update(username="One@Hillford.example")


def test_the_parents_record_keeps_its_address_lower_cased(client_for, pa, hillford_parent):
    from parent_charter.parents.forms import ParentForm

    field = ParentForm.base_fields["email"]
    assert field.clean("Jamie.Rivers@Example.COM") == "jamie.rivers@example.com"


def test_changing_case_does_not_get_round_a_lockout(parent_user):
    for attempt in range(5):
        address = parent_user.email if attempt % 2 else shouted(parent_user.email)
        Client().post("/accounts/sign-in/", {"username": address, "password": "wrong"})
    for address in (parent_user.email, shouted(parent_user.email), parent_user.email.upper()):
        response = Client().post("/accounts/sign-in/", {"username": address, "password": PASSWORD})
        assert response.status_code == 429, address


def test_normalise_email():
    assert normalise_email("  Parent@Example.COM ") == "parent@example.com"
    assert normalise_email(None) == ""


# --- Phones must not capitalise an address --------------------------------------------------


class EmailInputs(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.inputs = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and (
            attrs.get("type") == "email" or attrs.get("autocomplete") in {"email", "username"}
        ):
            self.inputs.append(attrs)


PUBLIC_FORMS = ["/accounts/sign-in/", "/my/sign-in/email/", "/my/recover/"]


@pytest.mark.parametrize("url", PUBLIC_FORMS)
def test_the_ways_in_have_capitalisation_off(client, db, url):
    inputs = EmailInputs(client.get(url).content.decode()).inputs
    assert inputs, url
    for attrs in inputs:
        assert attrs.get("autocapitalize") == "none", (url, attrs)
        assert attrs.get("spellcheck") == "false", (url, attrs)
