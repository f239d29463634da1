"""Checks the audit trail: every chain must be complete, in order, and unaltered."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from .models import AuditChainHead, AuditEvent
from .services import GENESIS_HASH, event_digest, event_payload


@dataclass(frozen=True)
class Problem:
    chain: str
    seq: int | None
    message: str

    def __str__(self):
        where = f"{self.chain} #{self.seq}" if self.seq is not None else self.chain
        return f"{where}: {self.message}"


@contextmanager
def read_snapshot() -> Iterator[bool]:
    """Read the events and the chain heads as of one moment, while others keep writing.

    Events and their head are written in one transaction, but read in two queries they can
    disagree: a writer committing between the two makes the head look ahead of the events,
    which reads exactly like "the newest events were removed". One transaction that sees a
    single snapshot closes that gap: REPEATABLE READ on PostgreSQL (its default READ COMMITTED
    takes a new snapshot per statement); on SQLite a read transaction already sees one state
    of the database (a WAL snapshot, or a shared lock that holds writers' commits back).

    Yields whether what is read is one snapshot: inside a caller's READ COMMITTED transaction
    on PostgreSQL it is not (its isolation level was fixed by its first query).
    """
    if connection.in_atomic_block:
        yield connection.vendor != "postgresql" or _isolation_level() != "read committed"
        return
    connection.ensure_connection()
    previous_mode = getattr(connection, "transaction_mode", None)
    if connection.vendor == "sqlite":
        # A deferred BEGIN, even where writers begin IMMEDIATE (development): reading must
        # not take the write lock and stop everyone else's work while it checks.
        connection.transaction_mode = "DEFERRED"
    try:
        atomic = transaction.atomic()
        atomic.__enter__()
    finally:
        if connection.vendor == "sqlite":
            connection.transaction_mode = previous_mode
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield True
    except BaseException as error:
        if not atomic.__exit__(type(error), error, error.__traceback__):
            raise
    else:
        atomic.__exit__(None, None, None)


def _isolation_level() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW transaction_isolation")
        return cursor.fetchone()[0]


def verify_chain(chain: str, *, batch_size: int = 5000) -> list[Problem]:
    with read_snapshot() as consistent:
        return _verify_chain(chain, batch_size=batch_size, consistent=consistent)


def _verify_chain(chain: str, *, batch_size: int, consistent: bool) -> list[Problem]:
    # The head first. Without one snapshot, events committed after it was read are left for
    # the next run: every event up to the head it names was committed with it.
    head = AuditChainHead.objects.filter(pk=chain).first()
    problems: list[Problem] = []
    expected_seq = 1
    prev_hash = GENESIS_HASH
    events = AuditEvent.objects.filter(chain=chain).order_by("seq")
    if head is not None and not consistent:
        events = events.filter(seq__lte=head.seq)
    for event in events.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                missing = (
                    f"{expected_seq}"
                    if event.seq == expected_seq + 1
                    else (f"{expected_seq}–{event.seq - 1}")
                )
                problems.append(Problem(chain, expected_seq, f"event(s) {missing} removed"))
            else:
                problems.append(Problem(chain, event.seq, "sequence out of order"))
        if event.prev_hash != prev_hash:
            problems.append(
                Problem(
                    chain,
                    event.seq,
                    "does not follow the event before it (inserted or "
                    "the previous event was removed)",
                )
            )
        recomputed = event_digest(prev_hash=event.prev_hash, payload=event_payload(event))
        if recomputed != event.hash:
            problems.append(Problem(chain, event.seq, "content changed after it was recorded"))
        prev_hash = event.hash
        expected_seq = event.seq + 1
    last_seq = expected_seq - 1
    if head is None:
        if last_seq:
            problems.append(Problem(chain, None, "chain head missing"))
    elif head.seq != last_seq or head.hash != prev_hash:
        if head.seq > last_seq:
            problems.append(
                Problem(chain, last_seq + 1, f"the newest event(s) up to #{head.seq} were removed")
            )
        else:
            problems.append(Problem(chain, head.seq, "chain head does not match the last event"))
    return problems


def all_chains() -> list[str]:
    chains = set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    chains.update(AuditChainHead.objects.values_list("chain", flat=True))
    return sorted(chains)


def verify_all() -> tuple[int, list[Problem]]:
    problems: list[Problem] = []
    with read_snapshot() as consistent:
        chains = all_chains()
        for chain in chains:
            problems.extend(_verify_chain(chain, batch_size=5000, consistent=consistent))
    return len(chains), problems
