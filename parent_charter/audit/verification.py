"""Checks the audit trail: every chain must be complete, in order, unaltered, and agree with the
signed checkpoints kept outside the database.

Each problem names the check that failed:

- sequence: an event's number is missing or out of order (removed, or renumbered);
- link: an event does not name the previous event's hash (inserted, or one before it removed);
- hash: an event's keyed hash does not match its content (changed, or its hash recomputed
  without the key);
- key: an event is hashed with a key this server does not have, or without a key after keyed
  hashing began (an attempt to pass rewritten events off as old ones);
- head: the chain head in the database disagrees with the last event;
- chain: an event is in a chain the application does not write (a malformed name), or in a
  chain of another council than its own. A council's events are spread over shards, each a
  chain of its own (`council:7`, `council:7/1`, ...; docs/adr/0026-audit-chain-shards.md);
  every event is in exactly one, named in its hash, and every chain is checked;
- checkpoint: the database disagrees with a signed checkpoint (newest events removed and the
  head rewound, a whole chain deleted, history rewritten), or a checkpoint file is altered.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from . import checkpoints as checkpoint_files
from . import keys
from .checkpoints import ChainMark, Checkpoint
from .models import AuditChainHead, AuditEvent
from .services import GENESIS_HASH, event_digest, event_payload

CHECKS = ("sequence", "link", "hash", "key", "head", "chain", "checkpoint")
CHAIN_NAME = re.compile(r"(?:council:(?P<council>[1-9][0-9]*)|network)(?:/(?P<shard>[1-9][0-9]*))?")


@dataclass(frozen=True)
class Problem:
    chain: str
    seq: int | None
    message: str
    check: str = "hash"

    def __str__(self):
        where = f"{self.chain} #{self.seq}" if self.seq is not None else self.chain
        return f"{where}: {self.message} [{self.check} check failed]"


@dataclass
class ChainReport:
    chain: str
    length: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    keyed_from: int | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class TrailReport:
    chains: list[ChainReport]
    checkpoints: list[Checkpoint]
    checkpoint_problems: list[Problem]

    @property
    def problems(self) -> list[Problem]:
        found = list(self.checkpoint_problems)
        for chain in self.chains:
            found.extend(chain.problems)
        return found


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


def _verify_chain(
    chain: str,
    *,
    consistent: bool,
    marks: list[tuple[str, ChainMark]],
    start: ChainMark | None = None,
    batch_size: int = 5000,
) -> ChainReport:
    """Check one chain, against the checkpoint marks given (name of the file, mark).

    From `start` (a checkpointed mark) rather than from the first event when only the events
    since a checkpoint need checking: the event at the mark must still carry its hash.
    """
    report = ChainReport(chain)
    problems = report.problems
    known = keys.known_keys()
    # The head first. Without one snapshot, events committed after it was read may be seen
    # too: they are checked like any other (a genuine one links and hashes correctly, so only
    # an inserted or rewritten row shows), but the head is compared with the event it names.
    head = AuditChainHead.objects.filter(pk=chain).first()
    events = AuditEvent.objects.filter(chain=chain).order_by("seq")
    at_head: tuple[int, str] | None = None
    expected_seq, prev_hash = 1, GENESIS_HASH
    keyed_from = None
    if start is not None:
        events = events.filter(seq__gte=start.seq)
        marks = [*marks, ("the previous checkpoint", start)]
        expected_seq, prev_hash, keyed_from = start.seq, None, start.keyed_from
    for _name, mark in marks:
        if mark.keyed_from is not None and (keyed_from is None or mark.keyed_from < keyed_from):
            keyed_from = mark.keyed_from
    claims: dict[int, list[tuple[str, str]]] = {}
    for name, mark in marks:
        claims.setdefault(mark.seq, []).append((name, mark.hash))

    parsed = CHAIN_NAME.fullmatch(chain)
    council_id = int(parsed["council"]) if parsed and parsed["council"] else None
    if parsed and parsed["shard"] and keyed_from is None:
        # Shards other than the first were made after the hash was keyed: keyed from the start.
        keyed_from = 1
    misplaced: list[int] = []

    seen_keyed = False
    for event in events.iterator(chunk_size=batch_size):
        report.length += 1
        if event.council_id != council_id:
            misplaced.append(event.seq)
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                missing = (
                    f"{expected_seq}"
                    if event.seq == expected_seq + 1
                    else f"{expected_seq}–{event.seq - 1}"
                )
                problems.append(
                    Problem(chain, expected_seq, f"event(s) {missing} removed", "sequence")
                )
            else:
                problems.append(Problem(chain, event.seq, "sequence out of order", "sequence"))
        if prev_hash is not None and event.prev_hash != prev_hash:
            problems.append(
                Problem(
                    chain,
                    event.seq,
                    "does not follow the event before it (inserted or "
                    "the previous event was removed)",
                    "link",
                )
            )
        _check_hash(event, known, seen_keyed, keyed_from, problems)
        if event.key_id is not None:
            seen_keyed = True
            if report.keyed_from is None:
                report.keyed_from = event.seq
        for name, claimed in claims.pop(event.seq, []):
            if claimed != event.hash:
                problems.append(
                    Problem(
                        chain,
                        event.seq,
                        f"differs from the signed checkpoint {name}: history was rewritten",
                        "checkpoint",
                    )
                )
                break
        prev_hash = event.hash
        expected_seq = event.seq + 1
        report.last_seq, report.last_hash = event.seq, event.hash
        if head is not None and event.seq == head.seq:
            at_head = (event.seq, event.hash)
    if start is not None and start.keyed_from is not None:
        report.keyed_from = start.keyed_from

    if parsed is None and report.length:
        problems.append(
            Problem(chain, None, "not the name of a chain the application writes", "chain")
        )
    elif misplaced:
        shown = ", ".join(f"#{seq}" for seq in misplaced[:10])
        problems.append(
            Problem(
                chain,
                misplaced[0],
                f"event(s) {shown}{' ...' if len(misplaced) > 10 else ''} of another council "
                "than the chain's",
                "chain",
            )
        )

    beyond = [(seq, name) for seq, found in claims.items() for name, _hash in found]
    if beyond:
        seq, name = max(beyond)
        message = (
            f"the whole chain is gone: {name} recorded {seq} event(s)"
            if report.last_seq == 0
            else f"events up to #{seq} recorded in {name} are missing "
            "(the newest events were removed and the head rewound)"
        )
        problems.append(Problem(chain, report.last_seq + 1, message, "checkpoint"))

    last_seq, last_hash = report.last_seq, report.last_hash
    if not consistent and head is not None and last_seq > head.seq:
        # Events seen beyond the head may have been committed after it was read.
        last_seq, last_hash = at_head or (0, "")
    if start is not None and report.length == 0:
        return report  # nothing since the checkpoint, and the marked event is gone: above
    if head is None:
        if last_seq:
            problems.append(Problem(chain, None, "chain head missing", "head"))
    elif head.seq != last_seq or head.hash != last_hash:
        if head.seq > last_seq:
            problems.append(
                Problem(
                    chain,
                    last_seq + 1,
                    f"the newest event(s) up to #{head.seq} were removed",
                    "head",
                )
            )
        else:
            problems.append(
                Problem(chain, head.seq, "chain head does not match the last event", "head")
            )
    return report


def _check_hash(event, known, seen_keyed, keyed_from, problems) -> None:
    chain = event.chain
    if event.key_id is None:
        if seen_keyed or (keyed_from is not None and event.seq >= keyed_from):
            problems.append(
                Problem(
                    chain,
                    event.seq,
                    "hashed without the key after keyed hashing began (rewritten?)",
                    "key",
                )
            )
        key = None
    else:
        key = known.get(event.key_id)
        if key is None:
            problems.append(
                Problem(chain, event.seq, "hashed with a key this server does not have", "key")
            )
            return
    recomputed = event_digest(prev_hash=event.prev_hash, payload=event_payload(event), key=key)
    if recomputed != event.hash:
        problems.append(Problem(chain, event.seq, "content changed after it was recorded"))


def all_chains() -> list[str]:
    chains = set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    chains.update(AuditChainHead.objects.values_list("chain", flat=True))
    return sorted(chains)


def _marks_by_chain(checkpoints: list[Checkpoint]) -> dict[str, list[tuple[str, ChainMark]]]:
    marks: dict[str, list[tuple[str, ChainMark]]] = {}
    for checkpoint in checkpoints:
        for chain, mark in checkpoint.chains.items():
            marks.setdefault(chain, []).append((f"checkpoint {checkpoint.name}", mark))
    return marks


def verify_trail(*, chains: list[str] | None = None) -> TrailReport:
    """Check every chain (or the ones named) against itself and the signed checkpoints."""
    found, unreadable = checkpoint_files.load()
    checkpoint_problems = [Problem("checkpoints", None, text, "checkpoint") for text in unreadable]
    marks = _marks_by_chain(found)
    reports = []
    with read_snapshot() as consistent:
        names = chains if chains is not None else sorted(set(all_chains()) | set(marks))
        for chain in names:
            report = _verify_chain(chain, consistent=consistent, marks=marks.get(chain, []))
            # A shard's head is made before its first event: one with none is not reported.
            if report.length or report.problems or chains is not None:
                reports.append(report)
    return TrailReport(reports, found, checkpoint_problems)


def verify_chain(chain: str) -> list[Problem]:
    return verify_trail(chains=[chain]).problems


def verify_all() -> tuple[int, list[Problem]]:
    report = verify_trail()
    return len(report.chains), report.problems


def write_checkpoint() -> tuple[str, int, list[Problem]]:
    """Check each chain's events since its last checkpoint, then checkpoint the heads.

    Returns the new file's name, how many chains it records and the problems found. A chain
    that does not verify keeps the mark of its previous checkpoint.
    """
    found, _unreadable = checkpoint_files.load()
    previous = checkpoint_files.latest_marks(found)
    marks: dict[str, ChainMark] = {}
    problems: list[Problem] = []
    with read_snapshot() as consistent:
        for chain in sorted(set(all_chains()) | set(previous)):
            start = previous.get(chain)
            report = _verify_chain(chain, consistent=consistent, marks=[], start=start)
            if report.problems:
                problems.extend(report.problems)
                if start is not None:
                    marks[chain] = start
            elif report.last_seq:
                marks[chain] = ChainMark(report.last_seq, report.last_hash, report.keyed_from)
    path = checkpoint_files.write(marks)
    return path.name, len(marks), problems
