"""Notify's delivery receipts: only with the bearer token, each change audited."""

import json
import uuid

import pytest
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.messaging import services
from parent_charter.messaging.models import OutboundMessage, Status
from tests.fake_notify import CALLBACK_TOKEN, OUTBOX

URL = "/notify/delivery-status/"


@pytest.fixture
def sent_message(reachable_parent, sent_now):
    with sent_now(), scope(council=reachable_parent.council_id):
        message = services.queue(parent=reachable_parent, kind="notice")
    with scopes_disabled():
        message.refresh_from_db()
    assert message.status == Status.SENDING
    return message


def _receipt(client, message_or_id, status, token=CALLBACK_TOKEN):
    notify_id = getattr(message_or_id, "notify_id", message_or_id)
    body = {
        "id": str(notify_id),
        "reference": "",
        "to": OUTBOX[0].address if OUTBOX else "",
        "status": status,
        "created_at": "2026-12-07T10:00:00.000000Z",
        "completed_at": "2026-12-07T10:00:05.000000Z",
        "sent_at": "2026-12-07T10:00:01.000000Z",
        "notification_type": "sms",
        "template_id": str(uuid.uuid4()),
        "template_version": 1,
    }
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def _status(message) -> str:
    with scopes_disabled():
        return OutboundMessage.objects.get(pk=message.pk).status


def test_a_receipt_with_the_token_updates_the_status_and_is_audited(client, sent_message):
    response = _receipt(client, sent_message, "delivered")
    assert response.status_code == 200 and response.json() == {"updated": True}
    assert _status(sent_message) == Status.DELIVERED
    with scopes_disabled():
        event = AuditEvent.objects.get(action="message.status_received")
    assert event.detail == {"kind": "notice", "status": "delivered"}
    assert event.object_id == str(sent_message.public_id)
    assert event.council_id == sent_message.council_id


@pytest.mark.parametrize("token", [None, "", "wrong-token", CALLBACK_TOKEN + "x"])
def test_a_receipt_without_the_right_token_is_refused(client, sent_message, token):
    response = _receipt(client, sent_message, "delivered", token=token)
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorised"
    assert _status(sent_message) == Status.SENDING
    with scopes_disabled():
        assert not AuditEvent.objects.filter(action="message.status_received").exists()


def test_with_no_token_configured_every_receipt_is_refused(client, sent_message, settings):
    settings.PARENT_CHARTER_NOTIFY = {**settings.PARENT_CHARTER_NOTIFY, "CALLBACK_TOKEN": ""}
    assert _receipt(client, sent_message, "delivered", token="").status_code == 401


def test_a_failure_receipt_shows_the_adviser(client, client_for, pa, sent_message):
    _receipt(client, sent_message, "permanent-failure")
    assert _status(sent_message) == Status.PERMANENT_FAILURE
    page = client_for(pa).get(f"/staff/parents/{sent_message.parent.public_id}/")
    text = page.content.decode()
    assert "A message could not be delivered" in text
    assert "the address or number is wrong" in text


def test_an_international_text_handed_on_is_still_on_its_way(client, sent_message):
    response = _receipt(client, sent_message, "sent")
    assert response.status_code == 200 and response.json() == {"updated": False}
    assert _status(sent_message) == Status.SENDING


def test_a_late_receipt_does_not_undo_a_final_status(client, sent_message):
    _receipt(client, sent_message, "delivered")
    response = _receipt(client, sent_message, "sending")
    assert response.json() == {"updated": False}
    assert _status(sent_message) == Status.DELIVERED


def test_bad_receipts_get_a_useful_json_error(client, sent_message):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {CALLBACK_TOKEN}"}
    not_json = client.post(URL, "nonsense", content_type="application/json", **headers)
    assert not_json.status_code == 400 and "id and status" in not_json.json()["message"]
    assert _receipt(client, sent_message, "exploded").status_code == 400
    unknown = _receipt(client, uuid.uuid4(), "delivered")
    assert unknown.status_code == 404 and unknown.json()["error"] == "not_found"
    assert client.get(URL, **headers).status_code == 405
