"""A council's events spread over shards, each its own chain (ADR 0026).

Staff of one council write to different shards, so they do not all wait for one chain head;
each shard is verified exactly as a council's single chain was, so tampering with any shard is
detected as before, and an event cannot be moved between shards or councils unnoticed.
"""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from parent_charter.audit import services
from parent_charter.audit.models import AuditChainHead, AuditEvent
from parent_charter.audit.verification import verify_all, verify_trail
from tests.factories import CouncilFactory, UserFactory

from .tamper import checks_failed, execute, unkeyed_chain

SHARDS = 4
EVENTS_PER_SHARD = 10


@pytest.fixture(autouse=True)
def shards(settings, tmp_path):
    settings.PARENT_CHARTER_AUDIT_CHAIN_SHARDS = SHARDS
    settings.PARENT_CHARTER_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"


def _staff_by_shard(council, wanted=range(SHARDS)) -> dict[int, object]:
    """One member of staff whose events go to each shard wanted."""
    found: dict[int, object] = {}
    for _attempt in range(10 * SHARDS):
        user = UserFactory(council=council)
        found.setdefault(services.preferred_shard(user.pk), user)
        if set(wanted) <= set(found):
            return {shard: found[shard] for shard in wanted}
    raise AssertionError("no user for every shard")


def _record(council, actor, n=1, action="parent.viewed"):
    events = []
    for _ in range(n):
        with transaction.atomic():
            events.append(services.record(actor=actor, council=council, action=action))
    return events


@pytest.fixture
def sharded(hillford, eastmere):
    """Ten events in each of Hillford's four shards (written in turns, as staff work), three at
    Eastmere, then a checkpoint: the events of each shard by shard number."""
    staff = _staff_by_shard(hillford)
    events: dict[int, list[AuditEvent]] = {shard: [] for shard in staff}
    for _round in range(EVENTS_PER_SHARD):
        for shard, person in staff.items():
            events[shard] += _record(hillford, person)
    _record(eastmere, None, 3)
    call_command("checkpoint_audit_trail")
    assert verify_all() == (SHARDS + 1, [])
    return events


def test_each_person_writes_to_their_shard_and_each_shard_chains_from_the_start(hillford, sharded):
    for shard, events in sharded.items():
        chain = services.chain_for(hillford, shard)
        assert {event.chain for event in events} == {chain}
        assert [event.seq for event in events] == list(range(1, EVENTS_PER_SHARD + 1))
        assert events[0].prev_hash == services.GENESIS_HASH
        assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
        assert AuditChainHead.objects.get(pk=chain).seq == EVENTS_PER_SHARD
    # The first shard keeps the name of the council's chain from before shards.
    assert sharded[0][0].chain == f"council:{hillford.pk}"
    assert sharded[2][0].chain == f"council:{hillford.pk}/2"


def test_events_of_no_one_go_to_the_first_shard(hillford):
    (event,) = _record(hillford, None)
    assert event.chain == services.chain_for(hillford)


def test_the_checkpoint_and_the_command_name_every_shard(hillford, sharded, capsys):
    call_command("verify_audit_trail")
    out = capsys.readouterr().out
    for shard, events in sharded.items():
        chain = services.chain_for(hillford, shard)
        assert f"{chain}: 10 events, last #10 hash {events[-1].hash} ok" in out
    assert f"Audit trail intact: {SHARDS * 10 + 3} events in {SHARDS + 1} chain(s)" in out


def _only_on(chain):
    failed, others = checks_failed(chain)
    assert others == []  # every other shard, and the other council, still verifies
    return failed


@pytest.mark.parametrize("shard", range(SHARDS))
def test_an_altered_event_in_any_shard_is_detected(sharded, shard):
    event = sharded[shard][3]
    execute("UPDATE audit_auditevent SET action = 'parent.exported' WHERE id = %s", [event.pk])
    assert _only_on(event.chain) == {"hash"}


@pytest.mark.parametrize("shard", range(SHARDS))
def test_a_deleted_event_in_any_shard_is_detected(sharded, shard):
    event = sharded[shard][4]
    execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert _only_on(event.chain) == {"sequence", "link"}


@pytest.mark.parametrize("shard", range(SHARDS))
def test_reordered_events_in_any_shard_are_detected(sharded, shard):
    third, fourth = sharded[shard][2], sharded[shard][3]
    execute("UPDATE audit_auditevent SET seq = 1000 WHERE id = %s", [third.pk])
    execute("UPDATE audit_auditevent SET seq = 3 WHERE id = %s", [fourth.pk])
    execute("UPDATE audit_auditevent SET seq = 4 WHERE id = %s", [third.pk])
    assert _only_on(third.chain) == {"link", "hash"}


@pytest.mark.parametrize("shard", range(SHARDS))
def test_a_truncated_shard_is_detected_with_its_head_rewound_or_not(sharded, shard):
    events = sharded[shard]
    chain = events[0].chain
    execute("DELETE FROM audit_auditevent WHERE chain = %s AND seq > 6", [chain])
    assert _only_on(chain) == {"head", "checkpoint"}
    execute(
        "UPDATE audit_auditchainhead SET seq = 6, hash = %s WHERE chain = %s",
        [events[5].hash, chain],
    )
    # What is left is intact: only the checkpoint outside the database knows.
    problems = [p for p in verify_trail().problems if p.chain == chain]
    assert [(p.check, p.seq) for p in problems] == [("checkpoint", 7)]


