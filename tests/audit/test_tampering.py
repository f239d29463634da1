"""Item 9 of issue 14: tampering by someone with database access is detected.

Each test rewrites the database directly, as someone with the database's credentials could
(triggers dropped first), in one of the ways the issue lists. The keyed hash catches rewritten
content without the key; the signed checkpoints outside the database catch removals that leave
a self-consistent chain behind.
"""

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from parent_charter.audit import checkpoints, keys, services
from parent_charter.audit.models import AuditEvent
from parent_charter.audit.verification import verify_all, verify_trail

from .tamper import checks_failed, execute, unkeyed_chain

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    settings.PARENT_CHARTER_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return settings.PARENT_CHARTER_AUDIT_CHECKPOINT_DIR


def _record(council, n=1, action="parent.viewed"):
    events = []
    for _ in range(n):
        with transaction.atomic():
            events.append(services.record(actor=None, council=council, action=action))
    return events


@pytest.fixture
def trail(hillford, eastmere):
    """60 events at Hillford, 3 at Eastmere, then a checkpoint written by the worker's task."""
    hillford_events = _record(hillford, 60)
    _record(eastmere, 3)
    call_command("checkpoint_audit_trail")
    assert verify_all() == (2, [])
    return hillford_events


def _attacker_hash(event, attack):
    """What someone without the audit key can compute: plain SHA-256 passed off as an old
    event's hash, or an HMAC under a guessed key."""
    if attack == "downgrade":
        event.key_id = None
        return services.event_digest(
            prev_hash=event.prev_hash, payload=services.event_payload(event), key=None
        )
    return services.event_digest(
        prev_hash=event.prev_hash, payload=services.event_payload(event), key=b"guessed"
    )


def _rechain(chain, attack, *, from_seq=1):
    """Recompute every link and hash from `from_seq` on, and the head, as an attacker would."""
    events = list(AuditEvent.objects.filter(chain=chain).order_by("seq"))
    prev = services.GENESIS_HASH
    for event in events:
        if event.seq >= from_seq:
            event.prev_hash = prev
            event.hash = _attacker_hash(event, attack)
            execute(
                "UPDATE audit_auditevent SET prev_hash = %s, hash = %s, key_id = %s WHERE id = %s",
                [event.prev_hash, event.hash, event.key_id, event.pk],
            )
        prev = event.hash
    execute(
        "UPDATE audit_auditchainhead SET seq = %s, hash = %s WHERE chain = %s",
        [events[-1].seq, events[-1].hash, chain],
    )


