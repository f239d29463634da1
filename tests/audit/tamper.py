"""Changing the audit tables behind the application's back, as someone holding the database's
credentials could (the append-only triggers dropped first), for the tampering tests."""

from django.db import connection, transaction

from parent_charter.audit import db_guard, services
from parent_charter.audit.models import AuditChainHead, AuditEvent
from parent_charter.audit.verification import verify_trail


def execute(sql, params=()):
    with transaction.atomic():
        db_guard.remove(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        db_guard.install(connection)


def checks_failed(chain):
    """The checks that failed on one chain, and every problem found on any other."""
    report = verify_trail()
    failed = {problem.check for problem in report.problems if problem.chain == chain}
    others = [problem for problem in report.problems if problem.chain != chain]
    return failed, others


def unkeyed_chain(chain, council, n=2):
    """A chain of events hashed with plain SHA-256, as events were before the hash was keyed,
    or as anyone without the key could forge them. Returns the events."""
    events, prev = [], services.GENESIS_HASH
    with transaction.atomic():
        for seq in range(1, n + 1):
            event = AuditEvent(
                chain=chain,
                seq=seq,
                at=services.timezone.now(),
                council=council,
                action="parent.viewed",
                prev_hash=prev,
                key_id=None,
            )
            event.hash = services.event_digest(
                prev_hash=prev, payload=services.event_payload(event), key=None
            )
            event.save()
            events.append(event)
            prev = event.hash
        AuditChainHead.objects.create(chain=chain, seq=n, hash=prev)
    return events
