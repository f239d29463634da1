"""The fresh evaluation sets: frozen, big enough, balanced, and the guard held to their floors.

Each set was written by a hand that had not read the rules and measured once, the moment it
was added, with the rules as they then stood (its `first_run`, kept as it was). The floor is
what the build holds the guard to on the set now: a change that lowers a held rate or raises
the wrongly-held rate fails here, and docs/referral-guard.md reports every set's first run.
"""

import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from parent_charter.childrens_services import evaluation

SETS = evaluation.fresh_sets()
DOCS = Path(__file__).resolve().parents[2] / "docs" / "referral-guard.md"
# The sets are frozen: a change to a text or a label changes its digest and fails here.
DIGESTS = {
    "fresh-a": "aae6be9f",
    "fresh-b": "bcd2f0cc",
    "fresh-c": "80c96453",
    "fresh-d": "3d39c175",
}


def test_there_are_fresh_sets_each_big_enough_and_balanced():
    assert len(SETS) >= 2
    for fresh in SETS:
        examples = evaluation.load_fresh(fresh.file)
        assert len(examples) >= 200, fresh.name
        held = sum(1 for e in examples if e.label in {"history", "routine"})
        current = sum(1 for e in examples if e.label == "current")
        assert 0.8 <= held / current <= 1.5, fresh.name
        assert len({e.text for e in examples}) == len(examples), f"{fresh.name}: a text twice"
        assert all(e.note for e in examples), f"{fresh.name}: every label says why"
        assert fresh.first_run and fresh.floor, f"{fresh.name}: first run and floor recorded"


@pytest.mark.parametrize("fresh", SETS, ids=[fresh.name for fresh in SETS])
def test_the_guard_stays_at_or_above_each_sets_floor(fresh):
    scores = evaluation.evaluate_fresh(evaluation.load_fresh(fresh.file), as_of=fresh.as_of)
    assert evaluation.below_floor(scores.figures(), fresh.floor) == []


@pytest.mark.parametrize("fresh", SETS, ids=[fresh.name for fresh in SETS])
def test_the_docs_report_each_sets_first_run(fresh):
    text = DOCS.read_text(encoding="utf-8")
    assert f"`{fresh.name}`" in text
    first = f"{fresh.first_run['history_held'] * 100:.1f}%"
    assert first in text, f"{fresh.name}: first run {first} not reported in the docs"


def test_the_sets_are_frozen():
    for fresh in SETS:
        digest = hashlib.sha256(fresh.file.read_bytes()).hexdigest()[:8]
        assert DIGESTS.get(fresh.name) == digest, f"{fresh.name} changed after it was frozen"


def test_below_floor_names_what_got_worse():
    floor = {"history_held": 0.9, "current_wrongly_held": 0.05}
    assert evaluation.below_floor({"history_held": 0.95, "current_wrongly_held": 0.01}, floor) == []
    worse = evaluation.below_floor({"history_held": 0.8, "current_wrongly_held": 0.1}, floor)
    assert worse == [
        "history_held: 0.8 is below 0.9",
        "current_wrongly_held: 0.1 is above 0.05",
    ]


def test_the_report_prints_the_fresh_sets_and_fails_below_a_floor(tmp_path, monkeypatch):
    out = io.StringIO()
    call_command("guard_report", stdout=out)
    text = out.getvalue()
    for fresh in SETS:
        assert fresh.name in text
    assert "history_held" in text and "current_wrongly_held" in text
    registry = tmp_path / "fresh-sets.yaml"
    first = SETS[0]
    registry.write_text(
        f"- name: impossible\n  file: {first.file.name}\n  as_of: 2026-12-06\n"
        "  written: test\n  first_run: {history_held: 1.0}\n  floor: {history_held: 1.01}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(evaluation, "FRESH_SETS", registry)
    with pytest.raises(CommandError, match="impossible history_held"):
        call_command("guard_report", stdout=io.StringIO())


def test_a_fresh_set_with_a_bad_label_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: x1, label: maybe, text: hello, note: n}\n", encoding="utf-8")
    with pytest.raises(evaluation.LabelledSetError, match="label"):
        evaluation.load_fresh(bad)
