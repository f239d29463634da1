"""The audit trail: one explicit service, append-only, and tamper-evident."""

import html

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django_scopes import scopes_disabled

from parent_charter.audit import db_guard, services
from parent_charter.audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from parent_charter.audit.verification import verify_all, verify_chain


def _record(council, actor=None, action="parent.viewed", **extra):
    with transaction.atomic():
        return services.record(actor=actor, council=council, action=action, **extra)


def test_events_chain_per_council(hillford, eastmere, pa):
    first = _record(hillford, pa)
    second = _record(hillford, pa, action="parent.updated")
    other = _record(eastmere)
    assert (first.seq, second.seq, other.seq) == (1, 2, 1)
    assert second.prev_hash == first.hash
    assert other.prev_hash == services.GENESIS_HASH
    # The adviser's shard of Hillford's chain (ADR 0026); Eastmere's event, by no one, shard 0.
    assert first.chain == services.chain_for(hillford, services.preferred_shard(pa.pk))
    assert first.chain.startswith(f"council:{hillford.pk}")
    assert other.chain == f"council:{eastmere.pk}"
    assert AuditChainHead.objects.get(pk=first.chain).seq == 2
    assert verify_all() == (2, [])


def test_record_carries_actor_object_reason_and_request_id(hillford, pa, hillford_parent):
    from parent_charter.audit.request_context import (
        RequestContext,
        reset_request_context,
        set_request_context,
    )

    token = set_request_context(RequestContext(request_id="abc123def456", ip_address="192.0.2.7"))
    try:
        event = _record(hillford, pa, obj=hillford_parent, reason="Checking contact details")
    finally:
        reset_request_context(token)
    assert event.actor == pa and event.actor_label == pa.username
    assert (event.object_type, event.object_id) == (
        "parents.parent",
        str(hillford_parent.public_id),
    )
    assert event.reason == "Checking contact details"
    assert event.request_id == "abc123def456" and event.ip_address == "192.0.2.7"


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction():
    # pytest-django's ordinary tests run inside a transaction; this one must not.
    from tests.factories import CouncilFactory

    hillford = CouncilFactory()
    with pytest.raises(services.AuditOutsideTransaction):
        services.record(actor=None, council=hillford, action="parent.viewed")


def test_a_rolled_back_change_leaves_no_audit_row(hillford):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.record(actor=None, council=hillford, action="parent.created")
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()


def test_the_application_cannot_change_or_delete_events(hillford):
    event = _record(hillford)
    event.action = "parent.deleted"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET action = 'edited'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_the_database_refuses_update_and_delete(hillford, statement):
    _record(hillford)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.get().action == "parent.viewed"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgres_refuses_truncate_unless_the_session_allows_it(hillford):
    _record(hillford)
    with connection.cursor() as cursor:
        cursor.execute("SET parent_charter.allow_truncate = 'off'")
        try:
            with pytest.raises(DatabaseError), transaction.atomic():
                cursor.execute("TRUNCATE audit_auditevent")
        finally:
            cursor.execute("SET parent_charter.allow_truncate = 'on'")
    assert AuditEvent.objects.count() == 1


def _tamper(sql: str, params=()):
    """Change the table behind the application's back, as an attacker with the database might."""
    with transaction.atomic():
        db_guard.remove(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        db_guard.install(connection)


def test_verifier_detects_a_changed_row(hillford, pa):
    events = [_record(hillford, pa) for _ in range(4)]
    _tamper(
        "UPDATE audit_auditevent SET action = %s WHERE id = %s", ["parent.exported", events[2].pk]
    )
    problems = verify_chain(events[0].chain)
    assert [(p.seq, p.message) for p in problems] == [(3, "content changed after it was recorded")]
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_audit_trail")


def test_verifier_detects_a_removed_row(hillford):
    events = [_record(hillford) for _ in range(4)]
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    problems = verify_chain(events[0].chain)
    assert problems and problems[0].seq == 2 and "removed" in problems[0].message


def test_verifier_detects_removed_newest_rows(hillford):
    events = [_record(hillford) for _ in range(3)]
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    problems = verify_chain(events[0].chain)
    assert [p.seq for p in problems] == [3]
    assert "newest" in problems[0].message


def test_verifier_detects_an_inserted_row(hillford):
    events = [_record(hillford) for _ in range(2)]
    first = events[0]
    _tamper(
        "UPDATE audit_auditevent SET seq = seq + 1 WHERE id = %s",
        [events[1].pk],
    )
    # A forged event slipped in at seq 2 with a plausible-looking hash.
    _tamper(
        "INSERT INTO audit_auditevent (chain, seq, at, council_id, actor_label, action, "
        "object_type, object_id, reason, request_id, detail, prev_hash, hash) "
        "VALUES (%s, 2, %s, %s, '', 'parent.viewed', '', '', '', '', '{}', %s, %s)",
        [first.chain, first.at, hillford.pk, first.hash, "f" * 64],
    )
    problems = verify_chain(first.chain)
    assert any(p.seq == 2 and "changed" in p.message for p in problems)
    assert any(p.seq == 3 for p in problems)


def test_verify_command_reports_an_intact_trail(hillford, capsys):
    _record(hillford)
    call_command("verify_audit_trail")
    assert "Audit trail intact: 1 events in 1 chain(s)" in capsys.readouterr().out


def test_team_manager_reads_the_trail_of_a_record(client_for, manager, pa, hillford_parent):
    client_for(pa).get(f"/staff/parents/{hillford_parent.public_id}/")
    response = client_for(manager).get(f"/staff/parents/{hillford_parent.public_id}/audit-trail/")
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "Opened the parent's record" in body and pa.full_name in body
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            action="audit.trail.viewed", actor=manager, object_id=str(hillford_parent.public_id)
        ).exists()


def test_denied_access_is_audited(client_for, analyst, hillford_parent):
    response = client_for(analyst).get(f"/staff/parents/{hillford_parent.public_id}/")
    assert response.status_code == 403
    denial = AuditEvent.objects.get(action="access.denied")
    assert denial.actor == analyst
    assert denial.detail["permission"] == "parents.view_parent"
