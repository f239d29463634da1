"""Reminders to the adviser before letter-box and contact dates: daily, once per date."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from parent_charter.apart.models import ReminderSent
from parent_charter.apart.tasks import send_council_reminders
from parent_charter.audit.models import AuditEvent
from parent_charter.notifications.models import StaffNotification

from .factories import ContactArrangementFactory, LetterBoxExchangeFactory
from .helpers import fresh, make

TODAY = datetime.date(2027, 3, 1)
MORNING = datetime.datetime(2027, 3, 1, 6, 0, tzinfo=datetime.UTC)


def _run(when=MORNING, **options) -> str:
    out = io.StringIO()
    with time_machine.travel(when, tick=False):
        call_command("send_apart_reminders", stdout=out, **options)
    return out.getvalue()


def _notifications(kind=None):
    with scopes_disabled():
        rows = StaffNotification.objects.order_by("pk")
        if kind:
            rows = rows.filter(kind=kind)
        return list(rows)


def _day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture
def letters(hillford_parent):
    return make(
        hillford_parent.council,
        ContactArrangementFactory,
        parent=hillford_parent,
        kind="letter_box",
    )


def test_the_adviser_is_reminded_once_per_letter_date(pa, hillford_parent, letters, eastmere):
    exchange = make(
        hillford_parent.council, LetterBoxExchangeFactory, arrangement=letters, due_on=_day(5)
    )

    out = _run()

    assert "Queued 2 living-apart reminder tasks" in out and "7 days ahead" in out
    [notice] = _notifications()
    assert notice.recipient == pa and notice.kind == "apart.letter_box_due"
    assert notice.params == {"parent": "Jamie Rivers", "child": "Freya", "date": "06/03/2027"}
    assert "Jamie Rivers's letter for Freya is due on 06/03/2027" in notice.text
    assert notice.url == f"/staff/living-apart/parent/{hillford_parent.public_id}/"
    with scopes_disabled():
        assert ReminderSent.objects.get().exchange == exchange
        event = AuditEvent.objects.get(action="apart.reminder.sent")
    assert event.actor is None and event.detail == {
        "kind": "letter_box",
        "days_before": 5,
        "recipients": 1,
    }

    # Running again, the same day or the next, adds nothing.
    _run()
    _run(MORNING + datetime.timedelta(days=1))
    assert len(_notifications()) == 1

    # A date that moves is a new date, and is reminded again.
    with scopes_disabled():
        type(exchange).objects.filter(pk=exchange.pk).update(due_on=_day(6))
    _run(MORNING + datetime.timedelta(days=1))
    assert len(_notifications("apart.letter_box_due")) == 2


def test_dates_too_far_ahead_past_or_already_sent_are_not_reminded(pa, hillford_parent, letters):
    council = hillford_parent.council
    make(council, LetterBoxExchangeFactory, arrangement=letters, due_on=_day(8))
    make(council, LetterBoxExchangeFactory, arrangement=letters, due_on=_day(-1))
    make(council, LetterBoxExchangeFactory, arrangement=letters, due_on=_day(2), sent_on=_day(-3))
    ended = make(
        council,
        ContactArrangementFactory,
        parent=hillford_parent,
        kind="letter_box",
        ended_on=_day(-10),
    )
    make(council, LetterBoxExchangeFactory, arrangement=ended, due_on=_day(2))
    _run()
    assert _notifications() == []
    # With a longer horizon, the letter eight days away is reminded.
    _run(days=10)
    assert len(_notifications()) == 1


def test_contact_sessions_are_reminded_too(pa, hillford_parent):
    council = hillford_parent.council
    visits = make(council, ContactArrangementFactory, parent=hillford_parent, next_date=_day(2))
    make(
        council,
        ContactArrangementFactory,
        parent=hillford_parent,
        child=visits.child,
        kind="letter_box",
        next_date=_day(2),
    )
    _run()
    [notice] = _notifications()
    assert notice.kind == "apart.contact_due" and notice.recipient == pa
    assert "is due to see Freya on 03/03/2027" in notice.text
    _run()
    assert len(_notifications()) == 1
    # The next session is booked: a new date, a new reminder.
    with scopes_disabled():
        type(visits).objects.filter(pk=visits.pk).update(next_date=_day(6))
    _run(MORNING + datetime.timedelta(days=3))
    assert len(_notifications("apart.contact_due")) == 2


def test_without_an_adviser_the_team_managers_are_reminded(manager, hillford, hillford_parent):
    with scopes_disabled():
        type(hillford_parent).objects.filter(pk=hillford_parent.pk).update(personal_adviser=None)
    parent = fresh(hillford_parent)
    make(parent.council, ContactArrangementFactory, parent=parent, next_date=_day(1))
    _run()
    assert [n.recipient for n in _notifications()] == [manager]


def test_each_council_is_reminded_of_its_own_dates_only(
    pa, other_pa, hillford_parent, eastmere_parent
):
    make(
        hillford_parent.council,
        ContactArrangementFactory,
        parent=hillford_parent,
        next_date=_day(1),
    )
    make(
        eastmere_parent.council,
        ContactArrangementFactory,
        parent=eastmere_parent,
        next_date=_day(1),
    )
    with scopes_disabled():
        type(eastmere_parent).objects.filter(pk=eastmere_parent.pk).update(
            personal_adviser=other_pa
        )
    _run()
    notices = _notifications()
    assert {(n.recipient, n.council_id) for n in notices} == {
        (pa, hillford_parent.council_id),
        (other_pa, eastmere_parent.council_id),
    }


def test_the_task_returns_what_it_sent(hillford, hillford_parent, letters):
    make(hillford, LetterBoxExchangeFactory, arrangement=letters, due_on=_day(3))
    with time_machine.travel(MORNING, tick=False):
        first = send_council_reminders.enqueue(hillford.pk, 7)
        second = send_council_reminders.enqueue(hillford.pk, 7)
    assert first.return_value == {"letter_box": 1, "contact": 0}
    assert second.return_value == {"letter_box": 0, "contact": 0}


def test_the_command_refuses_a_silly_horizon(db):
    with pytest.raises(CommandError, match="between 0 and 60"):
        call_command("send_apart_reminders", days=400, stdout=io.StringIO())
