"""Showing findings: rebuilding stored findings against the evidence text, and cutting the text
into plain and highlighted segments for a template to draw."""

import re
from dataclasses import dataclass

from .deciding import FAMILIES, Finding


def findings_from_stored(text: str, stored: list[dict], field: str = "what") -> list[Finding]:
    """Findings kept with a piece of evidence, rebuilt for showing. Bad positions are dropped.

    Stored findings are positions and a rule, never the words: the words are always read from
    the evidence text itself, so what is highlighted is exactly what the worker wrote.
    """
    out = []
    for item in stored or []:
        if not isinstance(item, dict) or item.get("field", "what") != field:
            continue
        try:
            start, end, rule = int(item["start"]), int(item["end"]), str(item["rule"])
        except (KeyError, TypeError, ValueError):
            continue
        if rule in FAMILIES and 0 <= start < end <= len(text):
            out.append(Finding(rule, start, end, text[start:end]))
    return sorted(out, key=lambda f: f.start)


@dataclass(frozen=True)
class Segment:
    text: str
    finding: Finding | None = None
    number: int = 0  # the finding's number in the list beside the text, from 1


def highlight(text: str, findings, *, first: int = 1) -> list[list[Segment]]:
    """The evidence as paragraphs of plain and highlighted segments, for a template to escape.

    The template marks up each segment itself; nothing here is HTML, so a worker's "<script>"
    stays text. Overlapping findings (which `check` never produces) keep the first. Findings are
    numbered from `first` (the fields of one piece of evidence share one numbering).
    """
    segments: list[Segment] = []
    position = 0
    for number, finding in enumerate(sorted(findings, key=lambda f: f.start), start=first):
        if finding.start < position:
            continue
        if finding.start > position:
            segments.append(Segment(text[position : finding.start]))
        segments.append(Segment(text[finding.start : finding.end], finding, number))
        position = finding.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    paragraphs: list[list[Segment]] = [[]]
    for segment in segments:
        if segment.finding is not None:
            paragraphs[-1].append(segment)
            continue
        lines = re.split(r"\r\n|\r|\n", segment.text)
        for index, line in enumerate(lines):
            if index:
                paragraphs.append([])
            if line:
                paragraphs[-1].append(Segment(line))
    return [paragraph for paragraph in paragraphs if paragraph]
