"""Challenging the council: raised by the parent, answered by staff within the council's
working days (bank holidays skipped), escalated to the team managers when overdue, and
resolved or not in the parent's words."""

import datetime
import io
import uuid
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.notifications.models import ParentNotice, StaffNotification
from parent_charter.portal import services_challenges
from parent_charter.portal.models import Challenge, ChallengeStatus
from tests.conftest import sign_in
from tests.factories import ParentFactory, PlanItemFactory, SupportPlanFactory
from tests.helpers import page

from .factories import ChallengeFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
# Monday 22 March 2027. Good Friday (26 March) and Easter Monday (29 March) are bank holidays
# in England and Wales, so ten working days end on Wednesday 7 April, not Monday 5 April.
RAISED = datetime.datetime(2027, 3, 22, 10, 0, tzinfo=LONDON)
DUE = datetime.date(2027, 4, 7)


def raise_challenge(client, item, **extra):
    data = {
        "promise": f"item:{item.public_id}",
        "what_happened": "I was told the scan would be paid for, but nobody booked it.",
        "what_would_help": "Book the scan this week.",
        "form_token": str(uuid.uuid4()),
        **extra,
    }
    return client.post("/my/challenges/new/", data)


def signed_in(user):
    """A parent's client signed in at the travelled time (sessions time out across travel)."""
    return sign_in(Client(), user)


@pytest.fixture
def challenge(parent_user, item, hillford):
    with time_machine.travel(RAISED, tick=False):
        response = raise_challenge(signed_in(parent_user), item)
    assert response.status_code == 302, page(response)[:2000]
    with scope(council=hillford.pk):
        return Challenge.objects.get()


def staff_url(challenge) -> str:
    return f"/staff/portal/challenges/{challenge.public_id}/"


def parent_url(challenge) -> str:
    return f"/my/challenges/{challenge.public_id}/"


# --- Raising ---------------------------------------------------------------------------------


def test_the_form_lists_the_plan_and_the_councils_other_promises(
    parent_client, item, other_promise
):
    body = page(parent_client.get(f"/my/challenges/new/?item={item.public_id}"))
    assert "We pay for the first scan" in body and "We help you get photo ID" in body
    assert f'value="item:{item.public_id}"' in body and "checked" in body
    assert "A promise that is not in my plan" in body
    assert "within 10 working days" in body


def test_raising_a_challenge(challenge, pa, hillford, hillford_parent, parent_user):
    assert challenge.parent == hillford_parent
    assert challenge.status == ChallengeStatus.OPEN
    assert challenge.due_on == DUE
    with scope(council=hillford.pk):
        assert [e.kind for e in challenge.events.all()] == ["raised"]
        note = StaffNotification.objects.get(kind="portal.challenge_raised")
    assert note.recipient == pa and note.url == staff_url(challenge)
    event = AuditEvent.objects.get(action="portal.challenge.raised")
    assert event.actor == parent_user
    assert event.detail["due_on"] == "2027-04-07" and "scan" not in str(event.detail)


def test_the_parent_is_told_the_date_due(parent_user, item):
    with time_machine.travel(RAISED, tick=False):
        client = signed_in(parent_user)
        response = raise_challenge(client, item)
        body = page(client.get(response["Location"]))
    assert "The council must respond by 7 April 2027." in body
    assert "Waiting for the council's response" in body


def test_a_resent_form_raises_nothing_twice(parent_client, item, hillford):
    token = str(uuid.uuid4())
    first = raise_challenge(parent_client, item, form_token=token)
    second = raise_challenge(parent_client, item, form_token=token)
    assert first["Location"] == second["Location"]
    with scope(council=hillford.pk):
        assert Challenge.objects.count() == 1


