"""Measuring the guard on the labelled evidence set (data/evidence_labelled.yaml).

Used by `manage.py guard_report` and by the test that fails the build if precision or recall
on the set drops below 0.9. The set mixes entries the rules were tuned on ("dev") with entries
written later ("holdout-1", "holdout-2"); the figures are reported for each, because only the
first measurement of a holdout says how the checker does on text it has not seen
(docs/referral-guard.md).
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import guard

LABELLED_SET = Path(__file__).resolve().parent / "data" / "evidence_labelled.yaml"


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
        result = guard.check(example.text)
        overall.add(example, result)
        by_split.setdefault(example.split, Scores()).add(example, result)
    return overall, by_split
