"""Item 10 of issue 14: anonymous visitors cannot fill the audit trail by asking for links, and
the pages asking for one do the same work whether or not the address has an account."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.messaging.models import OutboundMessage
from parent_charter.portal import services
from parent_charter.portal import tasks as portal_tasks
from parent_charter.portal.links import IP_THROTTLE_COUNT, THROTTLE_COUNT
from parent_charter.portal.models import LinkPurpose, LinkRequest
from parent_charter.portal.tasks import handle_link_request
from tests.fake_notify import OUTBOX as notify_outbox

PAGES = ["sign-in/email", "recover"]


def _post(page, email, ip):
    return Client(REMOTE_ADDR=ip).post(f"/my/{page}/", {"email": email})


def _audit_rows() -> int:
    with scopes_disabled():
        return AuditEvent.objects.count()


@pytest.mark.parametrize("page", PAGES)
def test_one_address_asked_for_from_many_places_is_limited(page, parent_user, after_commit):
    before = _audit_rows()
    with after_commit():
        for attempt in range(30):
            response = _post(page, parent_user.email, f"192.0.2.{attempt + 1}")
            assert response.status_code == 302
    assert LinkRequest.objects.count() == THROTTLE_COUNT
    # Each request taken made a link that replaced the one before; the worker reached the
    # messages after all three, so it sent the newest link only and cancelled the others.
    with scopes_disabled():
        statuses = sorted(OutboundMessage.objects.values_list("status", flat=True))
    assert statuses == ["cancelled"] * (THROTTLE_COUNT - 1) + ["sending"]
    assert len(notify_outbox) == 1
    # Each link taken is audited three times (requested, message queued, sent or cancelled);
    # the 27 refused requests wrote nothing.
    assert _audit_rows() - before == 3 * THROTTLE_COUNT


@pytest.mark.parametrize("page", PAGES)
def test_one_place_asking_for_many_addresses_is_limited(page, parent_user, after_commit):
    before = _audit_rows()
    with after_commit():
        for attempt in range(30):
            _post(page, f"nobody{attempt}@nowhere.example", "198.51.100.7")
        _post(page, parent_user.email, "198.51.100.7")  # over this place's limit too
    assert LinkRequest.objects.count() == IP_THROTTLE_COUNT
    assert _audit_rows() == before and not notify_outbox
    with after_commit():
        _post(page, parent_user.email, "203.0.113.9")  # the parent, from their own phone
    assert [m.to for m in notify_outbox] == [[parent_user.email]]


def test_the_limit_does_not_depend_on_how_the_address_is_written(parent_user, after_commit):
    with after_commit():
        for attempt in range(5):
            _post("sign-in/email", parent_user.email.upper(), f"192.0.2.{attempt + 1}")
            _post("sign-in/email", f" {parent_user.email} ", f"192.0.2.{attempt + 100}")
    assert LinkRequest.objects.count() == THROTTLE_COUNT


def _normalised(queries) -> list[str]:
    """The statements run, with the values in them taken out."""
    shapes = []
    for query in queries:
        sql = re.sub(r"'[^']*'", "?", query["sql"])
        sql = re.sub(r'"s\d+_x\d+"', "savepoint", sql)
        sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
        shapes.append(sql)
    return shapes


@pytest.mark.parametrize("page", PAGES)
def test_a_real_and_an_unknown_address_do_the_same_work(
    page, parent_user, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []

    class Queue:
        """The task, as the request sees it: queued, not run (the worker runs it later)."""

        name = handle_link_request.name

        def enqueue(self, *args):
            enqueued.append(self.name)

    monkeypatch.setattr(portal_tasks, "handle_link_request", Queue())
    work = {}
    for email, ip in ((parent_user.email, "192.0.2.1"), ("nobody@nowhere.example", "192.0.2.2")):
        client = Client(REMOTE_ADDR=ip)
        client.get(f"/my/{page}/")  # the session and the form, as a person would
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True) as callbacks,
        ):
            response = client.post(f"/my/{page}/", {"email": email})
        work[email] = (response.status_code, response["Location"], _normalised(queries))
        assert len(callbacks) == 1
    real, unknown = work.values()
    assert real == unknown
    assert enqueued == [handle_link_request.name] * 2
    # Nothing was sent yet: the worker finds out whether there is an account.
    assert not notify_outbox


def test_the_worker_forgets_the_address_and_old_requests(parent_user, after_commit):
    old = LinkRequest.objects.create(
        purpose=LinkPurpose.SIGN_IN,
        email="",
        email_key="0" * 64,
        requested_at=timezone.now() - datetime.timedelta(days=2),
    )
    with after_commit():
        assert services.request_link(
            email=parent_user.email,
            purpose=LinkPurpose.SIGN_IN,
            ip_address="192.0.2.1",
        )
    [request] = LinkRequest.objects.all()
    assert request.pk != old.pk
    assert request.email == "" and parent_user.email not in request.email_key
    assert len(notify_outbox) == 1
    # A task run twice sends nothing more.
    assert handle_link_request.call(request.pk) is False
    assert len(notify_outbox) == 1
