"""Signed checkpoints of the chain heads, written where the database's users cannot write.

The database alone cannot prove its own trail: someone who can rewrite it can delete the newest
events and rewind the head, or delete a whole chain with its head. So the worker writes, from
time to time, a file naming each chain's last sequence number and hash, signed with the audit
key (which is not in the database either), into a folder the database's users cannot reach.
The verifier then checks the database against every checkpoint it finds.

A checkpoint only records what verifies: the events since the chain's previous checkpoint are
checked first, and a chain that does not verify keeps its previous entry, so a checkpoint never
blesses a rewritten chain.
"""

import datetime
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import keys

FORMAT = 1
PREFIX = "checkpoint-"
# How many of the newest checkpoints are read (a day's, at one every 15 minutes). Each names
# every chain, and an event's keyed hash covers the one before it, so one checkpoint pins the
# whole of each chain up to its mark: older files add nothing while the newest hold, and may
# be archived.
CHECKED = 96


@dataclass(frozen=True)
class ChainMark:
    """One chain as a checkpoint saw it."""

    seq: int
    hash: str
    keyed_from: int | None  # the first event hashed with a key; later ones must be keyed too


@dataclass(frozen=True)
class Checkpoint:
    name: str
    written_at: str
    chains: dict[str, ChainMark]


def directory() -> Path:
    return Path(settings.PARENT_CHARTER_AUDIT_CHECKPOINT_DIR)


def _canonical(document: dict) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def _signature(document: dict, key: bytes) -> str:
    unsigned = {name: value for name, value in document.items() if name != "signature"}
    return hmac.new(key, _canonical(unsigned), "sha256").hexdigest()


def write(chains: dict[str, ChainMark]) -> Path:
    """Write a new signed checkpoint file; never overwrites one."""
    key_id, key = keys.current_key()
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    now = timezone.now().astimezone(datetime.UTC)
    document = {
        "format": FORMAT,
        "written_at": now.isoformat(timespec="microseconds"),
        "key_id": key_id,
        "chains": {
            chain: {"seq": mark.seq, "hash": mark.hash, "keyed_from": mark.keyed_from}
            for chain, mark in sorted(chains.items())
        },
    }
    document["signature"] = _signature(document, key)
    # Names sort in the order written; the random tail keeps two workers from colliding.
    name = f"{PREFIX}{now:%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(4)}.json"
    path = folder / name
    partial = folder / f".{name}.partial"
    with open(partial, "xb") as handle:
        handle.write(json.dumps(document, indent=1, sort_keys=True).encode())
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(partial, 0o444)
    os.replace(partial, path)
    return path


def load(limit: int = CHECKED) -> tuple[list[Checkpoint], list[str]]:
    """The newest checkpoints whose signature holds, oldest first, and what is wrong with the
    rest of the newest `limit`."""
    folder = directory()
    if not folder.is_dir():
        return [], []
    known = keys.known_keys()
    checkpoints, problems = [], []
    for path in sorted(folder.glob(f"{PREFIX}*.json"))[-limit:]:
        try:
            document = json.loads(path.read_text())
            key = known.get(document.get("key_id"))
            if key is None:
                problems.append(f"{path.name} is signed with a key this server does not have")
                continue
            if not hmac.compare_digest(
                str(document.get("signature", "")), _signature(document, key)
            ):
                problems.append(f"{path.name}: its signature does not match (altered or forged)")
                continue
            chains = {
                chain: ChainMark(int(mark["seq"]), str(mark["hash"]), mark.get("keyed_from"))
                for chain, mark in document["chains"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            problems.append(f"{path.name} cannot be read ({type(error).__name__})")
            continue
        checkpoints.append(Checkpoint(path.name, document.get("written_at", ""), chains))
    return checkpoints, problems


def latest_marks(checkpoints: list[Checkpoint]) -> dict[str, ChainMark]:
    marks: dict[str, ChainMark] = {}
    for checkpoint in checkpoints:
        for chain, mark in checkpoint.chains.items():
            if chain not in marks or mark.seq >= marks[chain].seq:
                marks[chain] = mark
    return marks