ATTACKS = ["downgrade", "guessed_key"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_editing_a_row_and_recomputing_later_hashes_is_detected(trail, attack):
    chain = trail[0].chain
    execute("UPDATE audit_auditevent SET action = 'parent.exported' WHERE id = %s", [trail[9].pk])
    _rechain(chain, attack, from_seq=10)
    failed, others = checks_failed(chain)
    assert {"checkpoint"} <= failed
    assert ("key" if attack == "downgrade" else "hash") in failed
    assert others == []  # Eastmere's chain is untouched and says so


@pytest.mark.parametrize("attack", ATTACKS)
def test_deleting_a_row_and_renumbering_is_detected(trail, attack):
    chain = trail[0].chain
    execute("DELETE FROM audit_auditevent WHERE id = %s", [trail[19].pk])
    execute("UPDATE audit_auditevent SET seq = seq - 1 WHERE chain = %s AND seq > 20", [chain])
    _rechain(chain, attack, from_seq=20)
    failed, _ = checks_failed(chain)
    assert "checkpoint" in failed
    assert ("key" if attack == "downgrade" else "hash") in failed
    assert "sequence" not in failed and "link" not in failed  # the renumbering was thorough


def test_deleting_the_newest_50_and_rewinding_the_head_is_detected(trail):
    chain = trail[0].chain
    execute("DELETE FROM audit_auditevent WHERE chain = %s AND seq > 10", [chain])
    execute(
        "UPDATE audit_auditchainhead SET seq = 10, hash = %s WHERE chain = %s",
        [trail[9].hash, chain],
    )
    report = verify_trail()
    problems = [problem for problem in report.problems if problem.chain == chain]
    # Every remaining event is intact: only the checkpoint outside the database knows.
    assert [(p.check, p.seq) for p in problems] == [("checkpoint", 11)]
    assert "events up to #60" in problems[0].message


def test_deleting_a_whole_chain_with_its_head_is_detected(trail, hillford):
    chain = trail[0].chain
    execute("DELETE FROM audit_auditevent WHERE chain = %s", [chain])
    execute("DELETE FROM audit_auditchainhead WHERE chain = %s", [chain])
    report = verify_trail()
    assert chain in [report.chain for report in report.chains]
    problems = [problem for problem in report.problems if problem.chain == chain]
    assert [p.check for p in problems] == ["checkpoint"]
    assert "the whole chain is gone" in problems[0].message


def test_the_command_prints_each_chain_and_names_the_failed_check(trail, capsys):
    call_command("verify_audit_trail")
    out = capsys.readouterr().out
    chain = trail[0].chain
    assert f"{chain}: 60 events, last #60 hash {trail[-1].hash} ok" in out
    assert "Checked against 1 signed checkpoint(s)" in out
    assert "Audit trail intact: 63 events in 2 chain(s)" in out

    execute("DELETE FROM audit_auditevent WHERE chain = %s AND seq > 10", [chain])
    execute(
        "UPDATE audit_auditchainhead SET seq = 10, hash = %s WHERE chain = %s",
        [trail[9].hash, chain],
    )
    with pytest.raises(CommandError, match=r"failed check\(s\): checkpoint\."):
        call_command("verify_audit_trail")
    captured = capsys.readouterr()
    assert f"{chain}: 10 events, last #10 hash {trail[9].hash} FAILED" in captured.out
    assert "[checkpoint check failed]" in captured.err


def test_without_checkpoints_the_command_warns_that_nothing_outside_was_checked(hillford, capsys):
    _record(hillford, 2)
    call_command("verify_audit_trail")
    assert "WARNING no checkpoint" in capsys.readouterr().err


def test_an_altered_checkpoint_file_is_detected(trail, checkpoint_dir):
    (path,) = checkpoint_dir.glob("checkpoint-*.json")
    document = json.loads(path.read_text())
    document["chains"][trail[0].chain]["seq"] = 10
    document["chains"][trail[0].chain]["hash"] = trail[9].hash
    path.chmod(0o644)
    path.write_text(json.dumps(document))
    report = verify_trail()
    assert [(p.chain, p.check) for p in report.problems] == [("checkpoints", "checkpoint")]
    assert "signature does not match" in report.problems[0].message


def test_a_new_checkpoint_never_blesses_a_rewritten_chain(trail, checkpoint_dir):
    chain = trail[0].chain
    execute("DELETE FROM audit_auditevent WHERE chain = %s AND seq > 10", [chain])
    execute(
        "UPDATE audit_auditchainhead SET seq = 10, hash = %s WHERE chain = %s",
        [trail[9].hash, chain],
    )
    call_command("checkpoint_audit_trail")
    newest = checkpoints.load()[0][-1]
    assert newest.chains[chain].seq == 60  # the mark it had, not the rewound head
    assert any(p.check == "checkpoint" and p.chain == chain for p in verify_trail().problems)


def test_checkpoints_are_written_incrementally_and_verify(trail, hillford, checkpoint_dir):
    _record(hillford, 5)
    call_command("checkpoint_audit_trail")
    found, problems = checkpoints.load()
    assert problems == [] and len(found) == 2
    assert found[-1].chains[trail[0].chain].seq == 65
    assert verify_all() == (2, [])


def test_events_recorded_before_the_hash_was_keyed_still_verify(hillford):
    """Events of before this change keep their plain SHA-256 hashes (ADR 0004)."""
    chain = services.chain_for(hillford)
    legacy = unkeyed_chain(chain, hillford)
    assert "key_id" not in services.event_payload(legacy[0])
    canonical = json.dumps(
        services.event_payload(legacy[0]), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert (
        legacy[0].hash == hashlib.sha256(f"{legacy[0].prev_hash}|{canonical}".encode()).hexdigest()
    )
    keyed = _record(hillford, 2)
    assert keyed[0].seq == 3 and keyed[0].key_id == keys.current_key()[0]
    assert verify_all() == (1, [])
    call_command("checkpoint_audit_trail")
    assert verify_all() == (1, [])


def test_events_under_an_old_key_verify_while_it_is_a_fallback(hillford, settings):
    old = settings.PARENT_CHARTER_AUDIT_HMAC_KEY
    _record(hillford, 2)
    settings.PARENT_CHARTER_AUDIT_HMAC_KEY = "a-new-audit-key-" + "9" * 32
    settings.PARENT_CHARTER_AUDIT_HMAC_KEY_FALLBACKS = [old]
    _record(hillford, 2)
    assert verify_all() == (1, [])
    settings.PARENT_CHARTER_AUDIT_HMAC_KEY_FALLBACKS = []
    _count, problems = verify_all()
    assert [(p.seq, p.check) for p in problems] == [(1, "key"), (2, "key")]


def test_the_key_is_a_setting_not_stored_in_the_database(hillford, settings):
    event = _record(hillford)[0]
    key = settings.PARENT_CHARTER_AUDIT_HMAC_KEY.encode()
    message = f"{event.prev_hash}|" + json.dumps(
        services.event_payload(event), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert event.hash == hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
    stored = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert settings.PARENT_CHARTER_AUDIT_HMAC_KEY not in stored


def _production(extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "parent_charter.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "a.example",
        "DATABASE_URL": "postgres://u@h/db",
        "AUDIT_HMAC_KEY": "y" * 40,
        "AUDIT_CHECKPOINT_DIR": "/srv/audit-checkpoints",
        **extra,
    }
    return subprocess.run(  # noqa: S603 -- our own interpreter
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"AUDIT_HMAC_KEY": ""}, "AUDIT_HMAC_KEY must be set"),
        ({"AUDIT_HMAC_KEY": "x" * 60}, "must be at least 32 characters and differ from SECRET_KEY"),
        ({"AUDIT_HMAC_KEY": "short"}, "must be at least 32 characters"),
        ({"AUDIT_CHECKPOINT_DIR": ""}, "AUDIT_CHECKPOINT_DIR must be set"),
    ],
)
def test_production_requires_its_own_audit_key_and_checkpoint_folder(extra, message):
    result = _production(extra)
    assert result.returncode != 0 and message in result.stderr


def test_production_starts_with_its_own_audit_key_and_checkpoint_folder():
    result = _production({})
    assert result.returncode == 0, result.stderr


def test_the_newest_checkpoints_are_enough(trail, hillford, monkeypatch):
    """Each checkpoint pins its chains up to its mark, so only the newest are read."""
    monkeypatch.setattr(checkpoints.load, "__defaults__", (1,))
    _record(hillford, 3)
    call_command("checkpoint_audit_trail")
    chain = trail[0].chain
    execute("DELETE FROM audit_auditevent WHERE chain = %s AND seq > 10", [chain])
    execute(
        "UPDATE audit_auditchainhead SET seq = 10, hash = %s WHERE chain = %s",
        [trail[9].hash, chain],
    )
    report = verify_trail()
    assert len(report.checkpoints) == 1
    problems = [p for p in report.problems if p.chain == chain]
    assert [(p.check, p.seq) for p in problems] == [("checkpoint", 11)]
    assert "events up to #63" in problems[0].message
