"""Checks the audit trail: every chain must be complete, in order, and unaltered."""

from dataclasses import dataclass

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


def verify_chain(chain: str, *, batch_size: int = 5000) -> list[Problem]:
    problems: list[Problem] = []
    expected_seq = 1
    prev_hash = GENESIS_HASH
    events = AuditEvent.objects.filter(chain=chain).order_by("seq")
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
    head = AuditChainHead.objects.filter(pk=chain).first()
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
    chains = all_chains()
    for chain in chains:
        problems.extend(verify_chain(chain))
    return len(chains), problems