def test_a_promise_not_in_the_plan(parent_client, item, other_promise, hillford):
    response = raise_challenge(
        parent_client, item, promise="other", other_promise=f"local:{other_promise.pk}"
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        challenge = Challenge.objects.get()
    assert challenge.local_commitment == other_promise and challenge.plan_item is None


def test_mistakes_get_messages_next_to_the_fields(parent_client, item, other_promise, hillford):
    response = parent_client.post("/my/challenges/new/", {"form_token": str(uuid.uuid4())})
    body = page(response)
    assert response.status_code == 200
    assert "Select the promise you feel was not kept" in body
    assert "Tell us what happened" in body
    assert 'href="#id_promise_0"' in body
    response = raise_challenge(parent_client, item, promise="other", other_promise="")
    assert "Choose the council&#x27;s promise" in response.content.decode() or (
        "Choose the council's promise you feel was not kept" in page(response)
    )
    # Another parent's item cannot be named by editing the form.
    with scope(council=hillford.pk):
        theirs = PlanItemFactory(plan=SupportPlanFactory(parent=ParentFactory(council=hillford)))
    response = raise_challenge(parent_client, item, promise=f"item:{theirs.public_id}")
    assert "Select the promise you feel was not kept" in page(response)
    with scope(council=hillford.pk):
        assert not Challenge.objects.exists()


def test_without_an_adviser_the_managers_are_told(
    parent_client, item, hillford, hillford_parent, manager
):
    with scope(council=hillford.pk):
        type(hillford_parent).objects.filter(pk=hillford_parent.pk).update(personal_adviser=None)
    raise_challenge(parent_client, item)
    with scope(council=hillford.pk):
        assert StaffNotification.objects.get(kind="portal.challenge_raised").recipient == manager


# --- Responding ------------------------------------------------------------------------------


def test_staff_list_and_respond(challenge, client_for, pa, parent_client, hillford):
    client = client_for(pa)
    listing = page(client.get("/staff/portal/challenges/"))
    assert "Jamie Rivers" in listing and "We pay for the first scan" in listing
    detail = page(client.get(staff_url(challenge)))
    assert "nobody booked it" in detail and "Book the scan this week." in detail
    response = client.post(
        staff_url(challenge),
        {"response": "You are right. The scan is booked for 30 March.", "version": 1},
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        challenge.refresh_from_db()
        assert ParentNotice.objects.get().kind == "portal.challenge_responded"
    assert challenge.status == ChallengeStatus.RESPONDED and challenge.responded_by == pa
    body = page(parent_client.get(parent_url(challenge)))
    assert "The scan is booked for 30 March." in body
    assert "Did the council's response resolve things for you?" in body
    assert AuditEvent.objects.filter(action="portal.challenge.responded", actor=pa).exists()


def test_a_stale_response_form_is_refused_and_kept(challenge, client_for, pa, manager):
    client_for(manager).post(staff_url(challenge), {"response": "Manager's answer.", "version": 1})
    response = client_for(pa).post(
        staff_url(challenge), {"response": "Priya's answer.", "version": 1}
    )
    assert response.status_code == 409
    body = page(response)
    assert "Someone else changed this challenge" in body
    assert "Manager's answer." in body
    with scopes_disabled():
        assert Challenge.objects.get().response == "Manager's answer."


def test_an_empty_response_gets_a_message(challenge, client_for, pa):
    response = client_for(pa).post(staff_url(challenge), {"response": " ", "version": 1})
    assert response.status_code == 200
    assert "Enter the response to the parent" in page(response)


def test_resolved(challenge, client_for, pa, parent_client, hillford):
    client_for(pa).post(staff_url(challenge), {"response": "Booked.", "version": 1})
    response = parent_client.post(parent_url(challenge), {"resolved": "yes", "version": 2})
    assert response.status_code == 302
    with scope(council=hillford.pk):
        challenge.refresh_from_db()
        kinds = [e.kind for e in challenge.events.all()]
        assert StaffNotification.objects.filter(kind="portal.challenge_resolved").exists()
    assert challenge.status == ChallengeStatus.RESOLVED and challenge.closed_at
    assert kinds == ["raised", "responded", "resolved"]
    body = page(parent_client.get(parent_url(challenge)))
    assert "Resolved" in body and "You said this resolved things" in body
    assert "Did the council's response resolve things" not in body


def test_not_resolved_goes_back_with_what_they_still_need(
    challenge, client_for, pa, manager, parent_client, parent_user, hillford
):
    client_for(pa).post(staff_url(challenge), {"response": "Booked.", "version": 1})
    missing = parent_client.post(parent_url(challenge), {"resolved": "no", "version": 2})
    assert "Tell us what you still need" in page(missing)
    with time_machine.travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=LONDON), tick=False):
        response = signed_in(parent_user).post(
            parent_url(challenge),
            {"resolved": "no", "still_needed": "The scan is after the date.", "version": 2},
        )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        challenge.refresh_from_db()
        told = set(
            StaffNotification.objects.filter(kind="portal.challenge_not_resolved").values_list(
                "recipient__username", flat=True
            )
        )
    assert challenge.status == ChallengeStatus.NOT_RESOLVED
    assert challenge.still_needed == "The scan is after the date."
    assert challenge.due_on == datetime.date(2027, 4, 15)  # ten working days from 1 April
    assert told == {pa.username, manager.username}
    # The council can answer again.
    again = client_for(pa).post(
        staff_url(challenge), {"response": "Moved to 2 April.", "version": 3}
    )
    assert again.status_code == 302


