"""What a first-time user of the demo hit: a shown code refused on a second sign-in, emails
printed MIME-encoded, a traceback for every 403, and /favicon.ico missing."""

import io
import logging

from django.core.mail import EmailMultiAlternatives
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from parent_charter.accounts.services import DEMO_DEVICE_NAME
from parent_charter.core.mail_backends import DecodedConsoleEmailBackend
from tests.conftest import PASSWORD, current_code


def _password_step(user) -> Client:
    client = Client()
    response = client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response["Location"] == "/accounts/two-factor/"
    return client


@override_settings(PARENT_CHARTER_DEMO_MODE=True)
def test_the_shown_demo_code_works_on_a_second_sign_in_within_30_seconds(pa):
    TOTPDevice.objects.filter(user=pa).update(name=DEMO_DEVICE_NAME)
    for _attempt in range(2):
        client = _password_step(pa)
        page = client.get("/accounts/two-factor/").content.decode()
        code = current_code(pa)
        assert f"current code is {code}" in page
        response = client.post("/accounts/two-factor/", {"token": code})
        assert response.status_code == 302, "the code the page showed was refused"


@override_settings(PARENT_CHARTER_DEMO_MODE=True)
def test_the_demo_code_is_made_usable_once_per_sign_in_not_on_every_reload(pa):
    TOTPDevice.objects.filter(user=pa).update(name=DEMO_DEVICE_NAME)
    waiting = _password_step(pa)
    waiting.get("/accounts/two-factor/")
    code = current_code(pa)
    other = _password_step(pa)
    other.get("/accounts/two-factor/")
    assert other.post("/accounts/two-factor/", {"token": code}).status_code == 302
    # The first sign-in reloads its page: the code another sign-in used stays used.
    waiting.get("/accounts/two-factor/")
    assert waiting.post("/accounts/two-factor/", {"token": code}).status_code == 200


def test_outside_demo_mode_a_used_code_stays_refused(pa):
    TOTPDevice.objects.filter(user=pa).update(name=DEMO_DEVICE_NAME)
    code = current_code(pa)
    first = _password_step(pa)
    assert first.post("/accounts/two-factor/", {"token": code}).status_code == 302
    second = _password_step(pa)
    second.get("/accounts/two-factor/")
    assert second.post("/accounts/two-factor/", {"token": code}).status_code == 200


def test_console_emails_are_printed_decoded_so_links_can_be_copied():
    link = "https://parent-charter.example/my/sign-in/?token=" + "Ab3_-" * 20
    message = EmailMultiAlternatives(
        subject="Mewngofnodi i Siarter Rhieni – sign in",
        body=f"Helô Siân,\n\nUse this link to sign in:\n{link}\n",
        from_email="no-reply@parent-charter.example",
        to=["parent@example.com"],
    )
    message.attach_alternative(f'<p><a href="{link}">Sign in</a></p>', "text/html")
    stream = io.StringIO()
    DecodedConsoleEmailBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert link in printed.splitlines()
    assert "Helô Siân," in printed
    assert "Subject: Mewngofnodi i Siarter Rhieni – sign in" in printed
    assert "=?utf-8?" not in printed and "=\n" not in printed
    assert "[Not shown: text/html]" in printed


@override_settings(DEBUG=True)
def test_a_403_logs_one_line_without_a_traceback(client_for, analyst, hillford_parent):
    """Every handler that prints the request log: ours, and Django's own in development."""
    handlers = [
        handler
        for name in ("", "django", "django.request")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, logging.StreamHandler)
    ]
    assert handlers
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    try:
        response = client_for(analyst).get(f"/staff/parents/{hillford_parent.public_id}/")
    finally:
        for handler, old in zip(handlers, previous, strict=True):
            handler.setStream(old)
    assert response.status_code == 403
    logged = stream.getvalue()
    assert "Forbidden (Permission denied)" in logged
    assert "Traceback" not in logged and "PermissionDenied" not in logged


def test_other_errors_keep_their_traceback():
    from parent_charter.core.logging import NoTracebackForForbidden

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), sys.exc_info())
    record.status_code = 500
    assert NoTracebackForForbidden().filter(record) and record.exc_info is not None


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"


def test_the_demo_prints_emails_with_the_decoding_backend():
    from parent_charter.settings import dev

    backend = dev.MAILERS["default"]["BACKEND"]
    assert backend == "parent_charter.core.mail_backends.DecodedConsoleEmailBackend"
