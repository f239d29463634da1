"""The referral guard: does a piece of evidence rest on the parent's own childhood in care?

A referral to children's services, or a request for a pre-birth assessment, must rest on what
is happening now. This module reads one piece of evidence and says whether it leans on the
parent's care history or their own childhood instead, and exactly which words made it think so.

It is deliberately plain: regular expressions grouped into families of cue, scored one
sentence at a time, with no statistics and no learned weights, so that a worker, a manager and
the parent can all be shown why a text was held, and a reviewer can read every rule in one
place: data/guard-rules.yaml.
docs/referral-guard.md explains the rules with examples and gives the measured precision and
recall on the labelled set in data/evidence_labelled.yaml (`manage.py guard_report`).

The families (weights in brackets):

- care history [3]: the parent is or was in care, looked after, a care leaver, fostered, in a
  children's home ("she grew up in care", "was a looked-after child", "ex-LAC").
- family pattern [3]: a prediction from family or group patterns ("cycle", "intergenerational",
  "like her mother", "care leavers often …").
- harm in own childhood [3]: how the parent was treated by their own parents when young ("her
  own mother neglected her", "abused as a child").
- own childhood [2]: the parent's childhood, upbringing or past ("as a child", "when she was
  young", "her upbringing", "her own mother").
- reasoning [1]: a word that draws a conclusion or makes a prediction ("so", "because",
  "likely", "will struggle"). It counts once, and only beside another cue.

A sentence is flagged when its score reaches 3. Cues inside a negation ("not because she was
in care", "her care history is not relevant") do not count. A dated or observed event in the
sentence ("yesterday", "on 3 May", "was seen") lowers each childhood cue by one, because
evidence of what happened this week that mentions the parent's mother is usually about the
mother's part in it now. Sentences are independent: a flagged sentence cannot be rescued by a
negation in another, and a clean sentence cannot be spoiled by one.

Welsh: a few common phrases are recognised ("mewn gofal", "plentyn sy'n derbyn gofal",
"gadael gofal", "profiad o ofal", "pan oedd hi'n blentyn", "ei mam ei hun", "felly",
"oherwydd"). The checker is written for English; Welsh prose is not otherwise understood.

Where things are: the rules (patterns, word lists, families and their weights) are data, in
data/guard-rules.yaml; the words shown about each family, marked for translation, are in
messages.py. The engine that uses them is four modules, each with one job: ruleset.py reads
and checks the rules file once per process, reading.py splits a text into sentences and finds
cues, negations and dates in each, deciding.py scores the sentences and gives the Result, and
highlighting.py cuts a text into segments for showing. Everything other code uses is imported
here, so `from parent_charter.childrens_services import guard` is the one way in.
"""

from .deciding import (
    CARE_HISTORY,
    COUNTED_ONLY_WITHOUT_CURRENT_EVENT,
    EVIDENCE,
    FAMILIES,
    HARM_IN_CHILDHOOD,
    OWN_CHILDHOOD,
    REASONING,
    RECORD,
    THRESHOLD,
    THRESHOLD_WITHOUT_CURRENT_EVENT,
    Discounted,
    Finding,
    Result,
    SentenceVerdict,
    check,
)
from .highlighting import Segment, findings_from_stored, highlight
from .reading import (
    CUES,
    CURRENT_EVENT,
    NEGATIONS,
    NOT_ONLY,
    NOT_THE_PARENT,
    OTHER_PEOPLE,
    QUOTED,
    SENTENCE_END,
    WHOLE_SENTENCE_NEGATIONS,
    _is_current_event,
    normalise,
    sentences,
)
from .ruleset import RULES, Cue, Family, GuardRulesError

FAMILY_PATTERN = FAMILIES["family-pattern"]
ROUTINE = FAMILIES["routine"]
PAST_RECORD = FAMILIES["past-record"]
# The families that say a text rests on the parent's past (routine and reasoning do not).
PAST_FAMILIES = RULES.past_families

__all__ = [
    "CARE_HISTORY",
    "COUNTED_ONLY_WITHOUT_CURRENT_EVENT",
    "CUES",
    "CURRENT_EVENT",
    "EVIDENCE",
    "FAMILIES",
    "FAMILY_PATTERN",
    "HARM_IN_CHILDHOOD",
    "NEGATIONS",
    "NOT_ONLY",
    "NOT_THE_PARENT",
    "OTHER_PEOPLE",
    "OWN_CHILDHOOD",
    "PAST_FAMILIES",
    "PAST_RECORD",
    "QUOTED",
    "REASONING",
    "RECORD",
    "ROUTINE",
    "RULES",
    "SENTENCE_END",
    "THRESHOLD",
    "THRESHOLD_WITHOUT_CURRENT_EVENT",
    "WHOLE_SENTENCE_NEGATIONS",
    "Cue",
    "Discounted",
    "Family",
    "Finding",
    "GuardRulesError",
    "Result",
    "Segment",
    "SentenceVerdict",
    "_is_current_event",
    "check",
    "findings_from_stored",
    "highlight",
    "normalise",
    "sentences",
]
