"""Deciding: scoring each sentence's cues, holding the sentences that rest on the parent's past,
and giving the result as findings (the words that counted) and the cues that did not count."""

import datetime
from dataclasses import dataclass, field

from .reading import (
    _cue_matches,
    _is_current_event,
    _Match,
    _negated_spans,
    _past_record,
    normalise,
    sentences,
)
from .ruleset import RULES, Family

FAMILIES = RULES.families
CARE_HISTORY = FAMILIES["care-history"]
HARM_IN_CHILDHOOD = FAMILIES["harm-in-own-childhood"]
OWN_CHILDHOOD = FAMILIES["own-childhood"]
REASONING = FAMILIES["reasoning"]
COUNTED_ONLY_WITHOUT_CURRENT_EVENT = RULES.counted_only_without_current_event
THRESHOLD = RULES.threshold
# Where nothing in the evidence is a current event, one reference to the parent's own past is
# enough: there is nothing else for the referral to rest on.
THRESHOLD_WITHOUT_CURRENT_EVENT = RULES.threshold_without_current_event
# A sentence that draws a conclusion carries it back to the one before: "Her upbringing was
# chaotic. This is why I am referring." and "…unsettled; it would be prudent to assess".
_CARRIES_BACK = RULES.carries_back

# What is read: the evidence of a referral (where care status never belongs), or another record
# that can reach a decision about a child (a concern, an assessment, a review, a manager's
# reason), where the past may be mentioned but no conclusion may be drawn from it.
EVIDENCE = "evidence"
RECORD = "record"


@dataclass(frozen=True)
class Finding:
    """Words that counted towards holding the evidence, and the rule that made them count."""

    rule: str  # a Family key
    start: int  # position in the evidence text, counting from 0
    end: int
    words: str  # exactly text[start:end]

    @property
    def family(self) -> Family:
        return FAMILIES[self.rule]

    @property
    def title(self) -> str:
        return str(self.family.title)

    @property
    def explanation(self) -> str:
        return str(self.family.explanation)

    def as_dict(self) -> dict:
        return {"rule": self.rule, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Discounted:
    """A cue that matched but did not count, and why (for the report and the docs)."""

    rule: str
    start: int
    end: int
    words: str
    reason: str  # "negated", "not the parent", "current event", "sentence below threshold"


@dataclass(frozen=True)
class SentenceVerdict:
    start: int
    end: int
    score: int
    flagged: bool


@dataclass(frozen=True)
class Result:
    text: str
    findings: tuple[Finding, ...] = ()
    discounted: tuple[Discounted, ...] = ()
    sentences: tuple[SentenceVerdict, ...] = field(default=(), repr=False)

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @property
    def rules(self) -> list[str]:
        """The rules that fired, each once, in a stable order (stored on the guard's count)."""
        return sorted({finding.rule for finding in self.findings})


@dataclass
class _Sentence:
    start: int
    end: int
    counted: list
    discounted: list
    score: int
    has_reason: bool
    current: bool
    flagged: bool = False


def _judge(sentence: str, offset: int, original: str, *, today, text_current: bool, mode: str):
    matches, rejected = _cue_matches(sentence)
    matches = sorted(matches + _past_record(sentence, today), key=lambda m: m.start)
    negated = _negated_spans(sentence)
    current = _is_current_event(sentence, today)

    def words(m):
        return original[offset + m.start : offset + m.end]

    discounted = [
        Discounted(m.family.key, offset + m.start, offset + m.end, words(m), why)
        for m, why in rejected
    ]
    counted: list[_Match] = []
    for m in matches:
        if any(start <= m.start and m.end <= end for start, end in negated):
            discounted.append(
                Discounted(m.family.key, offset + m.start, offset + m.end, words(m), "negated")
            )
        elif m.family.key in COUNTED_ONLY_WITHOUT_CURRENT_EVENT and (
            text_current or mode == RECORD
        ):
            discounted.append(
                Discounted(
                    m.family.key, offset + m.start, offset + m.end, words(m), "current event"
                )
            )
        else:
            counted.append(m)
    has_reason = any(m.family is REASONING for m in counted)
    score = 0
    for m in counted:
        if m.family is REASONING:
            continue
        weight = m.family.weight
        if current and m.family.softened_by_current_event:
            weight -= 1
        # A statement of care status beside a current event, with nothing drawn from it, is
        # an aside: the referral rests on the event. Drawn on ("so", "likely"), it counts.
        if m.family is CARE_HISTORY and (text_current or mode == RECORD) and not has_reason:
            weight -= 1
        score += weight
    if (text_current or mode == RECORD) and not has_reason:
        # However many words name it, care status with nothing drawn from it is an aside.
        aside = sum(
            m.family.weight - 1 for m in counted if m.family in (CARE_HISTORY, OWN_CHILDHOOD)
        )
        others = score - aside
        score = others + min(aside, THRESHOLD - 1)
    if score and has_reason:
        score += REASONING.weight
    if mode == RECORD and not has_reason:
        # Outside a referral's evidence, the past may be written about; only a conclusion
        # drawn from it is held.
        score = min(score, THRESHOLD - 1)
    # With nothing current anywhere in the evidence, a reference to the parent's own past is
    # all it rests on: held at a lower score.
    threshold = THRESHOLD
    if (
        mode == EVIDENCE
        and not text_current
        and any(m.family in (CARE_HISTORY, OWN_CHILDHOOD, HARM_IN_CHILDHOOD) for m in counted)
    ):
        threshold = THRESHOLD_WITHOUT_CURRENT_EVENT
    return _Sentence(
        start=offset,
        end=offset + len(sentence),
        counted=counted,
        discounted=discounted,
        score=score,
        has_reason=has_reason,
        current=current,
        flagged=score >= threshold,
    )


def check(text: str, *, today=None, mode: str = EVIDENCE) -> Result:
    """Read one piece of evidence. Flagged when any sentence rests on the parent's past.

    `today` dates the reading (the recency of "in 2019"); `mode` is EVIDENCE for a referral's
    evidence and RECORD for other writing about the parent (see above).
    """
    today = today or datetime.date.today()
    text = text or ""
    plain = normalise(text)
    spans = sentences(plain)
    text_current = any(_is_current_event(plain[a:b], today) for a, b in spans)
    judged = [
        _judge(plain[a:b], a, text, today=today, text_current=text_current, mode=mode)
        for a, b in spans
    ]
    for before, after in zip(judged, judged[1:], strict=False):
        if (
            not before.flagged
            and before.score >= _CARRIES_BACK
            and after.has_reason
            and not after.flagged
            and not after.current
            and not any(m.family is not REASONING for m in after.counted)
        ):
            before.flagged = after.flagged = True
            before.score += REASONING.weight
    findings, discounted, verdicts = [], [], []
    for item in judged:
        discounted.extend(item.discounted)
        for m in item.counted:
            start, end = item.start + m.start, item.start + m.end
            if item.flagged and (m.family is not REASONING or item.score >= THRESHOLD):
                findings.append(Finding(m.family.key, start, end, text[start:end]))
            else:
                reason = (
                    "current event"
                    if item.current and m.family.softened_by_current_event
                    else "sentence below threshold"
                )
                discounted.append(Discounted(m.family.key, start, end, text[start:end], reason))
        verdicts.append(SentenceVerdict(item.start, item.end, item.score, item.flagged))
    return Result(
        text=text, findings=tuple(findings), discounted=tuple(discounted), sentences=tuple(verdicts)
    )
