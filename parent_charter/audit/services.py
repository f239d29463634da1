"""The one audit service. Every service that reads or changes personal data calls `record`.

It must be called inside the same transaction as the change it describes, so that a change is
never saved without its audit row, nor an audit row kept for a change that rolled back.
"""

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.utils import timezone

from parent_charter.audit.request_context import current_request_context

from . import keys
from .models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


class AuditOutsideTransaction(RuntimeError):
    pass


def chain_for(council, shard: int = 0) -> str:
    """The name of one of the council's chains: shard 0 is the council's first chain, named as
    before chains were sharded (docs/adr/0026-audit-chain-shards.md)."""
    base = f"council:{council.pk}" if council is not None else "network"
    return base if shard == 0 else f"{base}/{shard}"


def shard_count() -> int:
    return max(1, settings.PARENT_CHARTER_AUDIT_CHAIN_SHARDS)


def preferred_shard(actor_pk: int | None) -> int:
    """Each person's events go to one shard of their council while it is free, so that
    different staff do not wait for one another; events of no one go to shard 0."""
    return actor_pk % shard_count() if actor_pk else 0


def event_digest(*, prev_hash: str, payload: dict, key: bytes | None) -> str:
    """HMAC-SHA-256 with the audit key; plain SHA-256 (key None) only for events recorded
    before the hash was keyed, which stay verifiable as they are."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    message = f"{prev_hash}|{canonical}".encode()
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def event_payload(event: AuditEvent) -> dict:
    """The fields the hash covers. Changing any of them in the database breaks the chain."""
    payload = {
        "chain": event.chain,
        "seq": event.seq,
        "at": event.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "council": event.council_id,
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "reason": event.reason,
        "request_id": event.request_id,
        "ip_address": event.ip_address,
        "detail": event.detail,
    }
    if event.key_id is not None:
        # Which key is covered too, so an event cannot be passed off as hashed with another.
        payload["key_id"] = event.key_id
        if event.parent_id is not None:
            # Which parent's trail it shows in. (Events of before the keyed hash had it filled
            # in afterwards, by migration, from their object: their hash does not cover it.)
            payload["parent"] = event.parent_id
    return payload


@dataclass(frozen=True)
class AuditTarget:
    """What an event is about, without any personal data: a type and an opaque identifier."""

    object_type: str
    object_id: str
    detail: dict = field(default_factory=dict)


PARENT_MODEL = "parents.parent"


def parent_id_of(obj) -> int | None:
    """The parent an object is about: the parent itself, or a record with a `parent` key, or a
    record of such a record (a session of an arrangement). No query when it is at hand."""
    if obj is None or not hasattr(obj, "_meta"):
        return None
    if obj._meta.label_lower == PARENT_MODEL:
        return obj.pk
    direct = _parent_field(obj._meta)
    if direct is not None:
        return getattr(obj, direct.attname)
    for link in obj._meta.concrete_fields:
        if not link.many_to_one or _parent_field(link.related_model._meta) is None:
            continue
        related_id = getattr(obj, link.attname)
        if related_id is None:
            continue
        cached = obj._state.fields_cache.get(link.name)
        if cached is not None:
            return cached.parent_id
        return (
            link.related_model._base_manager.filter(pk=related_id)
            .values_list("parent_id", flat=True)
            .first()
        )
    return None


def _parent_field(meta):
    try:
        field = meta.get_field("parent")
    except FieldDoesNotExist:
        return None
    if field.many_to_one and field.related_model._meta.label_lower == PARENT_MODEL:
        return field
    return None


def target_of(obj) -> AuditTarget:
    if obj is None:
        return AuditTarget("", "")
    identifier = getattr(obj, "public_id", None) or getattr(obj, "pk", "")
    return AuditTarget(obj._meta.label_lower, str(identifier))


def record(
    *,
    actor,
    council,
    action: str,
    obj=None,
    reason: str = "",
    detail: dict | None = None,
    parent=None,
) -> AuditEvent:
    """Append one event to a shard of the council's chain. Call inside `transaction.atomic()`.

    The parent it is about is found from `obj` (`parent_id_of`); pass `parent` where the object
    does not lead to one but the event is about a parent all the same.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            f"audit.record({action!r}) must run inside the transaction of the change it records."
        )
    context = current_request_context()
    target = target_of(obj)
    actor_pk = actor.pk if actor is not None and actor.is_authenticated else None
    head = _locked_head(council, preferred_shard(actor_pk))
    chain = head.chain
    key_id, key = keys.current_key()
    event = AuditEvent(
        chain=chain,
        seq=head.seq + 1,
        at=timezone.now(),
        council=council,
        actor_id=actor_pk,
        actor_label=(actor.get_username() if actor_pk else ""),
        action=action,
        object_type=target.object_type,
        object_id=target.object_id,
        parent_id=parent.pk if parent is not None else parent_id_of(obj),
        reason=reason,
        request_id=context.request_id,
        ip_address=context.ip_address,
        detail={**target.detail, **(detail or {})},
        prev_hash=head.hash,
        key_id=key_id,
    )
    event.hash = event_digest(prev_hash=head.hash, payload=event_payload(event), key=key)
    event.save()
    AuditChainHead.objects.filter(pk=chain).update(seq=event.seq, hash=event.hash)
    return event


def _locked_head(council, preferred: int) -> AuditChainHead:
    """The head of a shard of the council's chain, locked until the transaction ends.

    On PostgreSQL the row lock serialises the writers of one shard, so a shard never forks.
    Writers of one council spread over its shards, and take a free one rather than wait:

    1. the preferred shard (the actor's), if no one holds it: one query, as before shards;
    2. else any other shard no one holds (SKIP LOCKED: a held head is passed over at once);
    3. else (every shard is held, or the council has none yet) the council's shards are made,
       those that do not exist yet, and the writer waits for the preferred one.

    Councils whose chain began before shards keep it as shard 0, and their other shards are
    made the first time all the existing ones are held at once. SQLite ignores row locks (it
    serialises writers on the whole database), so there an event goes to its actor's shard
    once the council's shards exist.
    """
    chains = [chain_for(council, shard) for shard in range(shard_count())]
    mine = chains[preferred]
    free = AuditChainHead.objects.select_for_update(skip_locked=True)
    head = free.filter(pk=mine).first()
    if head is None:
        head = free.filter(pk__in=[chain for chain in chains if chain != mine]).first()
    if head is not None:
        return head
    # Existing heads are left as they are (a committed one is not waited for); two writers
    # making the same heads take turns.
    AuditChainHead.objects.bulk_create(
        [AuditChainHead(chain=chain, seq=0, hash=GENESIS_HASH) for chain in chains],
        ignore_conflicts=True,
    )
    return AuditChainHead.objects.select_for_update().get(pk=mine)


def record_now(**kwargs) -> AuditEvent:
    """Record an event that stands alone (for example a read), in its own transaction."""
    with transaction.atomic():
        return record(**kwargs)
