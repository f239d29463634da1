"""Reading a text: normalising it, splitting it into sentences, and finding in each sentence
the cues of the rules (data/guard-rules.yaml), the negations that cover some of them, and
whether it describes a current event or a year long past."""

import re
from dataclasses import dataclass

from .ruleset import RULES, Cue, Family

CUES = RULES.cues
NEGATIONS = RULES.negations
WHOLE_SENTENCE_NEGATIONS = RULES.whole_sentence_negations
NOT_ONLY = RULES.not_only
CURRENT_EVENT = RULES.current_event
NOT_THE_PARENT = RULES.not_the_parent
OTHER_PEOPLE = RULES.other_people
_RELATIVE_WHO = RULES.relative_who
_OWN_CHILD = RULES.own_child
PAST_RECORD = RULES.families["past-record"]

# A sentence ends at . ! ? ; or a line break. Line breaks always end one, so a sentence added
# on its own line is judged on its own.
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|\r+")


def normalise(text: str) -> str:
    """Lower case, straight apostrophes and plain spaces, keeping every character's position.

    Positions matter: findings point into the worker's own text, so normalising must never
    add or remove a character (some characters grow when lower-cased; those are left alone).
    """
    out = []
    for char in text:
        if char in "\u2018\u2019\u02bc\u0060\u00b4":
            out.append("'")
        elif char in "\u00a0\u2007\u202f\t":
            out.append(" ")
        elif char in "\u2010\u2011\u2012\u2013":
            out.append("-")
        else:
            lower = char.lower()
            out.append(lower if len(lower) == 1 else char)
    return "".join(out)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without surrounding spaces."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            out.append((begin, end))
    return out


@dataclass
class _Match:
    cue: Cue
    start: int
    end: int

    @property
    def family(self) -> Family:
        return self.cue.family


_PREVIOUS_WORD = re.compile(r"([a-z'-]+)[\s,()-]*$")


def _relative_subject_is_parent(sentence: str, start: int) -> bool:
    """ "Mum, who was looked after …": a relative clause is about the noun it follows."""
    before = _PREVIOUS_WORD.search(sentence[:start])
    if before is None:
        return True
    word = before.group(1)
    if word.endswith("'s"):
        word = word[:-2]
    return word not in NOT_THE_PARENT


def _cue_matches(sentence: str) -> tuple[list[_Match], list[tuple[_Match, str]]]:
    found, rejected = [], []
    for cue in CUES:
        for match in cue.pattern.finditer(sentence):
            start, end = match.span()
            if start == end:
                continue
            groups = match.groupdict()
            subject = groups.get("subj")
            about_someone_else = subject in NOT_THE_PARENT and not (
                subject in _RELATIVE_WHO
                and _relative_subject_is_parent(sentence, match.start("subj"))
            )
            if cue.checks_subject and about_someone_else:
                rejected.append((_Match(cue, start, end), "not the parent"))
                continue
            if cue.not_after and groups.get("before") in cue.not_after:
                continue
            if cue.after_other_person and OTHER_PEOPLE.intersection(
                word.removesuffix("'s")
                for word in re.findall(r"[a-z'-]+", sentence[max(0, start - 40) : start])
            ):
                rejected.append((_Match(cue, start, end), "not the parent"))
                continue
            if groups.get("before"):
                # The word before is context for the rule, not part of the finding.
                start = match.start("before") + len(groups["before"])
                while start < end and sentence[start].isspace():
                    start += 1
            found.append(_Match(cue, start, end))
    # Two rules that matched the same words about someone else say it once, and a rule that
    # knows who the words are about outranks one that does not look.
    rejected.sort(key=lambda pair: (-(pair[0].end - pair[0].start), pair[0].start))
    kept_rejected: list[tuple[_Match, str]] = []
    for pair in rejected:
        m = pair[0]
        if all(m.end <= k.start or m.start >= k.end for k, _ in kept_rejected):
            kept_rejected.append(pair)
    rejected = sorted(kept_rejected, key=lambda pair: pair[0].start)
    found = [
        m
        for m in found
        if not any(
            r.family is m.family and r.start < m.end and m.start < r.end for r, _ in rejected
        )
    ]
    # Where cues overlap, the stronger (then the longer) one explains the words.
    found.sort(key=lambda m: (-m.family.weight, -(m.end - m.start), m.start))
    kept: list[_Match] = []
    for candidate in found:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    kept.sort(key=lambda m: m.start)
    return kept, rejected


# Someone's own words, quoted: "she said 'I was in care so I know what they do'" reports what
# was said now, not the worker's reasoning. Three words or more, so a quoted term still counts.
QUOTED = re.compile(r"(?:^|(?<=[\s(:,-]))['\"“‘]([^'\"”’]+\s+[^'\"”’]+\s+[^'\"”’]+)['\"”’]")


def _negated_spans(sentence: str) -> list[tuple[int, int]]:
    quoted = [match.span() for match in QUOTED.finditer(sentence)]
    if NOT_ONLY.search(sentence):
        return quoted
    if any(pattern.search(sentence) for pattern in WHOLE_SENTENCE_NEGATIONS):
        return [(0, len(sentence))]
    return quoted + [match.span() for pattern in NEGATIONS for match in pattern.finditer(sentence)]


# --- When: is a sentence about now, or dated long ago? -----------------------------------------

_YEAR = re.compile(r"(?<![\d/.-])(19[5-9]\d|20\d\d)(?![\d/])")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})\b")


def _old_years(sentence: str, today) -> list[tuple[int, int]]:
    """Spans of years (or dates with a year) older than the recency a text can claim."""
    spans = []
    for match in _YEAR.finditer(sentence):
        if int(match.group(1)) < today.year - (1 if today.month > 6 else 2) + 1:
            spans.append(match.span(1))
    for match in _NUMERIC_DATE.finditer(sentence):
        year = int(match.group(1))
        year = year + 2000 if year < 100 else year
        if year < today.year - (1 if today.month > 6 else 2) + 1:
            spans.append(match.span())
    return spans


def _is_current_event(sentence: str, today) -> bool:
    old = _old_years(sentence, today)
    for match in CURRENT_EVENT.finditer(sentence):
        start, end = match.span()
        # "on 12 June 2018" names a day, but not a recent one.
        if any(start <= year_start < end + 6 for year_start, _ in old):
            continue
        return True
    return False


def _past_record(sentence: str, today) -> list[_Match]:
    if _OWN_CHILD.search(sentence):
        return []
    cue = _PAST_RECORD_CUE
    return [_Match(cue, start, end) for start, end in _old_years(sentence, today)]


_PAST_RECORD_CUE = Cue(PAST_RECORD, re.compile(r"(?!)"))
