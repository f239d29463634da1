"""The guard's precision and recall on the labelled evidence set: a regression fails the build."""

import io

import pytest
from django.core.management import CommandError, call_command

from parent_charter.childrens_services import evaluation

MINIMUM = 0.9


def test_the_set_is_big_enough_and_has_both_labels_and_splits():
    examples = evaluation.load()
    assert len(examples) >= 60
    flags = [e.flag for e in examples]
    assert flags.count(True) >= 25 and flags.count(False) >= 25
    assert {e.split for e in examples} == {"dev", "holdout-1", "holdout-2"}
    assert len({e.text for e in examples}) == len(examples), "a text is in the set twice"
    assert all(e.note for e in examples), "every label says why"


def test_precision_and_recall_on_the_set_stay_at_or_above_the_floor():
    overall, _by_split = evaluation.evaluate(evaluation.load())
    mistakes = [(m.kind, m.example.index) for m in overall.mistakes]
    assert overall.precision >= MINIMUM, mistakes
    assert overall.recall >= MINIMUM, mistakes
    assert overall.total == overall.tp + overall.fp + overall.fn + overall.tn


def test_the_report_prints_counts_figures_and_mistakes():
    out = io.StringIO()
    call_command("guard_report", stdout=out)
    text = out.getvalue()
    assert "precision" in text and "recall" in text
    assert "holdout-2" in text and "all" in text
    assert "false alarm" in text or "missed" in text or "No mistakes." in text


def test_the_report_fails_below_a_minimum_and_on_a_bad_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- text: only text\n", encoding="utf-8")
    with pytest.raises(CommandError, match="flag"):
        call_command("guard_report", file=str(bad), stdout=io.StringIO())
    hard = tmp_path / "hard.yaml"
    hard.write_text(
        "- {flag: true, text: 'Her situation worries me.', note: vague}\n"
        "- {flag: false, text: 'Seen on 3 May with a bruise.', note: current}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="below"):
        call_command("guard_report", file=str(hard), min=0.9, stdout=io.StringIO())
