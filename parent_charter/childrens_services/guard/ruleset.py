"""Loading the guard's rules from data/guard-rules.yaml, once, and checking them.

The file is read and every pattern compiled the first time the guard is imported; `RULES` is
that one reading for the life of the process. A mistake in the file raises GuardRulesError
naming the entry ("cues[12] (care-history): ..."), so a bad edit stops the application from
starting instead of quietly changing what is held.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .messages import FAMILY_TEXTS

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "guard-rules.yaml"

# The families the engine gives a part of its own (guard/deciding.py), by key.
ENGINE_FAMILIES = (
    "care-history",
    "family-pattern",
    "harm-in-own-childhood",
    "own-childhood",
    "reasoning",
    "routine",
    "past-record",
)
WORD_LISTS = (
    "not_the_parent",
    "stand_for_someone_named",
    "relative_who",
    "not_before_in_care",
    "not_after_like",
)
SCORES = ("threshold", "threshold_without_current_event", "carries_back")
TOP_LEVEL = frozenset(
    {
        "scores",
        "families",
        "words",
        "fragments",
        "cues",
        "negations",
        "whole_sentence_negations",
        "not_only",
        "current_event",
        "own_child",
    }
)
FAMILY_FIELDS = frozenset(
    {"key", "weight", "messages", "past", "softened_by_current_event", "only_without_current_event"}
)
CUE_FIELDS = frozenset(
    {"family", "pattern", "checks_subject", "not_after", "after_other_person", "note"}
)
_FRAGMENT = re.compile(r"\{\{([^{}]*)\}\}")


class GuardRulesError(ValueError):
    """The rules file is not as the guard needs it. The message names the entry."""


@dataclass(frozen=True)
class Family:
    key: str
    weight: int
    title: object  # lazily translated
    explanation: object  # lazily translated
    # Lowered by one when the sentence describes a dated or observed event.
    softened_by_current_event: bool = False


@dataclass(frozen=True)
class Cue:
    family: Family
    pattern: re.Pattern
    # Named group "subj", when present, must not be someone other than the parent.
    checks_subject: bool = False
    # Named group "before", when present, must not be one of these words ("would like her mum").
    not_after: frozenset = frozenset()
    # Not counted when someone other than the parent is named just before ("her first baby was
    # placed in foster care").
    after_other_person: bool = False


@dataclass(frozen=True)
class Rules:
    threshold: int
    threshold_without_current_event: int
    carries_back: int
    families: dict  # key -> Family, in the file's order
    past_families: frozenset
    counted_only_without_current_event: frozenset
    not_the_parent: frozenset
    other_people: frozenset
    relative_who: frozenset
    cues: tuple
    negations: tuple
    whole_sentence_negations: tuple
    not_only: re.Pattern
    current_event: re.Pattern
    own_child: re.Pattern


class _Reader:
    """Reads the parsed file, saying where in it anything is wrong."""

    def __init__(self, path: Path, data):
        self.path = path
        if not isinstance(data, dict):
            self.fail("the file", "must be a mapping of sections")
        unknown = sorted(set(data) - TOP_LEVEL)
        if unknown:
            self.fail("the file", f"unknown sections {unknown}")
        self.data = data
        self.fragments: dict[str, str] = {}

    def fail(self, where: str, problem: str):
        raise GuardRulesError(f"{self.path.name}, {where}: {problem}")

    def section(self, name: str, kind: type):
        if name not in self.data:
            self.fail(name, "missing")
        value = self.data[name]
        if not isinstance(value, kind):
            self.fail(name, f"must be a {kind.__name__}")
        return value

    def flag(self, entry: dict, name: str, where: str) -> bool:
        value = entry.get(name, False)
        if not isinstance(value, bool):
            self.fail(where, f"{name} must be true or false")
        return value

    def regex_text(self, value, where: str) -> str:
        """A pattern as written: one string, or a list of strings joined with nothing between."""
        if isinstance(value, str):
            pieces = [value]
        elif isinstance(value, list) and value and all(isinstance(p, str) for p in value):
            pieces = value
        else:
            self.fail(where, "a pattern must be a string or a list of strings")
        return "".join(pieces)

    def expand(self, text: str, where: str) -> str:
        def fragment(match):
            name = match.group(1)
            if name not in self.fragments:
                self.fail(where, f"unknown fragment {{{{{name}}}}}")
            return self.fragments[name]

        return _FRAGMENT.sub(fragment, text)

    def compile(self, value, where: str) -> re.Pattern:
        text = self.expand(self.regex_text(value, where), where)
        try:
            pattern = re.compile(text)
        except re.error as error:
            self.fail(where, f"not a regular expression ({error})")
        if pattern.match(""):
            self.fail(where, "the pattern matches empty text")
        return pattern

    def read(self) -> Rules:
        scores = self.section("scores", dict)
        for name in SCORES:
            if not isinstance(scores.get(name), int) or isinstance(scores.get(name), bool):
                self.fail(f"scores.{name}", "must be a whole number")
        families = self.read_families()
        words = self.read_words()
        for name, value in self.section("fragments", dict).items():
            if not isinstance(value, str | list):
                self.fail(f"fragments.{name}", "must be a string or a list of strings")
            text = self.regex_text(value, f"fragments.{name}")
            if "{{" in text:
                self.fail(f"fragments.{name}", "a fragment cannot use another fragment")
            self.fragments[name] = text
        cues = tuple(
            self.read_cue(index, entry, families, words)
            for index, entry in enumerate(self.section("cues", list))
        )
        negations = tuple(
            self.compile(value, f"negations[{index}]")
            for index, value in enumerate(self.section("negations", list))
        )
        whole = tuple(
            self.compile(value, f"whole_sentence_negations[{index}]")
            for index, value in enumerate(self.section("whole_sentence_negations", list))
        )
        for name in ("not_only", "current_event", "own_child"):
            if name not in self.data:
                self.fail(name, "missing")
        return Rules(
            threshold=scores["threshold"],
            threshold_without_current_event=scores["threshold_without_current_event"],
            carries_back=scores["carries_back"],
            families=families,
            past_families=frozenset(
                key for key, entry in self.family_entries.items() if entry.get("past")
            ),
            counted_only_without_current_event=frozenset(
                key
                for key, entry in self.family_entries.items()
                if entry.get("only_without_current_event")
            ),
            not_the_parent=words["not_the_parent"],
            other_people=words["not_the_parent"] - words["stand_for_someone_named"],
            relative_who=words["relative_who"],
            cues=cues,
            negations=negations,
            whole_sentence_negations=whole,
            not_only=self.compile(self.data["not_only"], "not_only"),
            current_event=self.compile(self.data["current_event"], "current_event"),
            own_child=self.compile(self.data["own_child"], "own_child"),
        )

    def read_families(self) -> dict:
        families, self.family_entries = {}, {}
        for index, entry in enumerate(self.section("families", list)):
            where = f"families[{index}]"
            if not isinstance(entry, dict):
                self.fail(where, "must be a mapping")
            key = entry.get("key")
            if not isinstance(key, str) or not key:
                self.fail(where, "key must be a name")
            where = f"families[{index}] ({key})"
            unknown = sorted(set(entry) - FAMILY_FIELDS)
            if unknown:
                self.fail(where, f"unknown fields {unknown}")
            if key in families:
                self.fail(where, "the key is used twice")
            weight = entry.get("weight")
            if not isinstance(weight, int) or isinstance(weight, bool) or weight < 1:
                self.fail(where, "weight must be a whole number of 1 or more")
            text = FAMILY_TEXTS.get(entry.get("messages"))
            if text is None:
                self.fail(
                    where,
                    f"messages {entry.get('messages')!r} is not a key of guard/messages.py "
                    "FAMILY_TEXTS",
                )
            for name in ("past", "only_without_current_event"):
                self.flag(entry, name, where)
            families[key] = Family(
                key,
                weight,
                text.title,
                text.explanation,
                softened_by_current_event=self.flag(entry, "softened_by_current_event", where),
            )
            self.family_entries[key] = entry
        missing = [key for key in ENGINE_FAMILIES if key not in families]
        if missing:
            self.fail("families", f"the engine needs these families: {missing}")
        return families

    def read_words(self) -> dict[str, frozenset]:
        section = self.section("words", dict)
        words = {}
        for name in WORD_LISTS:
            value = section.get(name)
            if not isinstance(value, str) or not value.split():
                self.fail(f"words.{name}", "must be words separated by spaces")
            words[name] = frozenset(value.split())
        unknown = sorted(set(section) - set(WORD_LISTS))
        if unknown:
            self.fail("words", f"unknown lists {unknown} (the engine reads {list(WORD_LISTS)})")
        return words

    def read_cue(self, index: int, entry, families: dict, words: dict) -> Cue:
        where = f"cues[{index}]"
        if not isinstance(entry, dict):
            self.fail(where, "must be a mapping")
        family = families.get(entry.get("family"))
        if family is None:
            self.fail(where, f"family {entry.get('family')!r} is not one of {list(families)}")
        where = f"cues[{index}] ({family.key})"
        unknown = sorted(set(entry) - CUE_FIELDS)
        if unknown:
            self.fail(where, f"unknown fields {unknown}")
        if "pattern" not in entry:
            self.fail(where, "pattern is missing")
        pattern = self.compile(entry["pattern"], where)
        checks_subject = self.flag(entry, "checks_subject", where)
        if checks_subject and "subj" not in pattern.groupindex:
            self.fail(where, 'checks_subject needs a group named "subj"')
        not_after = frozenset()
        if "not_after" in entry:
            if entry["not_after"] not in words:
                self.fail(where, f"not_after {entry['not_after']!r} is not a list of words")
            if "before" not in pattern.groupindex:
                self.fail(where, 'not_after needs a group named "before"')
            not_after = words[entry["not_after"]]
        return Cue(
            family,
            pattern,
            checks_subject=checks_subject,
            not_after=not_after,
            after_other_person=self.flag(entry, "after_other_person", where),
        )


def load(path: Path = RULES_FILE) -> Rules:
    """Read and check a rules file. Raises GuardRulesError naming the entry that is wrong."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GuardRulesError(f"{path.name}: not YAML ({error})") from None
    return _Reader(path, data).read()


@cache
def rules() -> Rules:
    """The rules in data/guard-rules.yaml, read once for the process."""
    return load(RULES_FILE)


RULES = rules()
