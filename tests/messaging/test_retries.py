"""Failures are tried again by the worker, waiting longer each time; after the last attempt the
message is failed and the adviser sees it on the parent's page."""

import datetime

import time_machine
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.messaging import sending, services
from parent_charter.messaging.models import OutboundMessage, Status
from parent_charter.messaging.tasks import send_council_messages
from tests.fake_notify import OUTBOX


def _message(pk) -> OutboundMessage:
    with scopes_disabled():
        return OutboundMessage.objects.get(pk=pk)


def _queue(parent, sent_now, kind="notice"):
    with sent_now(), scope(council=parent.council_id):
        return services.queue(parent=parent, kind=kind)


def test_a_busy_notify_is_tried_again_later_and_the_message_goes(
    reachable_parent, sent_now, notify_server
):
    notify_server.fail_next(500, times=2)
    start = timezone.now()
    message = _queue(reachable_parent, sent_now)
    first = _message(message.pk)
    assert first.status == Status.CREATED and first.attempts == 1
    assert first.last_error == "500 HTTPError" and not OUTBOX
    assert first.next_attempt_at - start >= datetime.timedelta(minutes=5)
    # Before its time the periodic run leaves it alone.
    send_council_messages.call(reachable_parent.council_id)
    assert _message(message.pk).attempts == 1
    with time_machine.travel(first.next_attempt_at + datetime.timedelta(seconds=1)):
        send_council_messages.call(reachable_parent.council_id)
    second = _message(message.pk)
    assert second.attempts == 2 and second.status == Status.CREATED
    # It waits longer after the second failure than after the first.
    gap = second.next_attempt_at - (first.next_attempt_at + datetime.timedelta(seconds=1))
    assert gap > first.next_attempt_at - start
    with time_machine.travel(second.next_attempt_at + datetime.timedelta(seconds=1)):
        send_council_messages.call(reachable_parent.council_id)
    sent = _message(message.pk)
    assert sent.status == Status.SENDING and sent.attempts == 3 and sent.last_error == ""
    assert [s.reference for s in OUTBOX] == [str(message.public_id)]
    with scopes_disabled():
        failures = AuditEvent.objects.filter(action="message.send_failed")
        assert failures.count() == 2 and all(e.detail["retry"] for e in failures)


def test_after_the_last_attempt_the_adviser_sees_the_failure(
    reachable_parent, sent_now, notify_server, client_for, pa
):
    notify_server.fail_next(503, times=sending.max_attempts())
    message = _queue(reachable_parent, sent_now)
    for _ in range(sending.max_attempts() - 1):
        waiting = _message(message.pk)
        with time_machine.travel(waiting.next_attempt_at + datetime.timedelta(seconds=1)):
            send_council_messages.call(reachable_parent.council_id)
    failed = _message(message.pk)
    assert failed.status == Status.TECHNICAL_FAILURE
    assert failed.attempts == sending.max_attempts() and failed.failed_at is not None
    assert failed.next_attempt_at is None and not OUTBOX
    # Nothing more is tried.
    with time_machine.travel(failed.failed_at + datetime.timedelta(days=3)):
        send_council_messages.call(reachable_parent.council_id)
    assert notify_server.requests == sending.max_attempts()
    page = client_for(pa).get(f"/staff/parents/{reachable_parent.public_id}/")
    text = page.content.decode()
    assert "A message could not be delivered. Tell the parent another way" in text
    assert f"after {sending.max_attempts()} attempts" in text
    assert "Not sent: a technical problem" in text
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            action="message.failed", object_id=str(message.public_id)
        ).exists()


def test_a_refusal_that_will_not_change_is_not_tried_again(
    reachable_parent, sent_now, notify_server
):
    notify_server.fail_next(400)
    message = _queue(reachable_parent, sent_now)
    failed = _message(message.pk)
    assert failed.status == Status.PERMANENT_FAILURE and failed.attempts == 1
    assert failed.failed_at is not None and failed.next_attempt_at is None
    assert failed.last_error == "400 HTTPError"


def test_a_missing_template_id_fails_without_calling_notify(
    reachable_parent, sent_now, notify_server, settings
):
    settings.PARENT_CHARTER_NOTIFY = {**settings.PARENT_CHARTER_NOTIFY, "TEMPLATES": {}}
    message = _queue(reachable_parent, sent_now)
    failed = _message(message.pk)
    assert failed.status == Status.TECHNICAL_FAILURE and failed.last_error == "no template"
    assert notify_server.requests == 0


def test_a_link_refused_by_notify_gets_a_new_secret_on_the_next_attempt(
    client_for, pa, hillford_parent, notify_server, django_capture_on_commit_callbacks
):
    from parent_charter.portal.models import PortalLink

    notify_server.fail_next(500)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(pa).post(
            f"/staff/portal/parents/{hillford_parent.public_id}/invite/",
            {"email": "jamie.new@example.com"},
        )
    with scopes_disabled():
        link = PortalLink.objects.get(parent=hillford_parent)
        message = OutboundMessage.objects.get(parent=hillford_parent)
    # The refused attempt's secret was rolled back with it: nothing usable is stored.
    assert link.token_hash is None and link.sent_at is None
    assert message.status == Status.CREATED and message.attempts == 1
    with time_machine.travel(message.next_attempt_at + datetime.timedelta(seconds=1)):
        send_council_messages.call(hillford_parent.council_id)
    with scopes_disabled():
        link.refresh_from_db()
    [sent] = OUTBOX
    assert sent.kind == "invitation" and sent.to == ["jamie.new@example.com"]
    assert link.token_hash and "/my/invitation/?token=" in sent.personalisation["link"]
    assert "link" not in _message(message.pk).personalisation
