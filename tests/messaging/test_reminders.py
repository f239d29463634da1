"""Reminders are found daily by the apps that own the dates and sent once each."""

import datetime

import time_machine
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from parent_charter.messaging.models import OutboundMessage
from parent_charter.messaging.tasks import send_council_messages
from tests.apart.factories import ContactArrangementFactory, LetterBoxExchangeFactory
from tests.factories import PlanItemFactory, PlanReviewFactory, SupportPlanFactory
from tests.fake_notify import OUTBOX

TODAY = datetime.date(2027, 1, 11)


def _run(council_id, day=TODAY):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(9))):
        return send_council_messages.call(council_id)


def test_milestones_reviews_and_dates_are_reminded_once(reachable_parent):
    council = reachable_parent.council
    with scope(council=council.pk):
        plan = SupportPlanFactory(parent=reachable_parent)
        for key, days in (("register-birth", 3), ("healthy-start", 7), ("first-scan", 1)):
            PlanItemFactory(
                plan=plan, milestone_key=key, due_date=TODAY + datetime.timedelta(days=days)
            )
        # Not reminded: too far ahead, already done, or a milestone parents are not texted.
        PlanItemFactory(plan=plan, milestone_key="optician", due_date=TODAY)
        PlanItemFactory(
            plan=plan, milestone_key="first-scan", due_date=TODAY + datetime.timedelta(days=30)
        )
        # The last review was six months before the window: the next one is due in it.
        PlanReviewFactory(plan=plan, held_on=datetime.date(2026, 7, 14))
        ContactArrangementFactory(parent=reachable_parent, next_date=TODAY)
        LetterBoxExchangeFactory(
            arrangement__parent=reachable_parent, due_on=TODAY + datetime.timedelta(days=2)
        )
    result = _run(council.pk)
    kinds = sorted(s.kind for s in OUTBOX)
    assert kinds == [
        "reminder_contact",
        "reminder_first_scan",
        "reminder_healthy_start",
        "reminder_letter_box",
        "reminder_plan_review",
        "reminder_register_birth",
    ]
    assert result["reminders"] == 6 and result["sent"] == 6
    # The next day's run finds the same dates and sends nothing again.
    result = _run(council.pk, TODAY + datetime.timedelta(days=1))
    assert result["reminders"] == 0 and len(OUTBOX) == 6


def test_a_moved_date_is_reminded_again(reachable_parent):
    with scope(council=reachable_parent.council_id):
        arrangement = ContactArrangementFactory(parent=reachable_parent, next_date=TODAY)
    _run(reachable_parent.council_id)
    with scope(council=reachable_parent.council_id):
        arrangement.next_date = TODAY + datetime.timedelta(days=4)
        arrangement.save()
    _run(reachable_parent.council_id)
    assert [s.kind for s in OUTBOX] == ["reminder_contact", "reminder_contact"]


def test_a_parent_who_opted_out_gets_no_reminders(reachable_parent):
    from parent_charter.messaging import services

    with scope(council=reachable_parent.council_id):
        services.set_reminder_choice(
            parent=reachable_parent, reminders=False, expected_version=1, actor=None
        )
        ContactArrangementFactory(parent=reachable_parent, next_date=TODAY)
    assert _run(reachable_parent.council_id)["reminders"] == 0
    assert not OUTBOX
    with scopes_disabled():
        assert not OutboundMessage.objects.exists()


def test_the_command_queues_one_run_per_council(hillford, eastmere, capsys):
    call_command("send_parent_messages")
    assert "Queued 2 messaging tasks" in capsys.readouterr().out