@pytest.mark.parametrize("shard", range(SHARDS))
def test_a_deleted_shard_is_detected(sharded, shard):
    chain = sharded[shard][0].chain
    execute("DELETE FROM audit_auditevent WHERE chain = %s", [chain])
    execute("DELETE FROM audit_auditchainhead WHERE chain = %s", [chain])
    problems = [p for p in verify_trail().problems if p.chain == chain]
    assert [p.check for p in problems] == ["checkpoint"]
    assert "the whole chain is gone" in problems[0].message


def test_an_event_moved_to_another_shard_is_detected(hillford, sharded):
    """Each event belongs to exactly one shard: the one its hash names."""
    moved = sharded[1][-1]
    target = services.chain_for(hillford, 3)
    execute(
        "UPDATE audit_auditevent SET chain = %s, seq = 11, prev_hash = %s WHERE id = %s",
        [target, sharded[3][-1].hash, moved.pk],
    )
    execute(
        "UPDATE audit_auditchainhead SET seq = 11, hash = %s WHERE chain = %s", [moved.hash, target]
    )
    execute(
        "UPDATE audit_auditchainhead SET seq = 9, hash = %s WHERE chain = %s",
        [sharded[1][-2].hash, moved.chain],
    )
    report = verify_trail()
    failed = {(p.chain, p.check) for p in report.problems}
    assert (target, "hash") in failed  # its hash names the shard it was written to
    assert (moved.chain, "checkpoint") in failed  # and that shard's checkpoint misses it


def test_an_event_of_another_council_in_a_shard_is_detected(hillford, eastmere, sharded):
    event = sharded[2][5]
    execute("UPDATE audit_auditevent SET council_id = %s WHERE id = %s", [eastmere.pk, event.pk])
    assert _only_on(event.chain) == {"chain", "hash"}


def test_a_chain_the_application_does_not_write_is_reported(hillford, sharded):
    chain = sharded[2][0].chain
    renamed = f"council:{hillford.pk}-old"
    execute("UPDATE audit_auditevent SET chain = %s WHERE chain = %s", [renamed, chain])
    execute("UPDATE audit_auditchainhead SET chain = %s WHERE chain = %s", [renamed, chain])
    report = verify_trail()
    assert "chain" in {p.check for p in report.problems if p.chain == renamed}
    assert "checkpoint" in {p.check for p in report.problems if p.chain == chain}


def test_a_forged_shard_hashed_without_the_key_is_detected(hillford, sharded):
    """Shards were made after the hash was keyed, so unlike a council's first chain none can
    hold events hashed without the key, which anyone could compute."""
    chain = services.chain_for(hillford, SHARDS + 3)
    unkeyed_chain(chain, hillford)
    assert _only_on(chain) == {"key"}


def test_fewer_shards_later_leaves_the_others_verified(hillford, sharded, settings):
    person = _staff_by_shard(hillford, [3])[3]
    settings.PARENT_CHARTER_AUDIT_CHAIN_SHARDS = 1
    (event,) = _record(hillford, person)
    assert event.chain == services.chain_for(hillford) and event.seq == EVENTS_PER_SHARD + 1
    assert verify_all() == (SHARDS + 1, [])


@pytest.mark.django_db(transaction=True)
def test_a_writer_takes_a_free_shard_rather_than_wait(settings):
    """On PostgreSQL: while one transaction holds a person's shard, their next event (another
    tab) goes to another shard at once, and every shard still verifies."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks: it serialises writers on the whole database")
    council = CouncilFactory()
    person = UserFactory(council=council)
    _record(council, None)  # the council's first event makes its shards' heads
    holding, release, errors = threading.Event(), threading.Event(), []

    def hold():
        try:
            with transaction.atomic():
                _record(council, person)
                holding.set()
                release.wait(30)
        except Exception as error:  # reported below
            errors.append(error)
            holding.set()
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # fail, rather than hang, if it waits
        (second,) = _record(council, person)
        (third,) = _record(council, None)
    finally:
        release.set()
        holder.join(30)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert errors == []
    mine = services.chain_for(council, services.preferred_shard(person.pk))
    assert second.chain != mine
    assert verify_all()[1] == []
    assert AuditEvent.objects.filter(chain=mine, actor=person).count() == 1
    assert third.chain.startswith(f"council:{council.pk}")
    assert AuditEvent.objects.filter(council=council).count() == 4


def test_the_migration_gives_a_chain_of_before_shards_its_other_heads(hillford, settings):
    """A council's chain of before shards is left as it is (shard 0) and gains the heads of its
    other shards, so that its staff spread over them from the next event."""
    import importlib

    from django.apps import apps

    before = _record(hillford, None, 3)
    AuditChainHead.objects.exclude(pk=before[0].chain).delete()  # as before shards
    migration = importlib.import_module("parent_charter.audit.migrations.0006_chain_shard_heads")
    migration.add_shard_heads(apps, None)
    heads = dict(AuditChainHead.objects.values_list("chain", "seq"))
    assert heads == {services.chain_for(hillford, shard): 0 for shard in range(1, SHARDS)} | {
        before[0].chain: 3
    }
    person = _staff_by_shard(hillford, [2])[2]
    (event,) = _record(hillford, person)
    assert (event.chain, event.seq) == (services.chain_for(hillford, 2), 1)
    assert verify_all() == (2, [])
