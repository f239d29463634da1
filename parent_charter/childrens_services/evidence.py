"""The structure a referral's evidence must have, whatever its words.

A referral to children's services, or a request for a pre-birth assessment, rests on at least
one specific current event: what was seen or reported (an event, not a label such as
"concerns" or "referral requested"), when (within the council's recency window), who saw or
reported it, and how it affects the child's safety now. Older pieces may sit beside such an
event as background but never stand alone. The form checks this to put a message by the field;
the service checks it again as the last wall (services._check).
"""

import datetime
import re

from django.utils import timezone

DEFAULT_RECENCY_MONTHS = 6

# Words that name a worry, a process or a person without saying what happened. A text made
# only of these (and small words) is a label: "Referral requested.", "Concerns re mum's
# parenting.", "Risk to baby.", "Safeguarding issues noted."
_LABEL_WORDS = """
    concern concerns concerned concerning worry worries worried worrying risk risks risky
    referral referrals refer referred referring request requested requesting requests
    safeguarding safeguard issue issues need needs needed assessment assessments assess
    assessed prebirth pre birth support supported vulnerable vulnerability vulnerabilities
    parenting parent parents capacity welfare wellbeing general generally various ongoing
    possible potential potentially query queried noted note notes current currently
    significant harm level levels high medium low raised raise raising around regarding re
    about reported report reports reporting please thanks thank consider considered
    consideration appropriate required require requires requirement further action actions
    service services social care children's childrens child children baby babies unborn mum
    mother mothers dad father fathers she he her his they them their hers him mums dads
    situation situations matter matters case cases family families home team local authority
    professional professionals worker workers pa sw hv mash front door cp cin lac cla
    plo case conference strategy discussion meeting check checks review reviewed
    threshold thresholds criteria met meets meeting standard protocol policy procedure
    routine routinely usual per as in line with accordance pathway
"""
_SMALL_WORDS = """
    a an the and or but of to for on at by with from into onto over under this that these
    those is are was were be been being has have had do does did it its there here some any
    all no not yes very more most much many few also just only still again so such than then
    i we you me my our your us s t re
"""
LABEL_WORDS = frozenset(_LABEL_WORDS.split())
SMALL_WORDS = frozenset(_SMALL_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# An event names at least this many words beyond labels and small words.
EVENT_WORDS = 2


def content_words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall((text or "").lower()):
        word = word.replace("’", "'")
        base = word[:-2] if word.endswith("'s") else word
        if base in SMALL_WORDS or base in LABEL_WORDS:
            continue
        words.append(base)
    return words


def is_label_only(text: str) -> bool:
    """True when the text names a worry or a process, not something that happened."""
    return len(content_words(text)) < EVENT_WORDS


def recency_months(council) -> int:
    """How long evidence stays current for this council (its offer's setting, or 6 months)."""
    offer = getattr(council, "local_offer", None) if council is not None else None
    months = getattr(offer, "evidence_recency_months", None) if offer else None
    return months or DEFAULT_RECENCY_MONTHS


def _months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 - months, 12)
    year, month = day.year + year, month + 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def current_from(council, today: datetime.date | None = None) -> datetime.date:
    """The earliest date a piece of evidence may carry and still count as current."""
    return _months_before(today or timezone.localdate(), recency_months(council))


def is_current(seen_on: datetime.date | None, cutoff: datetime.date) -> bool:
    return seen_on is not None and seen_on >= cutoff
