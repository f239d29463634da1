"""The parent's messages: all of them, newest first, a page at a time, new ones marked once;
the home page shows the newest and links to the rest. Reading them is audited."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.notifications.models import ParentNotice
from parent_charter.portal.selectors import MESSAGES_PER_PAGE
from tests.factories import ParentFactory
from tests.helpers import page

URL = "/my/messages/"
KINDS = [
    "portal.challenge_responded",
    "safeguards.parent.referral_held",
    "safeguards.parent.request_held",
    "safeguards.parent.referral_returned",
    "safeguards.parent.request_returned",
    "safeguards.parent.referral_withdrawn",
    "safeguards.parent.request_withdrawn",
    "safeguards.parent.referral_sent_after_check",
]


def make_messages(parent, count, *, start=None):
    """`count` messages a day apart, the last one newest; each text is distinct."""
    start = start or timezone.now() - datetime.timedelta(days=count)
    made = []
    with scope(council=parent.council_id):
        for number in range(count):
            notice = ParentNotice.objects.create(
                council=parent.council, parent=parent, kind=KINDS[number % len(KINDS)]
            )
            ParentNotice.objects.filter(pk=notice.pk).update(
                created_at=start + datetime.timedelta(days=number)
            )
            made.append(notice)
    return made


def test_all_eight_messages_newest_first(parent_client, hillford_parent):
    make_messages(hillford_parent, 8)
    body = page(parent_client.get(URL))
    with scopes_disabled():
        texts = [str(n.text) for n in ParentNotice.objects.order_by("-created_at", "-pk")]
    positions = [body.index(text) for text in texts]
    assert positions == sorted(positions)  # every one shown, newest first
    assert body.count(">New<") == 8
    assert "You have 8 messages, newest first." in body
    event = AuditEvent.objects.get(action="portal.messages_viewed")
    assert event.detail == {"page": 1, "shown": 8, "new": 8}
    # Seen from now on.
    with scopes_disabled():
        assert not ParentNotice.objects.filter(seen_at__isnull=True).exists()
    assert ">New<" not in page(parent_client.get(URL))


def test_the_home_page_links_to_all_of_them(parent_client, hillford_parent):
    make_messages(hillford_parent, 8)
    body = page(parent_client.get("/my/"))
    assert body.count(">New<") == 5
    assert 'href="/my/messages/"' in body
    assert "See all 8 of your messages" in body and "(and 3 more new messages)" in body
    # The three the home page did not show are still new on the messages page.
    assert page(parent_client.get(URL)).count(">New<") == 3


def test_paging(parent_client, hillford_parent):
    total = MESSAGES_PER_PAGE + 3
    make_messages(hillford_parent, total)
    first = page(parent_client.get(URL))
    assert first.count(">New<") == MESSAGES_PER_PAGE
    assert 'href="?page=2"' in first and "Next" in first
    second = page(parent_client.get(URL + "?page=2"))
    assert second.count(">New<") == 3
    assert f"These are messages {MESSAGES_PER_PAGE + 1} to {total}." in second
    assert "page 2 of 2" in second
    with scopes_disabled():
        oldest = ParentNotice.objects.order_by("created_at", "pk").first()
    assert str(oldest.text) in second
    details = [
        e.detail for e in AuditEvent.objects.filter(action="portal.messages_viewed").order_by("seq")
    ]
    assert details == [
        {"page": 1, "shown": MESSAGES_PER_PAGE, "new": MESSAGES_PER_PAGE},
        {"page": 2, "shown": 3, "new": 3},
    ]


@pytest.mark.parametrize("number", ["abc", "99", "-1", "0", "1" * 40])
def test_a_page_number_that_does_not_exist_is_not_an_error(parent_client, hillford_parent, number):
    make_messages(hillford_parent, 3)
    assert parent_client.get(URL, {"page": number}).status_code == 200


def test_no_messages(parent_client):
    body = page(parent_client.get(URL))
    assert "You have no messages yet." in body


def test_only_the_parents_own_messages(parent_client, hillford):
    with scope(council=hillford.pk):
        other = ParentFactory(council=hillford)
    make_messages(other, 2)
    body = page(parent_client.get(URL))
    assert "You have no messages yet." in body


def test_the_page_costs_the_same_however_many_messages(parent_client, hillford_parent):
    make_messages(hillford_parent, 2)

    def count():
        with scopes_disabled():
            ParentNotice.objects.update(seen_at=None)
        with CaptureQueriesContext(connection) as queries:
            assert parent_client.get(URL).status_code == 200
        return len(queries)

    one = count()
    make_messages(hillford_parent, MESSAGES_PER_PAGE + 5)
    assert count() == one
