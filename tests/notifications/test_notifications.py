"""Notifications to staff and notices for parents: raising, reading, email without details."""

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from parent_charter.core.registries import notification_kinds as kinds
from parent_charter.notifications import services

from .factories import StaffNotificationFactory


@pytest.fixture(autouse=True)
def test_kind():
    kinds.register("test.something", _("Something happened: %(what)s"))


def test_notify_staff_writes_one_each_and_emails_without_details(
    hillford, pa, manager, django_capture_on_commit_callbacks
):
    with (
        scope(council=hillford.pk),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        made = services.notify_staff(
            council=hillford,
            recipients=[pa, manager, pa, None],
            kind="test.something",
            params={"what": "Jamie Rivers"},
            url="/staff/",
        )
    assert len(made) == 2
    assert made[0].text == "Something happened: Jamie Rivers"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([pa.email, manager.email])
    assert all("Jamie" not in m.body and "Jamie" not in m.subject for m in mail.outbox)


def test_an_unknown_kind_is_refused(hillford, pa):
    with scope(council=hillford.pk), pytest.raises(services.UnknownKind):
        services.notify_staff(council=hillford, recipients=[pa], kind="no.such.kind")


def test_a_kind_this_version_does_not_know_still_shows(hillford, pa):
    with scope(council=hillford.pk):
        notification = StaffNotificationFactory(council=hillford, recipient=pa, kind="gone")
        assert "no longer knows" in notification.text


def test_list_shows_only_my_notifications_in_fixed_queries(hillford, pa, manager, client_for):
    client = client_for(pa)
    url = reverse("notifications:list")
    with scope(council=hillford.pk):
        StaffNotificationFactory(council=hillford, recipient=pa, params={"what": "mine"})
        StaffNotificationFactory(council=hillford, recipient=manager, params={"what": "theirs"})
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    body = response.content.decode()
    assert "Something happened: mine" in body and "theirs" not in body
    with scope(council=hillford.pk):
        StaffNotificationFactory.create_batch(5, council=hillford, recipient=pa)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_list_marks_new_ones_seen(hillford, pa, client_for):
    with scope(council=hillford.pk):
        StaffNotificationFactory(council=hillford, recipient=pa, url="/staff/caseload/")
    client = client_for(pa)
    first = client.get(reverse("notifications:list")).content.decode()
    assert ">New<" in first and 'href="/staff/caseload/"' in first
    assert ">New<" not in client.get(reverse("notifications:list")).content.decode()


def test_the_start_page_counts_unread(hillford, pa, client_for):
    with scope(council=hillford.pk):
        StaffNotificationFactory.create_batch(3, council=hillford, recipient=pa)
    body = client_for(pa).get(reverse("core:dashboard")).content.decode()
    assert "Notifications" in body and ">3<" in body


def test_reading_the_list_is_audited(hillford, pa, client_for):
    from parent_charter.audit.models import AuditEvent

    with scope(council=hillford.pk):
        StaffNotificationFactory.create_batch(2, council=hillford, recipient=pa)
    client = client_for(pa)
    client.get(reverse("notifications:list"))
    client.get(reverse("notifications:list"))
    events = list(AuditEvent.objects.filter(action="notifications.list.viewed").order_by("seq"))
    assert [event.detail for event in events] == [
        {"shown": 2, "new": 2},
        {"shown": 2, "new": 0},
    ]
    assert all(event.actor_id == pa.pk and event.council_id == hillford.pk for event in events)
