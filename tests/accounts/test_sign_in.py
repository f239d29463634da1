"""Signing in: password, then a one-time code for staff; throttling; time-outs; cookies."""

import time

import pytest
from django.conf import settings
from django.test import Client, override_settings

from parent_charter.audit.models import AuditEvent
from tests.conftest import PASSWORD, current_code, sign_in


def test_staff_need_the_second_factor_before_any_page(client, pa, hillford_parent):
    sign_in(client, pa, second_factor=False)
    for url in ("/staff/", "/staff/parents/", f"/staff/parents/{hillford_parent.public_id}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/two-factor/"
    response = client.post("/accounts/two-factor/", {"token": current_code(pa)})
    assert response.status_code == 302
    assert client.get("/staff/parents/").status_code == 200


def test_wrong_code_is_refused_with_a_message_and_audited(client, pa):
    sign_in(client, pa, second_factor=False)
    response = client.post("/accounts/two-factor/", {"token": "000000"})
    assert response.status_code == 200
    assert "The security code is not right" in response.content.decode()
    assert AuditEvent.objects.filter(action="account.two_factor.failed", actor=pa).exists()
    assert client.get("/staff/").status_code == 302


def test_a_code_cannot_be_replayed(pa):
    code = current_code(pa)
    first = Client()
    sign_in(first, pa, second_factor=False)
    assert first.post("/accounts/two-factor/", {"token": code}).status_code == 302
    second = Client()
    sign_in(second, pa, second_factor=False)
    response = second.post("/accounts/two-factor/", {"token": code})
    assert response.status_code == 200  # refused: the same code was used already


def test_code_must_be_digits(client, pa):
    sign_in(client, pa, second_factor=False)
    response = client.post("/accounts/two-factor/", {"token": "12ab56"})
    assert "must only include numbers" in response.content.decode()


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, hillford):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from parent_charter.accounts.roles import Role
    from tests.factories import UserFactory

    user = UserFactory(council=hillford, roles=[Role.PERSONAL_ADVISER])
    response = client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/set-up/"
    page = client.get("/accounts/two-factor/set-up/")
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    from django_otp.oath import TOTP

    code = f"{TOTP(device.bin_key).token():06d}"
    response = client.post("/accounts/two-factor/set-up/", {"token": code})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


def test_demo_mode_shows_the_demo_accounts_code_only(client, pa, settings):
    from parent_charter.accounts.services import DEMO_DEVICE_NAME

    settings.PARENT_CHARTER_DEMO_MODE = True
    sign_in(client, pa, second_factor=False)
    assert b"Demo only" not in client.get("/accounts/two-factor/").content
    pa.totpdevice_set.update(name=DEMO_DEVICE_NAME)
    assert current_code(pa).encode() in client.get("/accounts/two-factor/").content


def test_wrong_password_gives_one_message_for_any_account(client, pa):
    unknown = client.post("/accounts/sign-in/", {"username": "nobody@x.example", "password": "x"})
    wrong = client.post("/accounts/sign-in/", {"username": pa.username, "password": "wrong"})
    assert unknown.status_code == wrong.status_code == 200
    message = "Enter a correct email address and password"
    assert message in unknown.content.decode() and message in wrong.content.decode()


def test_empty_form_shows_field_errors(client):
    response = client.post("/accounts/sign-in/", {"username": "", "password": ""})
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter your email address" in body and "Enter your password" in body


def test_lockout_after_five_failures_is_per_user_and_address(pa):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        attacker.post("/accounts/sign-in/", {"username": pa.username, "password": "guess"})
    locked = attacker.post("/accounts/sign-in/", {"username": pa.username, "password": PASSWORD})
    assert locked.status_code == 429
    # The real worker, from their own address, is not locked out by someone else.
    elsewhere = Client(REMOTE_ADDR="198.51.100.4")
    response = elsewhere.post("/accounts/sign-in/", {"username": pa.username, "password": PASSWORD})
    assert response.status_code == 302


def test_forged_forwarded_for_does_not_change_the_address(pa, settings):
    settings.PARENT_CHARTER_TRUSTED_PROXY_COUNT = 0
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(6):
        attacker.post(
            "/accounts/sign-in/",
            {"username": pa.username, "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    response = attacker.post("/accounts/sign-in/", {"username": pa.username, "password": PASSWORD})
    assert response.status_code == 429


def test_idle_session_times_out(client_for, pa, settings):
    client = client_for(pa)
    assert client.get("/staff/").status_code == 200
    session = client.session
    session["pc_last_seen_at"] = time.time() - settings.PARENT_CHARTER_SESSION_IDLE_SECONDS - 5
    session.save()
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-in/"


def test_last_seen_is_renewed_once_a_minute_not_on_every_request(client_for, pa):
    """A busy user's session row is not rewritten on every page; it is once the recorded time
    is a minute old, so the idle time-out still follows them."""
    client = client_for(pa)
    recent = time.time() - 10
    session = client.session
    session["pc_last_seen_at"] = recent
    session.save()
    assert client.get("/staff/").status_code == 200
    assert client.session["pc_last_seen_at"] == recent

    stale = time.time() - 61
    session = client.session
    session["pc_last_seen_at"] = stale
    session.save()
    assert client.get("/staff/").status_code == 200
    assert client.session["pc_last_seen_at"] > stale + 60


def test_absolute_session_time_out(client_for, pa, settings):
    client = client_for(pa)
    session = client.session
    session["pc_authenticated_at"] = (
        time.time() - settings.PARENT_CHARTER_SESSION_ABSOLUTE_SECONDS - 5
    )
    session.save()
    assert client.get("/staff/").status_code == 302


def test_sign_out_ends_the_session_on_the_server(client_for, pa):
    client = client_for(pa)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post("/accounts/sign-out/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = stolen
    assert thief.get("/staff/").status_code == 302


def test_disabling_an_account_ends_its_sessions(client_for, pa):
    client = client_for(pa)
    pa.is_active = False
    pa.save()
    assert client.get("/staff/").status_code == 302


def test_session_key_changes_at_sign_in(client, pa):
    client.get("/accounts/sign-in/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "planted-session-key"
    sign_in(client, pa)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != "planted-session-key"


def test_sign_in_is_audited(client, pa):
    sign_in(client, pa)
    actions = list(AuditEvent.objects.filter(actor=pa).values_list("action", flat=True))
    assert actions == ["account.signed_in", "account.two_factor.passed"]


def test_next_parameter_cannot_leave_the_site(client, pa):
    response = client.post(
        "/accounts/sign-in/?next=https://evil.example/",
        {"username": pa.username, "password": PASSWORD},
    )
    client.post("/accounts/two-factor/", {"token": current_code(pa)})
    assert "evil.example" not in response["Location"]


@override_settings(PASSWORD_HASHERS=["parent_charter.accounts.hashers.Argon2idPasswordHasher"])
@pytest.mark.django_db
def test_production_hasher_is_argon2id_with_measured_parameters():
    from django.contrib.auth.hashers import check_password, make_password

    encoded = make_password("a long passphrase for the hasher test")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("a long passphrase for the hasher test", encoded)


def test_password_rules_follow_asvs():
    from django.contrib.auth.password_validation import get_password_validators, validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("short-pass1")  # 11 characters
    validate_password("x7" * 64)  # 128 characters accepted
    names = [type(v).__name__ for v in get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)]
    assert "CommonPasswordValidator" in names
    with pytest.raises(ValidationError):
        validate_password("password1234")
