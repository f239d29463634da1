"""Measuring the guard on the labelled evidence set (data/evidence_labelled.yaml).

Used by `manage.py guard_report` and by the test that fails the build if precision or recall
on the set drops below 0.9. The set mixes entries the rules were tuned on ("dev") with entries
written later ("holdout-1", "holdout-2"); the figures are reported for each, because only the
first measurement of a holdout says how the checker does on text it has not seen
(docs/referral-guard.md).
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import guard

LABELLED_SET = Path(__file__).resolve().parent / "data" / "evidence_labelled.yaml"
# The day the labelled set is read as of, so that "in 2025" means the same thing every year.
LABELLED_SET_AS_OF = datetime.date(2026, 12, 6)


@dataclass(frozen=True)
class Example:
    index: int
    text: str
    flag: bool
    note: str
    split: str


@dataclass(frozen=True)
class Mistake:
    example: Example
    result: guard.Result

    @property
    def kind(self) -> str:
        return "missed" if self.example.flag else "false alarm"


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, example: Example, result: guard.Result) -> None:
        if result.flagged and example.flag:
            self.tp += 1
        elif result.flagged:
            self.fp += 1
            self.mistakes.append(Mistake(example, result))
        elif example.flag:
            self.fn += 1
            self.mistakes.append(Mistake(example, result))
        else:
            self.tn += 1


class LabelledSetError(ValueError):
    pass


def load(path: Path = LABELLED_SET) -> list[Example]:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise LabelledSetError(f"{path}: expected a list of entries")
    examples = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("flag"), bool):
            raise LabelledSetError(f"{path}: entry {index} needs flag: true or false")
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            raise LabelledSetError(f"{path}: entry {index} needs a text")
        examples.append(
            Example(
                index=index,
                text=text,
                flag=entry["flag"],
                note=str(entry.get("note", "")),
                split=str(entry.get("split", "dev")),
            )
        )
    return examples


def evaluate(examples: list[Example]) -> tuple[Scores, dict[str, Scores]]:
    """Scores over the whole set, and per split."""
    overall, by_split = Scores(), {}
    for example in examples:
        result = guard.check(example.text, today=LABELLED_SET_AS_OF)
        overall.add(example, result)
        by_split.setdefault(example.split, Scores()).add(example, result)
    return overall, by_split


# --- Fresh sets: written by a hand that had not read the rules, measured once before changes --

DATA = Path(__file__).resolve().parent / "data"
FRESH_SETS = DATA / "fresh-sets.yaml"
FRESH_LABELS = ("history", "routine", "mixed", "current")
# A text labelled so should be held by the guard; "current" should go through.
HELD_LABELS = frozenset({"history", "routine", "mixed"})


@dataclass(frozen=True)
class FreshExample:
    id: str
    label: str
    text: str
    note: str


@dataclass(frozen=True)
class FreshSet:
    name: str
    file: Path
    written: str
    first_run: dict
    floor: dict
    as_of: datetime.date  # the "today" the texts were written for


@dataclass
class FreshScores:
    """Per label: how many texts, how many the guard held, how many it held as routine."""

    texts: dict = field(default_factory=dict)
    held: dict = field(default_factory=dict)
    routine: dict = field(default_factory=dict)
    label_only: int = 0  # current-evidence texts the form would refuse as a label, not an event
    mistakes: list = field(default_factory=list)

    def rate(self, label: str, counter: str = "held") -> float:
        total = self.texts.get(label, 0)
        return getattr(self, counter).get(label, 0) / total if total else 0.0

    def figures(self) -> dict:
        current = self.texts.get("current", 0)
        return {
            "history_held": round(self.rate("history"), 3),
            "routine_held": round(self.rate("routine"), 3),
            "routine_held_as_routine": round(self.rate("routine", "routine"), 3),
            "mixed_held": round(self.rate("mixed"), 3),
            "current_wrongly_held": round(self.rate("current"), 3),
            "current_refused_as_label": round(self.label_only / current, 3) if current else 0.0,
        }


def load_fresh(path: Path) -> list[FreshExample]:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise LabelledSetError(f"{path}: expected a list of entries")
    examples = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or entry.get("label") not in FRESH_LABELS:
            raise LabelledSetError(
                f"{path}: entry {index} needs label: one of {', '.join(FRESH_LABELS)}"
            )
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            raise LabelledSetError(f"{path}: entry {index} needs a text")
        examples.append(
            FreshExample(
                id=str(entry.get("id", index)),
                label=entry["label"],
                text=text,
                note=str(entry.get("note", "")),
            )
        )
    return examples


def fresh_sets(path: Path | None = None) -> list[FreshSet]:
    entries = yaml.safe_load(Path(path or FRESH_SETS).read_text(encoding="utf-8")) or []
    return [
        FreshSet(
            name=entry["name"],
            file=DATA / entry["file"],
            written=str(entry.get("written", "")),
            first_run=dict(entry.get("first_run") or {}),
            floor=dict(entry.get("floor") or {}),
            as_of=datetime.date.fromisoformat(str(entry["as_of"])),
        )
        for entry in entries
    ]


def evaluate_fresh(examples: list[FreshExample], *, as_of: datetime.date) -> FreshScores:
    from .evidence import is_label_only

    scores = FreshScores()
    for example in examples:
        result = guard.check(example.text, today=as_of)
        label = example.label
        scores.texts[label] = scores.texts.get(label, 0) + 1
        if result.flagged:
            scores.held[label] = scores.held.get(label, 0) + 1
        if guard.ROUTINE.key in result.rules:
            scores.routine[label] = scores.routine.get(label, 0) + 1
        if label == "current" and is_label_only(example.text):
            scores.label_only += 1
        wrong = result.flagged != (label in HELD_LABELS)
        if wrong:
            scores.mistakes.append((example, result))
    return scores


def below_floor(figures: dict, floor: dict) -> list[str]:
    """The figures that are worse than the floor recorded for the set (empty when none)."""
    worse = []
    for name, limit in floor.items():
        value = figures.get(name)
        if value is None:
            worse.append(f"{name}: not measured")
        elif name.startswith("current_") and value > limit:
            worse.append(f"{name}: {value} is above {limit}")
        elif not name.startswith("current_") and value < limit:
            worse.append(f"{name}: {value} is below {limit}")
    return worse
