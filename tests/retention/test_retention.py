"""Retention and disposal: a schedule per council, what is due, two people to dispose of
anything, and an audit trail that says what kind of record went but never what it held."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.assessments_care_history.models import CareHistory, CareHistoryEntry
from parent_charter.audit.models import AuditEvent
from parent_charter.core.registries import subject_access
from parent_charter.parents.models import Parent
from parent_charter.retention import selectors, services
from parent_charter.retention.kinds import KINDS
from parent_charter.retention.models import DisposalRequest, RetentionRule, SupportEnd
from tests.assessments_care_history.factories import CareHistoryEntryFactory, CareHistoryFactory
from tests.concerns.factories import ConcernFactory
from tests.factories import ParentFactory

TODAY = timezone.localdate()
LONG_AGO = TODAY.replace(year=TODAY.year - 40)


def end_support(parent, user, on=LONG_AGO):
    with scope(council=parent.council_id):
        current = SupportEnd.objects.filter(parent=parent).first()
        return services.record_support_end(
            parent=parent,
            actor=user,
            ended_on=on,
            expected_version=current.version if current else 0,
        )


def events(council, action):
    return list(AuditEvent.objects.filter(council=council, action=action))


# --- The schedule ----------------------------------------------------------------------------


def test_every_council_starts_with_the_suggested_uk_schedule(hillford):
    with scope(council=hillford.pk):
        rules = selectors.schedule_for(hillford)
    assert [rule.kind.key for rule in rules][-1] == "parent_record"
    assert {rule.kind.key for rule in rules} == set(KINDS)
    for rule in rules:
        assert rule.is_default and rule.reason and rule.keep_for_months > 0
    by_key = {rule.kind.key: rule for rule in rules}
    assert by_key["partner_referrals"].period == "6 years after support ends"
    assert by_key["concerns"].keep_for_months == 35 * 12


def test_council_admin_changes_a_period_and_reason(client_for, council_admin, hillford):
    client = client_for(council_admin)
    page = client.get("/staff/retention/schedule/change/?kind=partner_referrals")
    assert page.status_code == 200
    response = client.post(
        "/staff/retention/schedule/change/?kind=partner_referrals",
        {
            "keep_for_months": "84",
            "reason": "Seven years, as our records policy says.",
            "version": "0",
        },
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        rule = RetentionRule.objects.get(council=hillford, kind="partner_referrals")
        assert (rule.keep_for_months, rule.version) == (84, 1)
        assert (
            selectors.rule_for(hillford, "partner_referrals").period == "7 years after support ends"
        )
    [event] = events(hillford, "retention.rule.updated")
    assert event.detail == {"kind": "partner_referrals", "keep_for_months": 84}
    schedule = client.get("/staff/retention/schedule/").content.decode()
    assert "Seven years, as our records policy says." in schedule


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ("", "Enter the number of months"),
        ("six", "Enter a whole number of months, like 72"),
        ("-1", "The number of months must be 0 or more"),
        ("99999999999999999999", "The number of months must be 1200 or fewer"),
    ],
)
def test_bad_period_gets_a_message_not_a_500(client_for, council_admin, months, message):
    response = client_for(council_admin).post(
        "/staff/retention/schedule/change/?kind=concerns",
        {"keep_for_months": months, "reason": "x"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_a_stale_edit_is_refused_not_overwritten(client_for, council_admin, hillford):
    client = client_for(council_admin)
    client.post(
        "/staff/retention/schedule/change/?kind=concerns",
        {"keep_for_months": "400", "reason": "First.", "version": "0"},
    )
    response = client.post(
        "/staff/retention/schedule/change/?kind=concerns",
        {"keep_for_months": "300", "reason": "Second, from an old form.", "version": "0"},
    )
    assert response.status_code == 200
    assert "Someone else changed this rule" in response.content.decode()
    with scope(council=hillford.pk):
        assert RetentionRule.objects.get(kind="concerns").keep_for_months == 400


# --- What is due -----------------------------------------------------------------------------


def test_nothing_is_due_until_support_has_ended_and_the_period_has_run(
    hillford, hillford_parent, pa
):
    with scope(council=hillford.pk):
        assert selectors.due_for_disposal(hillford) == []
    end_support(hillford_parent, pa, on=TODAY - datetime.timedelta(days=365))
    with scope(council=hillford.pk):
        assert selectors.due_for_disposal(hillford) == []
    end_support(hillford_parent, pa, on=LONG_AGO)
    with scope(council=hillford.pk):
        [item] = selectors.due_for_disposal(hillford)
    assert item.rule.kind.key == "parent_record"
    assert item.due_on == selectors.add_months(LONG_AGO, 96)


def test_due_list_query_count_does_not_grow_with_parents(hillford, pa, manager, client_for):
    client = client_for(manager)

    def add_parents(n):
        with scope(council=hillford.pk):
            for _ in range(n):
                parent = ParentFactory(council=hillford)
                CareHistoryFactory(parent=parent)
                services.record_support_end(parent=parent, actor=pa, ended_on=LONG_AGO)

    add_parents(2)
    client.get("/staff/retention/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/staff/retention/").status_code == 200
    add_parents(8)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/staff/retention/")
    assert response.content.decode().count("Propose disposal") == 20
    assert len(many) == len(few)


def test_reading_the_due_list_is_audited(client_for, manager, hillford, hillford_parent, pa):
    end_support(hillford_parent, pa)
    response = client_for(manager).get("/staff/retention/")
    assert "Jamie Rivers" in response.content.decode()
    [event] = events(hillford, "retention.due.viewed")
    assert event.detail == {"due": 1}


def test_command_lists_what_is_due_without_names(hillford, eastmere, hillford_parent, pa):
    end_support(hillford_parent, pa)
    out = __import__("io").StringIO()
    call_command("retention_due", ids=True, stdout=out)
    text = out.getvalue()
    assert "Hillford Council: 1 due" in text
    assert "parent_record: 1 parent(s), 1 record(s), 0 waiting for approval" in text
    assert str(hillford_parent.public_id) in text
    assert "Eastmere Council: nothing due" in text
    assert "Jamie" not in text and "Rivers" not in text


# --- Disposal --------------------------------------------------------------------------------


@pytest.fixture
def sealed_history(hillford, hillford_parent):
    with scope(council=hillford.pk):
        entry = CareHistoryEntryFactory(
            history=CareHistoryFactory(parent=hillford_parent),
            details="Lived with foster carers Ann and Bob Crane in Hillford.",
        )
    return entry


def test_disposal_needs_a_second_named_person(
    client_for, manager, council_admin, hillford, hillford_parent, pa, sealed_history
):
    end_support(hillford_parent, pa)
    proposer = client_for(manager)
    url = f"/staff/retention/parents/{hillford_parent.public_id}/care_history/propose/"
    assert proposer.post(url).status_code == 302
    with scope(council=hillford.pk):
        proposal = DisposalRequest.objects.get()
    assert proposal.status == "proposed" and proposal.proposed_by == manager

    # The proposer cannot approve their own proposal.
    response = proposer.post(
        f"/staff/retention/disposals/{proposal.public_id}/approve/", follow=True
    )
    assert "Someone other than the person who proposed" in response.content.decode()
    with scope(council=hillford.pk):
        assert CareHistory.objects.filter(parent=hillford_parent).exists()
        proposal.refresh_from_db()
        assert proposal.status == "proposed"

    # Another named person approves: the records go, the parent's record stays.
    response = client_for(council_admin).post(
        f"/staff/retention/disposals/{proposal.public_id}/approve/", follow=True
    )
    assert "Disposed of: Summary of time in care" in response.content.decode()
    with scope(council=hillford.pk):
        assert not CareHistory.objects.filter(parent=hillford_parent).exists()
        assert not CareHistoryEntry.objects.exists()
        assert Parent.objects.filter(pk=hillford_parent.pk).exists()
        proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.records_disposed) == (
        "disposed",
        council_admin,
        1,
    )
    [event] = events(hillford, "retention.disposed")
    assert event.actor == council_admin
    assert event.detail == {"kind": "care_history", "records": 1, "proposed_by": manager.pk}
    # The audit row says what kind of record went, never what it held.
    with scopes_disabled():
        trail = json.dumps(
            [[e.action, e.reason, e.detail] for e in AuditEvent.objects.all()], ensure_ascii=False
        )
    assert "Crane" not in trail and "foster" not in trail and "Jamie" not in trail


def test_disposal_is_refused_before_it_is_due(client_for, manager, hillford, hillford_parent, pa):
    end_support(hillford_parent, pa, on=TODAY - datetime.timedelta(days=30))
    response = client_for(manager).post(
        f"/staff/retention/parents/{hillford_parent.public_id}/parent_record/propose/", follow=True
    )
    assert "not yet due for disposal" in response.content.decode()
    with scope(council=hillford.pk):
        assert not DisposalRequest.objects.exists()


def test_the_parents_record_goes_last_and_with_their_sign_in(
    manager, council_admin, hillford, hillford_parent, pa, parent_user
):
    end_support(hillford_parent, pa)
    with scope(council=hillford.pk):
        ConcernFactory(parent=hillford_parent)
        proposal = services.propose_disposal(
            parent=hillford_parent, kind="parent_record", actor=manager
        )
        # A concern is kept for 35 years: the parent's record cannot go before it.
        with pytest.raises(services.DisposalRefused, match="kept for longer"):
            services.approve_disposal(proposal=proposal, actor=council_admin)
        assert Parent.objects.filter(pk=hillford_parent.pk).exists()
        proposal.refresh_from_db()
        assert proposal.status == "proposed"
        from parent_charter.concerns.models import Concern

        Concern.objects.all().delete()
        services.approve_disposal(proposal=proposal, actor=council_admin)
        assert not Parent.objects.filter(pk=hillford_parent.pk).exists()
        assert not SupportEnd.objects.exists()
        proposal.refresh_from_db()
    assert proposal.status == "disposed" and proposal.parent is None
    parent_user.refresh_from_db()
    assert not parent_user.is_active and "@" not in parent_user.username.split("disposed-")[0]
    assert not parent_user.has_usable_password()


def test_declining_keeps_the_records(manager, council_admin, hillford, hillford_parent, pa):
    end_support(hillford_parent, pa)
    with scope(council=hillford.pk):
        proposal = services.propose_disposal(
            parent=hillford_parent, kind="parent_record", actor=manager
        )
        services.decline_disposal(proposal=proposal, actor=council_admin)
        proposal.refresh_from_db()
        assert proposal.status == "declined"
        assert Parent.objects.filter(pk=hillford_parent.pk).exists()
        with pytest.raises(services.DisposalRefused):
            services.approve_disposal(proposal=proposal, actor=council_admin)
    assert len(events(hillford, "retention.disposal.declined")) == 1


# --- The day support ended, and the parent's copy ----------------------------------------------


def test_adviser_records_the_day_support_ended(client_for, pa, hillford, hillford_parent):
    client = client_for(pa)
    url = f"/staff/retention/parents/{hillford_parent.public_id}/support-ended/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"ended_on_day": "31", "ended_on_month": "2", "ended_on_year": "2020"}
    )
    assert response.status_code == 200
    assert "Enter a real date" in response.content.decode()
    future = TODAY + datetime.timedelta(days=3)
    response = client.post(
        url,
        {"ended_on_day": future.day, "ended_on_month": future.month, "ended_on_year": future.year},
    )
    assert "must be today or in the past" in response.content.decode()
    response = client.post(
        url, {"ended_on_day": "3", "ended_on_month": "3", "ended_on_year": "2020"}
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        assert SupportEnd.objects.get(parent=hillford_parent).ended_on == datetime.date(2020, 3, 3)
    assert len(events(hillford, "retention.support_end.recorded")) == 1
    assert len(events(hillford, "retention.support_end.viewed")) == 1
    detail = client.get(f"/staff/parents/{hillford_parent.public_id}/").content.decode()
    assert "Support ended on 3 March 2020" in detail


def test_subject_access_states_how_long_each_kind_is_kept(hillford, hillford_parent, pa):
    end_support(hillford_parent, pa, on=datetime.date(2020, 3, 3))
    with scope(council=hillford.pk):
        rows = selectors.retention_for(hillford_parent)
        parts = subject_access.export_for(hillford_parent)
    by_kind = {row["kind"]: row for row in rows}
    assert by_kind["The parent's record"]["period"] == "8 years after support ends"
    assert by_kind["The parent's record"]["kept_until"] == datetime.date(2028, 3, 3)
    [part] = [p for p in parts if str(p.title) == "How long we keep your information"]
    assert len(part.records) == len(KINDS)
    assert ("How long we keep it", "8 years after support ends") in part.records[-1]
    assert "Support ended on 3 March 2020." in part.notes


def test_add_months_lands_on_a_real_day():
    assert selectors.add_months(datetime.date(2020, 2, 29), 12) == datetime.date(2021, 2, 28)
    assert selectors.add_months(datetime.date(2021, 1, 31), 1) == datetime.date(2021, 2, 28)
    assert selectors.add_months(datetime.date(2021, 11, 15), 14) == datetime.date(2023, 1, 15)