def test_the_parent_cannot_answer_before_the_council_has(challenge, parent_client):
    response = parent_client.post(parent_url(challenge), {"resolved": "yes", "version": 1})
    assert response.status_code == 409
    with scopes_disabled():
        assert Challenge.objects.get().status == ChallengeStatus.OPEN


# --- Overdue ---------------------------------------------------------------------------------


def test_overdue_challenges_go_to_the_managers_once(challenge, manager, hillford, client_for):
    # On the day it is due, nothing happens: the council has until the end of the day.
    with time_machine.travel(datetime.datetime(2027, 4, 7, 23, 0, tzinfo=LONDON), tick=False):
        call_command("escalate_overdue_challenges", stdout=io.StringIO())
    with scopes_disabled():
        assert Challenge.objects.get().escalated_at is None
    # Monday 5 April would have been the date without the Easter bank holidays.
    with time_machine.travel(datetime.datetime(2027, 4, 8, 6, 0, tzinfo=LONDON), tick=False):
        out = io.StringIO()
        call_command("escalate_overdue_challenges", stdout=out)
        call_command("escalate_overdue_challenges", stdout=io.StringIO())
    assert "Queued" in out.getvalue()
    with scope(council=hillford.pk):
        challenge.refresh_from_db()
        notes = StaffNotification.objects.filter(kind="portal.challenge_overdue")
        assert [n.recipient for n in notes] == [manager]
        assert ParentNotice.objects.filter(kind="portal.challenge_escalated").count() == 1
        assert [e.kind for e in challenge.events.all()] == ["raised", "escalated"]
    assert challenge.escalated_at is not None
    assert AuditEvent.objects.filter(action="portal.challenge.escalated").count() == 1
    assert "Escalated to the team managers" in page(client_for(manager).get(staff_url(challenge)))


def test_escalation_is_shown_to_the_parent(challenge, parent_user, hillford):
    with time_machine.travel(datetime.datetime(2027, 4, 8, 9, 0, tzinfo=LONDON), tick=False):
        with scope(council=hillford.pk):
            assert services_challenges.escalate_overdue(council=hillford) == 1
        body = page(signed_in(parent_user).get(parent_url(challenge)))
    assert "Passed to the team manager" in body and "Late" in body
    assert "The response was late, so it went to the team manager" in body


def test_answered_challenges_are_not_escalated(challenge, client_for, pa, hillford):
    client_for(pa).post(staff_url(challenge), {"response": "Booked.", "version": 1})
    with scope(council=hillford.pk):
        assert (
            services_challenges.escalate_overdue(
                council=hillford, today=DUE + datetime.timedelta(days=30)
            )
            == 0
        )


def test_a_council_sets_its_own_working_days(
    client_for, council_admin, parent_user, item, hillford
):
    client = client_for(council_admin)
    assert "Working days to respond" in page(client.get("/staff/portal/settings/"))
    bad = client.post(
        "/staff/portal/settings/", {"challenge_response_working_days": "0", "version": 1}
    )
    assert "must be 1 or more" in page(bad)
    response = client.post(
        "/staff/portal/settings/", {"challenge_response_working_days": "5", "version": 1}
    )
    assert response.status_code == 302
    stale = client.post(
        "/staff/portal/settings/", {"challenge_response_working_days": "7", "version": 1}
    )
    assert stale.status_code == 200 and "Someone else changed this setting" in page(stale)
    with time_machine.travel(RAISED, tick=False):
        raise_challenge(signed_in(parent_user), item)
    with scope(council=hillford.pk):
        assert Challenge.objects.get().due_on == datetime.date(2027, 3, 31)
    assert AuditEvent.objects.filter(action="portal.settings.updated").count() == 1


# --- Who may see what ------------------------------------------------------------------------


def test_another_parents_challenge_is_not_found(parent_client, hillford, eastmere, eastmere_parent):
    with scope(council=hillford.pk):
        neighbour = ParentFactory(council=hillford)
        item = PlanItemFactory(plan=SupportPlanFactory(parent=neighbour))
        theirs = ChallengeFactory(parent=neighbour, plan_item=item)
    with scope(council=eastmere.pk):
        far = ChallengeFactory(
            parent=eastmere_parent,
            plan_item=PlanItemFactory(plan=SupportPlanFactory(parent=eastmere_parent)),
        )
    for other in (theirs, far):
        assert parent_client.get(parent_url(other)).status_code == 404
        assert parent_client.post(parent_url(other), {"resolved": "yes"}).status_code == 404


def test_another_councils_staff_cannot_find_it(challenge, client_for, other_pa):
    assert client_for(other_pa).get(staff_url(challenge)).status_code == 404
    assert "Jamie" not in page(client_for(other_pa).get("/staff/portal/challenges/"))


def test_staff_list_query_count_does_not_grow(client_for, pa, hillford, hillford_parent, plan):
    client = client_for(pa)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/portal/challenges/?show=all").status_code == 200
        return len(queries)

    with scope(council=hillford.pk):
        ChallengeFactory(parent=hillford_parent, plan_item=PlanItemFactory(plan=plan))
    one = count()
    with scope(council=hillford.pk):
        for number in range(15):
            parent = ParentFactory(council=hillford, personal_adviser=pa)
            ChallengeFactory(
                parent=parent,
                plan_item=PlanItemFactory(plan=SupportPlanFactory(parent=parent)),
                status="resolved" if number % 2 else "open",
            )
    assert count() == one


def test_parent_list_query_count_does_not_grow(parent_client, hillford, hillford_parent, plan):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert parent_client.get("/my/challenges/").status_code == 200
        return len(queries)

    with scope(council=hillford.pk):
        ChallengeFactory(parent=hillford_parent, plan_item=PlanItemFactory(plan=plan))
    one = count()
    with scope(council=hillford.pk):
        for _number in range(10):
            ChallengeFactory(parent=hillford_parent, plan_item=PlanItemFactory(plan=plan))
    assert count() == one


def test_start_page_counts_open_challenges(challenge, client_for, pa, manager):
    for user in (pa, manager):
        body = page(client_for(user).get("/staff/"))
        assert "Challenges from parents" in body
        assert '<strong class="govuk-tag govuk-tag--blue">1</strong>' in body


def test_the_parent_is_emailed_that_the_council_answered(
    challenge, client_for, pa, hillford, hillford_parent, after_commit
):
    from tests.fake_notify import OUTBOX

    with scope(council=hillford.pk):
        hillford_parent.email = "jamie.rivers@example.com"
        hillford_parent.save()
    with after_commit():
        client_for(pa).post(
            staff_url(challenge), {"response": "The scan is booked for 30 March.", "version": 1}
        )
    [sent] = OUTBOX
    assert sent.kind == "challenge_answered" and sent.to == ["jamie.rivers@example.com"]
    # The email says the council answered, never what it said.
    assert "answered the challenge" in sent.body and "30 March" not in sent.body
