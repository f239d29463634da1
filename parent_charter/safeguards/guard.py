"""The referral guard: does a piece of evidence rest on the parent's own childhood in care?

A referral to children's services, or a request for a pre-birth assessment, must rest on what
is happening now. This module reads one piece of evidence and says whether it leans on the
parent's care history or their own childhood instead, and exactly which words made it think so.

It is deliberately plain: regular expressions grouped into five families of cue, scored one
sentence at a time, with no statistics and no learned weights, so that a worker, a manager and
the parent can all be shown why a text was held, and a reviewer can read every rule here.
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
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

THRESHOLD = 3
# Where nothing in the evidence is a current event, one reference to the parent's own past is
# enough: there is nothing else for the referral to rest on.
THRESHOLD_WITHOUT_CURRENT_EVENT = 2


@dataclass(frozen=True)
class Family:
    key: str
    weight: int
    title: object  # lazily translated
    explanation: object  # lazily translated
    # Lowered by one when the sentence describes a dated or observed event.
    softened_by_current_event: bool = False


CARE_HISTORY = Family(
    "care-history",
    3,
    _("The parent's own time in care"),
    _(
        "These words say the parent is or was in care, looked after or a care leaver. Care "
        "status or care history is never evidence of risk: describe what is happening now."
    ),
)
FAMILY_PATTERN = Family(
    "family-pattern",
    3,
    _("A prediction from a family or group pattern"),
    _(
        "These words predict the parent's care of the child from a pattern (a 'cycle', "
        "'generations', 'like her mother', what 'care leavers' do) instead of from what this "
        "parent is doing now."
    ),
)
HARM_IN_CHILDHOOD = Family(
    "harm-in-own-childhood",
    3,
    _("How the parent was treated as a child"),
    _(
        "These words describe how the parent was treated by their own parents or family when "
        "they were young. What happened to the parent as a child is not evidence of risk to "
        "their child now."
    ),
    softened_by_current_event=True,
)
OWN_CHILDHOOD = Family(
    "own-childhood",
    2,
    _("The parent's own childhood or past"),
    _(
        "These words refer to the parent's own childhood, upbringing or past. On their own "
        "they are not held, but with a conclusion drawn from them they suggest the concern "
        "rests on the parent's past."
    ),
    softened_by_current_event=True,
)
REASONING = Family(
    "reasoning",
    1,
    _("A conclusion or prediction"),
    _(
        "A word that draws a conclusion or predicts ('so', 'because', 'likely', 'will "
        "struggle'). Beside a reference to the parent's past, it shows the concern is "
        "reasoned from that past."
    ),
)
ROUTINE = Family(
    "routine",
    3,
    _("A routine referral"),
    _(
        "These words rest the referral on a policy, a protocol, standard practice, the team "
        "the parent is open to, or their age or status, not on something that happened. A "
        "referral made as a matter of routine is the discrimination the charter asks councils "
        "to end: describe the event that shows a current risk."
    ),
)
PAST_RECORD = Family(
    "past-record",
    3,
    _("An old record"),
    _(
        "These words date what is described to long ago. Evidence must describe what is "
        "happening now: an old record may be background beside a current event, but it is "
        "never evidence of risk on its own."
    ),
)
FAMILIES = {
    f.key: f
    for f in (
        CARE_HISTORY,
        FAMILY_PATTERN,
        HARM_IN_CHILDHOOD,
        OWN_CHILDHOOD,
        REASONING,
        ROUTINE,
        PAST_RECORD,
    )
}
# The families that say a text rests on the parent's past (routine and reasoning are not).
PAST_FAMILIES = frozenset(
    {
        CARE_HISTORY.key,
        FAMILY_PATTERN.key,
        HARM_IN_CHILDHOOD.key,
        OWN_CHILDHOOD.key,
        PAST_RECORD.key,
    }
)
# Counted only when nothing in the whole text is a current event: a policy named beside an
# event this week is not a routine referral, and neither is an old record given as background.
COUNTED_ONLY_WITHOUT_CURRENT_EVENT = frozenset({ROUTINE.key, PAST_RECORD.key})

# Words that, as the subject of "was in care" and the like, mean someone other than the parent:
# "her first child was taken into care last year" is recent parenting evidence, not the
# parent's childhood.
_NOT_THE_PARENT = """
    baby babies child children son sons daughter daughters twins twin toddler infant newborn
    eldest youngest sibling siblings brother brothers sister sisters they them who which that
    kids boy girl boys girls niece nephew cousin it these those both partner partners
    boyfriend girlfriend husband wife fiance fiancee ex stepdad stepfather stepmum stepmother
    neighbour neighbours friend friends flatmate lodger uncle aunt auntie nan grandmother
    grandad grandfather grandparents
"""
NOT_THE_PARENT = frozenset(_NOT_THE_PARENT.split())
# "The baby is in care", "in intensive care": the word before "in care" says it is not the
# parent's own time in care.
_NOT_BEFORE_IN_CARE = """
    baby babies child children son daughter twins toddler infant newborn sibling siblings
    brother sister kids is are be been being intensive special antenatal postnatal neonatal
    primary social health respite day
"""
OTHER_PEOPLE = NOT_THE_PARENT - {
    "who",
    "which",
    "that",
    "they",
    "them",
    "it",
    "these",
    "those",
    "both",
}

_PARENT_NOUNS = (
    r"(?:mother|mum|mam|mom|father|dad|parents?|stepfather|stepdad|stepmother|stepmum|"
    r"birth\s+(?:mother|father|parents|family))"
)
_POSSESSIVE = r"(?:her|his|their|mum's|mums|dad's|dads|mother's|father's)"
_CHILD_STAGE = (
    r"(?:child|kid|teenager|teen|young\s+child|little\s+girl|little\s+boy|girl|boy|youngster|"
    r"baby|toddler|infant|young\s+teenager|adolescent)"
)
_CARE_KIND = (
    r"(?:(?:foster|residential|local\s+authority|la|kinship|long[- ]term|short[- ]term)\s+)?"
)
_WAS = r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|been|being|'s\s+been)"
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|ionawr|chwefror|mawrth|"
    r"ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)"
)
# "She would like her mum to help" is not a comparison with her mother.
_NOT_AFTER_LIKE = "would i we you they she he to not doesn't didn't does did don't 'd d really also"
_DAYS = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thurs?|fri|sat|sun)"
)


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


def _cue(family, regex, **kwargs) -> Cue:
    return Cue(family, re.compile(regex), **kwargs)


CUES: tuple[Cue, ...] = (
    # --- The parent's own time in care.
    _cue(
        CARE_HISTORY,
        r"\b(?:grew|grown|growing|brought|bought|raised)\s+up\s+in\s+" + _CARE_KIND + r"care\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:raised|brought\s+up|spent\s+(?:\w+\s+){0,3}(?:years|childhood|life|teens|youth|"
        r"time))\s+in\s+" + _CARE_KIND + r"care\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+"
        + _WAS
        + r"\s+(?:(?:also|herself|himself|previously|formerly)\s+)?(?:placed\s+)?in\s+"
        + _CARE_KIND
        + r"care\b(?!\s*(?:of|proceedings|planning|plan|order|and\s+support|team|"
        r"unit))(?!\s+with\s+(?:the|her|his|their)\s+(?:baby|child|son|daughter))",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\bin\s+"
        + _CARE_KIND
        + r"care\s+(?:herself|himself|themselves|as\s+a|when\s+(?:she|he|they)|"
        r"from\s+(?:the\s+)?age|from\s+birth|until\s+(?:she|he|they|the\s+age|age|\d)|"
        r"since\s+(?:she|he|they|the\s+age|age)|aged\s+\d|at\s+the\s+age)",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:her|his|their)\s+(?:own\s+)?(?:time|years|placements?|experiences?|life|"
        r"childhood)\s+in\s+" + _CARE_KIND + r"care\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\bwhile\s+(?:she|he|they)\s+(?:was|were)\s+in\s+" + _CARE_KIND + r"care\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:in\s+and\s+out\s+of|through\s+the)\s+"
        + _CARE_KIND
        + r"care(?:\s+system)?\b|\b(?:foster|residential)\s+care\s+(?:herself|himself|"
        r"themselves)\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:(?:is|was|were|are|has\s+been|had\s+been|been|remains|"
        r"remained)\s+)?(?:(?:also|still|currently|"
        r"now)\s+)?in\s+the\s+care\s+of\s+(?:the\s+)?(?:local\s+authority|council|la\b|"
        r"[a-z]+\s+(?:council|county\s+council))",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\blook(?:e)?d[- ]after\s+by\s+[a-z]+(?:\s+(?:county\s+)?council)?\s+(?:until|from|"
        r"since|between)\s+(?:(?:she|he|they)\s+(?:was|were|turned)\s+)?(?:aged\s+|"
        r"the\s+age\s+of\s+)?1[0-9]\b(?!\s*[:.]\d)",
    ),
    _cue(
        CARE_HISTORY,
        r"\beligible\s+for\s+(?:leaving\s+care|care\s+leavers?')\s+(?:support|services|help|"
        r"grant)",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:former|ex|previous|formerly)[- ]?(?:care\s+leaver|looked[- ]after|lac\b|cla\b|"
        r"relevant\s+child)",
    ),
    _cue(
        CARE_HISTORY,
        r"\bcare[- ]?leavers?\b(?!'?\s*(?:grant|bursary|offer|council\s+tax|team|service|"
        r"covenant|apprenticeship|discount|exemption|setting[- ]up|support\s+(?:grant|fund)))",
    ),
    _cue(CARE_HISTORY, r"\bcare[- ]experienced?\b(?!\s+(?:team|service|services|worker))"),
    _cue(CARE_HISTORY, r"\b(?:has|have|with)\s+(?:\w+\s+)?care\s+experience\b"),
    _cue(
        CARE_HISTORY,
        r"\b(?:is|was|she'?s|he'?s|as)\s+(?:a\s+|still\s+)?(?:leaving|"
        r"left)\s+care\b(?!\s+(?:team|service|services|worker|pa|personal|grant|support))",
    ),
    _cue(CARE_HISTORY, r"\bleft\s+care\s+(?:at|aged|when|in|last|two|three|a\s+year)"),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:(?:has|had|only|recently|just)\s+)*left\s+care\b(?!\s+(?:of|"
        r"to|for))",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:was|were|had\s+been)\s+placed\s+with\s+(?:foster\s+carers?|"
        r"(?:a\s+)?foster\s+(?:family|carer|placement)|kinship\s+carers?)\b",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\bcare\s+(?:hist\w*|histroy|hsitory|background|status|records?|journey|"
        r"leaving\s+status)\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:history|background)\s+(?:of|in)\s+(?:being\s+)?(?:in\s+)?(?:"
        + _CARE_KIND
        + r"care|looked[- ]after|lookd\s+after|fostered)\b(?!\s+(?:work|worker|jobs?|"
        r"assistant|sector|roles?|homes?\s+work))",
    ),
    _cue(
        CARE_HISTORY,
        r"\blooked[- ]after\s+(?:child|children|young\s+person|young\s+people|status|"
        r"by\s+(?:the\s+)?(?:local\s+authority|council|la\b|[a-z]+\s+(?:council|"
        r"county\s+council)))",
    ),
    _cue(
        CARE_HISTORY,
        r"\blook(?:e)?d\s+after\s+by\s+(?:the\s+)?(?:local\s+authority|council|la)\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+"
        + _WAS
        + r"\s+(?:(?:also|previously|formerly)\s+)?look(?:e)?d[- ]after\s+(?:as\s+a|from|since|"
        r"until|between|for\s+(?:\d+|many|several|most)|when|aged|at\s+the\s+age|under\s+(?:a|"
        r"an|section|s\.?\s?\d))",
        checks_subject=True,
    ),
    _cue(CARE_HISTORY, r"\b(?:previously|formerly)\s+looked[- ]after\b"),
    _cue(CARE_HISTORY, r"\b(?:was|is|a|as\s+a|former)\s+(?:lac|cla)\b"),
    _cue(CARE_HISTORY, r"\b(?:lac|cla)\s+(?:child|status|history|young\s+person|review)\b"),
    _cue(
        CARE_HISTORY,
        r"\b(?:former\s+)?relevant\s+child\b|\beligible\s+child\b|"
        r"\bcategory\s+[1-6]\s+(?:young\s+person|care\s+leaver)",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:was|were|had\s+been|has\s+been)\s+(?:also\s+)?fostered\b",
        checks_subject=True,
    ),
    _cue(CARE_HISTORY, r"\bfostered\s+(?:as\s+a|from|until|aged|at\s+the\s+age|when\s+(?:she|he))"),
    _cue(
        CARE_HISTORY,
        r"\b(?:her|his|their)\s+(?:own\s+)?(?:foster\s+)?placement\s+(?:moves|breakdowns?|"
        r"history)|\b(?:multiple|many|several|numerous|\d+)\s+(?:foster\s+)?placements?\b|"
        r"\bplacement\s+breakdowns?\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:children's|childrens|childrens')\s+homes?\b|\bresidential\s+(?:unit|home|"
        r"placement)s?\b|\bsecure\s+(?:children's\s+)?(?:unit|home)\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:was|were|had\s+been)\s+(?:herself\s+|himself\s+)?(?:on|"
        r"subject\s+to|under|made\s+subject\s+to)\s+(?:a\s+|an\s+)?(?:interim\s+|"
        r"full\s+)?care\s+order\b(?!\s+(?:for|regarding|concerning|in\s+respect))",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:was|were|had\s+been|has\s+been)\s+(?:taken|received|placed|"
        r"removed|brought|accommodated)\s+into\s+(?:" + _CARE_KIND + r")?care\b",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:came|went|entered)\s+(?:into\s+)?care\b",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\binto\s+"
        + _CARE_KIND
        + r"care\s+(?:aged|at\s+(?:the\s+age|\d)|when\s+(?:she|he|they)|as\s+a)",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:was|were|had\s+been)\s+removed\s+from\s+"
        + _POSSESSIVE
        + r"\s+(?:"
        + _PARENT_NOUNS
        + r"|family)(?:'s|s'|s)?\s*(?:care)?",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\baccommodated\s+(?:under\s+)?(?:section\s+20|s\.?\s?20|s\.?\s?76)",
        after_other_person=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\bknown\s+to\s+(?:us|the\s+service|(?:children's|childrens|social)\s+services|"
        r"the\s+local\s+authority|the\s+council|social\s+care)(?=\s+(?:as\s+a|since\s+(?:she|he|"
        r"they|birth|childhood)|from\s+(?:her|his|their|birth|childhood|a\s+young)|"
        r"during\s+(?:her|his|their)))",
    ),
    _cue(CARE_HISTORY, r"\b(?:for|of)\s+(?:all\s+)?(?:pregnant\s+)?care\s+leavers\b"),
    # More ways of naming care: bare LAC / CLA, placements, being brought up by the local
    # authority or by carers, residential provision, removal from her own mother.
    _cue(CARE_HISTORY, r"\b(?:lac|cla|cic)\b", after_other_person=True),
    _cue(
        CARE_HISTORY,
        r"\b(?:her|his|their|in|during|across|between)\s+(?:\w+\s+)?(?:foster\s+)?placements\b|"
        r"\bfoster\s+placement\s+(?:at|aged|from|when)\b|\bresidential\s+provision\b|"
        r"\b(?:brought\s+up|raised|parented)\s+by\s+(?:the\s+)?(?:local\s+authority|council|"
        r"la\b|carers|foster\s+carers|the\s+state|social\s+services)|\b(?:local\s+authority|"
        r"council)\s+was\s+(?:\w+\s+)?(?:her|his|their)\s+parent\b|\bsubject\s+of\s+care\s+"
        r"proceedings\s+(?:as\s+an?|herself|himself|when)\b",
        after_other_person=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:herself\s+|himself\s+)?(?:was|were|had\s+been)\s+"
        r"(?:herself\s+|himself\s+)?(?:removed|taken)\s+(?:from\s+(?:her|his|their)\s+(?:own\s+)?"
        r"(?:mother|mum|father|dad|parents|family|birth\s+family)|into\s+care|at\s+birth)|"
        r"\b(?P<subj2>[a-z'-]+)\s+(?:herself|himself)\s+was\s+accommodated\b",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\bhanes\s+gofal\b|\bgofalwyr\s+maeth\b|\bmagu\s+gan\s+(?:ofalwyr|yr\s+awdurdod)|"
        r"\bcafodd\s+ei\s+(?:magu|maethu)\b|\bderbyn\s+gofal\b",
    ),
    # Care named as a period, a system or a file of the parent's life.
    _cue(
        CARE_HISTORY,
        r"\b(?:care|looked[- ]after|placement|foster|fostering|cared[- ]for)['\"]?\s+"
        r"(?:years|system|past|background|biography|career|experience|journey)\b|"
        r"\bin\s+the\s+(?:looked[- ]after\s+|care\s+)?system\b|"
        r"\bcared[- ]for\s+(?:child|children|teenager|young\s+person|girl|boy)\b|"
        r"\b(?:a\s+)?child\s+of\s+the\s+state\b|\bone\s+of\s+ours\b|\bgroup\s+homes?\b|"
        r"\bfoster\s+homes\b|\b(?:foser|fostr|fster|fosster)\s+(?:care|homes?|carers?)\b|"
        r"\blooked[- ]after\s+(?:teenager|teen|girl|boy|years)\b|\bcare[- ]exp\b|"
        r"\b(?:shared|held|had)\s+parental\s+responsibility\s+for\s+(?:her|him|this\s+young)|"
        r"\bcare\s+kids\b|\b(?:the\s+)?same\s+placements?\b|\b(?:social\s+care|children's\s+"
        r"services|social\s+services)\s+(?:file|records|history)\b|\b(?:mother's|mum's|"
        r"father's|dad's)\s+(?:file|biography|history|background|past)\b",
        after_other_person=True,
    ),
    # Who is a care leaver: "Partner (himself a care leaver)", "her partner is also care
    # experienced" are about someone else.
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s*[(,]?\s*(?:is|was|being|himself|herself|who\s+is|who\s+was)\s+"
        r"(?:also\s+|himself\s+|herself\s+)?(?:an?\s+)?(?:care[- ]?leaver|care[- ]experienced?|"
        r"looked[- ]after\s+child|former\s+relevant\s+child)\b",
        checks_subject=True,
    ),
    # Care named in other ways: "in care" with no subject, "the system", residential and
    # secure settings, kinship care, special guardianship, "CLA", a corporate parent.
    _cue(
        CARE_HISTORY,
        r"(?:\b(?P<before>[a-z'-]+)\s+)?\bin\s+(?:foster\s+|residential\s+|local\s+authority\s+|"
        r"long[- ]term\s+)?care\b(?!\s+(?:of|proceedings|planning|plans?|order|team|unit|"
        r"package|home\s+for|needs|and\s+support|givers?|workers?|provider|assessment))",
        not_after=frozenset(_NOT_BEFORE_IN_CARE.split()),
        after_other_person=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:time|years|childhood|life|grew\s+up|growing\s+up|raised|brought\s+up)\s+in\s+"
        r"the\s+(?:care\s+)?system\b|\bfailed\s+by\s+the\s+(?:care\s+)?system\b|"
        r"\bcare\s+system\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:residential|secure)\s+(?:and\s+(?:residential|secure)\s+)?(?:settings?|care|"
        r"placements?|units?|homes?)\b|\b(?:in|into|at|from|left)\s+residential\b|"
        r"\b(?:in|into|between)\s+(?:\w+\s+)?care\s+homes\b",
    ),
    _cue(CARE_HISTORY, r"\bkinship\s+(?:care|placement|carers?|arrangement)\b"),
    _cue(
        CARE_HISTORY,
        r"\b(?:was|were|is|under|on|subject\s+to)\s+(?:an?\s+)?(?:sgo|special\s+guardianship"
        r"(?:\s+order)?)\b|\bcorporate\s+parent(?:s|ing)?\b|\b(?:was|is|as|a|former|ex)\s*[- ]?"
        r"(?:cla|lac|cic)\b|\bcla\b(?!\s+review\s+for\s+(?:the\s+)?baby)",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:(?:is|was|were|had\s+been|has\s+been)\s+)?(?:\w+\s+)?"
        r"(?:came|went|entered|coming|going|come|taken|received|placed|removed|brought|"
        r"accommodated|returned)\s+(?:back\s+)?(?:into|in\s+to|to)\s+" + _CARE_KIND + r"care\b",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?P<subj>[a-z'-]+)\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?"
        r"look(?:e)?d[- ]after\b(?!\s+(?:by\s+(?:her|his|their|a|the)\s+(?!local|council)|"
        r"well|the\s+baby|him|her\b))",
        checks_subject=True,
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:while|whilst|when|during\s+(?:her|his|their)\s+time)\s+(?:(?:she|he|they)\s+"
        r"(?:was|were)\s+)?(?:looked\s+after|in\s+(?:foster\s+|residential\s+)?care|"
        r"accommodated|fostered)\b|\bbefore\s+(?:becoming|being)\s+(?:looked\s+after|"
        r"accommodated|fostered)\b|\bprior\s+to\s+(?:becoming|being)\s+(?:looked\s+after|"
        r"accommodated)\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:placed|put)\s+(?:up\s+)?for\s+adoption\b|\b(?:adoption|placement)\s+"
        r"(?:disrupted|broke\s+down)\b|\bremoved\s+(?:from\s+(?:her|his|their)\s+\w+\s+)?at\s+"
        r"(?:birth|\d+\s+(?:weeks?|months?|days?)\s+old)\b|\bremoved\s+from\s+(?:mum|"
        r"her\s+mum|his\s+mum|her\s+mother|his\s+mother|home)\b|\b(?:\d+|multiple|many|"
        r"several|numerous)\s+(?:moves|placements)\s+in\s+care\b|\bimpossible\s+to\s+place\b|"
        r"\b(?:foster|placement)\s+famil(?:y|ies)\b|\bleaving\s+care\s+status\b",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:long\s+|lengthy\s+|extensive\s+)?history\s+with\s+(?:children's|childrens|"
        r"social)\s+services\b|\bknown\s+to\s+(?:services|social\s+services|children's\s+"
        r"services|social\s+care)\s+all\s+(?:her|his|their)\s+life\b",
    ),
    # Welsh.
    _cue(
        CARE_HISTORY,
        r"\bmewn\s+gofal\b(?!\s+(?:dwys|brys|cynenedigol|ysbyty|iechyd|critigol|arbennig))",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:plentyn|plant|person\s+ifanc)\s+sy'n\s+derbyn\s+gofal\b|"
        r"\bwedi\s+derbyn\s+gofal\b|\bderbyn\s+gofal\s+gan\s+yr\s+awdurdod",
    ),
    _cue(
        CARE_HISTORY,
        r"\b(?:wedi\s+)?gadael\s+gofal\b|\bymadawyr?\s+gofal\b|\bgadawyr?\s+gofal\b|"
        r"\bprofiad\s+o\s+ofal\b|\bmagwyd\s+(?:hi|e|o|nhw)?\s*mewn\s+gofal",
    ),
    _cue(
        CARE_HISTORY,
        r"\bgofal\s+maeth\b(?=[^.]*\b(?:magwyd|pan\s+oedd|yn\s+blentyn|ers\s+yn))|"
        r"\bmagwyd\s+(?:hi|e|o)\s+(?:mewn\s+)?gofal",
    ),
    # --- Predictions from family or group patterns.
    _cue(
        FAMILY_PATTERN,
        r"\bfamily\s+pattern\b|\binter[- ]?generational\b|\bgenerational\b|"
        r"\b(?:two|three|four|several|many|multiple|"
        r"\d)\s+generations\b|\bgenerations?\s+of\b",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\b(?:break|breaking|broken|repeat|repeating|repeated|continue|continuing|perpetuate|"
        r"perpetuating)\s+(?:the|this|that|a|her\s+(?:mother's|mum's|family's))\s+(?:cycle|"
        r"pattern)\b",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\bthe\s+cycle\s+(?:will|is\s+likely|may|could|continues|continuing|repeats|"
        r"repeating)\b|\bcycle\s+of\s+(?:care|deprivation|removals?|disadvantage|"
        r"poor\s+parenting|family\s+breakdown)\b",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\bhistory\s+(?:is\s+|will\s+|may\s+|could\s+|might\s+|would\s+)?(?:repeating|repeats|"
        r"repeat|repeated)\b|\brepeat(?:ing)?\s+(?:history|the\s+past|"
        r"what\s+happened\s+to\s+(?:her|him))\b",
    ),
    _cue(
        FAMILY_PATTERN,
        r"(?:\b(?P<before>[a-z']+)\s+)?\blike\s+"
        + _POSSESSIVE
        + r"\s+(?:own\s+)?(?:"
        + _PARENT_NOUNS
        + r"|family|sister|brother)\b(?!\s+(?:to|would|says|said|reports|reported|for|"
        r"and\s+(?:her|his)\s+partner))",
        not_after=frozenset(_NOT_AFTER_LIKE.split()),
    ),
    _cue(
        FAMILY_PATTERN,
        r"\b(?:same|no\s+different)\s+(?:as|from|to)\s+"
        + _POSSESSIVE
        + r"\s+(?:own\s+)?"
        + _PARENT_NOUNS
        + r"\b",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\b(?:the\s+)?same\s+(?:way\s+)?(?:as|that)\s+(?:she|he|they)\s+(?:was|"
        r"were)\s+(?:brought\s+up|raised|parented)\b|\b(?:the\s+way|how)\s+(?:she|he|"
        r"they)\s+(?:was|were)\s+(?:parented|brought\s+up|raised|treated\s+as\s+a\s+child)\b",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\bfollow(?:s|ed|ing)?\s+in\s+"
        + _POSSESSIVE
        + r"\s+(?:"
        + _PARENT_NOUNS
        + r")(?:'s|s')?\s+footsteps\b|\btakes?\s+after\s+"
        + _POSSESSIVE
        + r"\s+"
        + _PARENT_NOUNS
        + r"\b",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\b(?:following|follow|go|going|went|heading)\s+(?:down\s+)?(?:the\s+)?same\s+(?:path|"
        r"road|route|way)\b",
    ),
    _cue(FAMILY_PATTERN, r"\blike\s+(?:mum|she|her\s+mum|her\s+mother|he|his\s+dad)\s+did\b"),
    _cue(
        FAMILY_PATTERN,
        r"\bapple\s+(?:doesn't|does\s+not|never|don't)\s+fall\b|\bruns\s+in\s+the\s+family\b|"
        r"\bin\s+(?:the|her|his)\s+genes\b|\blike\s+mother,?\s+like\s+daughter\b|"
        r"\blike\s+father,?\s+like\s+son\b|\bchip\s+off\b",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\b(?:care\s+leavers|young\s+people\s+(?:from|leaving|who\s+have\s+left)\s+care|"
        r"looked[- ]after\s+children|parents\s+(?:from|who\s+were\s+in)\s+care)\s+(?:often|"
        r"usually|generally|typically|tend|frequently|commonly|struggle|are\s+(?:often\s+|"
        r"more\s+|statistically\s+|known\s+to\s+be\s+)?(?:likely|at\s+risk|vulnerable|"
        r"over-?represented))",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\bchildren\s+of\s+care\s+leavers\b|\b(?:common|typical|usual)\s+(?:for|with|among|"
        r"in)\s+(?:care\s+leavers|young\s+people\s+from\s+care|looked[- ]after\s+children)\b|"
        r"\b(?:research|statistics|evidence)\s+shows?\s+(?:that\s+)?(?:care\s+leavers|"
        r"young\s+people\s+from\s+care|care[- ]experienced)",
    ),
    _cue(
        FAMILY_PATTERN,
        r"\b(?:patrwm|cylch)\s+(?:teuluol|o\s+genhedlaeth|rhwng\s+cenedlaethau)|"
        r"\brhwng\s+cenedlaethau\b|\byn\s+union\s+fel\s+ei\s+(?:mam|thad)\b",
    ),
    # --- How the parent was treated as a child.
    _cue(
        HARM_IN_CHILDHOOD,
        r"\b(?:was|were|been|being)\s+(?:\w+\s+)?(?:neglected|abused|hit|beaten|abandoned|"
        r"rejected|ill-treated|mistreated|unprotected|not\s+protected|"
        r"exposed\s+to\s+(?:\w+\s+){0,2}\w+)\s+(?:as\s+a\s+"
        + _CHILD_STAGE
        + r"|when\s+(?:she|he|they)\s+(?:was|were)\s+(?:young|little|small|a\s+child|growing)|"
        r"throughout\s+(?:her|his|their)\s+childhood|in\s+(?:her|his|their|early)\s+childhood|"
        r"by\s+" + _POSSESSIVE + r"\s+(?:own\s+)?(?:" + _PARENT_NOUNS + r"|family|grandparents?))",
    ),
    _cue(
        HARM_IN_CHILDHOOD,
        r"\b"
        + _POSSESSIVE
        + r"\s+(?:own\s+)?"
        + _PARENT_NOUNS
        + r"\s+(?:\w+\s+)?(?:neglected|abused|hit|beat|abandoned|rejected|failed|hurt|"
        r"mistreated)\s+(?:her|him|them)\b",
    ),
    _cue(
        HARM_IN_CHILDHOOD,
        r"\b"
        + _POSSESSIVE
        + r"\s+(?:own\s+)?"
        + _PARENT_NOUNS
        + r"\s+(?:was|were)\s+(?:an?\s+)?(?:alcoholic|addict|heroin\s+user|drug\s+user|"
        r"drug\s+users|heavy\s+drinker|neglectful|abusive|violent|unable\s+to\s+cope|"
        r"known\s+to\s+(?:services|social\s+services|children's\s+services)|in\s+care|"
        r"care\s+leavers?)\b",
    ),
    _cue(
        HARM_IN_CHILDHOOD,
        r"\b"
        + _POSSESSIVE
        + r"\s+(?:own\s+)?"
        + _PARENT_NOUNS
        + r"\s+(?:had|has\s+had)\s+(?:all\s+|most\s+|several\s+|\w+\s+)?(?:of\s+)?(?:her|his|"
        r"their)?\s*(?:children|kids|babies|siblings)\s+(?:removed|taken)",
    ),
    _cue(
        HARM_IN_CHILDHOOD,
        r"\b"
        + _POSSESSIVE
        + r"\s+(?:own\s+)?"
        + _PARENT_NOUNS
        + r"\s+(?:\w+\s+){0,8}?(?:lost|had)\s+(?:all\s+|most\s+)?(?:of\s+)?(?:her|his|"
        r"their)\s+(?:children|kids|babies)\s+(?:to\s+care|to\s+adoption|removed|taken|adopted)",
    ),
    _cue(HARM_IN_CHILDHOOD, r"\b(?:childhood|early)\s+(?:sexual\s+)?(?:abuse|neglect|trauma)\b"),
    _cue(
        HARM_IN_CHILDHOOD,
        r"\bexperiences?\s+of\s+being\s+parented\s+(?:was|were|is)\s+(?:\w+\s+)?(?:poor|"
        r"inadequate|neglectful|abusive|harsh|chaotic|damaging|traumatic)\b|\b(?:poor|"
        r"inadequate|neglectful|abusive|harsh|chaotic)\s+parenting\s+(?:she|he|"
        r"they)\s+(?:received|experienced|had)\b",
    ),
    _cue(
        HARM_IN_CHILDHOOD,
        r"\bcafodd\s+ei\s+hesgeuluso\b|\bei\s+(?:mam|"
        r"thad)\s+ei\s+hun\s+wedi\s+(?:ei\s+)?(?:hesgeuluso|esgeuluso|cham-drin)",
    ),
    # --- The parent's own childhood or past.
    _cue(
        OWN_CHILDHOOD,
        r"\bas\s+a\s+" + _CHILD_STAGE + r"\b(?!\s+would)",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\bwhen\s+(?:she|he|they|[a-z]+)\s+(?:was|were)\s+(?:young|younger|little|small|a\s+"
        + _CHILD_STAGE
        + r"|growing\s+up|\d{1,2}(?!\s*(?:weeks?|wks?|months?|days?|hours?|/|\d))|"
        r"aged\s+\d{1,2})\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\b(?:her|his|their)\s+(?:own\s+)?(?:childhood|upbringing|early\s+(?:life|years|"
        r"childhood|experiences)|formative\s+years|teenage\s+years|adolescence|"
        r"family\s+of\s+origin|birth\s+family)\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\b(?P<subj>[a-z-]+)'s\s+(?:own\s+)?(?:childhood|upbringing|early\s+(?:life|years|"
        r"childhood)|teenage\s+years)\b",
        checks_subject=True,
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\b(?:her|his|their)\s+(?:own\s+)?(?:past|background|"
        r"family\s+history)\b(?!\s+(?:relationships?|partners?|convictions?|offending|drug|"
        r"alcohol|substance|use|of\s+(?:drug|alcohol|substance)|with\s+(?:the\s+)?(?:police|"
        r"probation)))",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\b(?:her|his|their)\s+(?:own\s+)?history\b(?!\s+(?:of|with|in\s+relation|around|"
        r"regarding))",
    ),
    _cue(OWN_CHILDHOOD, r"\b(?:grew\s+up|growing\s+up|was\s+brought\s+up|was\s+raised)\b"),
    _cue(
        OWN_CHILDHOOD,
        r"\b(?:in|during|throughout)\s+(?:her|his|their\s+)?\s*childhood\b|"
        r"\badverse\s+childhood\s+experiences\b|\baces\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\b(?:her|his|their|mum's|dad's)\s+own\s+(?:mother|mum|mam|father|dad|parents|"
        r"parenting|family|experiences?\s+of\s+being\s+parented)\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\bexperiences?\s+of\s+being\s+parented\b|\b(?:the\s+)?parenting\s+(?:she|he|"
        r"they)\s+(?:received|experienced|had|was\s+given|were\s+given)\b|\b(?:not|"
        r"never)\s+been\s+parented\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\bnever\s+(?:had|experienced|known|seen|been\s+shown|"
        r"received)\s+(?:what\s+)?(?:a\s+)?(?:good|positive|consistent|good\s+enough|loving|"
        r"safe|stable)?\s*(?:enough\s+)?(?:parenting|role\s+models?|parent|family\s+life|"
        r"care)\b|\b(?:no|lack\s+of\s+(?:a\s+)?|lacks\s+(?:a\s+)?|"
        r"without\s+(?:a\s+)?)(?:positive\s+|good\s+|parental\s+|parenting\s+)*role\s+models?\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\b(?:was|were)\s+(?:always\s+)?a\s+(?:difficult|challenging|troubled|angry|violent|"
        r"disturbed|naughty)\s+(?:child|teenager|young\s+person|girl|boy)\b",
    ),
    _cue(OWN_CHILDHOOD, r"\bcycle\s+of\s+(?:neglect|abuse|harm|violence)\b"),
    _cue(
        OWN_CHILDHOOD,
        r"\bpan\s+oedd\s+(?:hi|e|o|nhw)\s*'?n\s+(?:blentyn|ifanc|fach|fachgen|ferch)\b|"
        r"\bei\s+(?:mam|thad|rhieni)\s+ei\s+hun\b|\bei\s+phlentyndod\b|\bei\s+magwraeth\b",
    ),
    # Ages and stages of the parent's own childhood ("aged 9", "as a teenager").
    _cue(
        OWN_CHILDHOOD,
        r"\bas\s+a\s+(?:teenager|teen|young\s+teenager|youngster|young\s+girl|young\s+boy|"
        r"toddler|little\s+girl|little\s+boy|young\s+child)\b|\b(?:from|since|at|until|till)\s+"
        r"(?:the\s+)?(?:age\s+(?:of\s+)?)(?:[1-9]|1[0-7])\b|\b(?:aged|from\s+age|since\s+age)\s+"
        r"(?:[1-9]|1[0-7])\b(?!\s*(?:weeks?|months?|days?|hours?|mins?|minutes?))|"
        r"\bfrom\s+(?:[1-9]|1[0-7])\s+(?:to|until|till)\s+1[0-9]\b|"
        r"\b(?:accommodated|placed|removed|fostered|adopted)\s+(?:at|aged)\s+(?:[1-9]|1[0-7])\b|"
        r"\b(?:when|while)\s+(?:she|he|they)\s+(?:was|were)\s+(?:[1-9]|1[0-7])\b|"
        r"\b(?:her|his|their)\s+(?:early\s+life|early\s+years|teens|teenage\s+years|"
        r"adolescence|school\s+years)\b|\ball\s+(?:her|his|their)\s+(?:life|childhood)\b|"
        r"\bthroughout\s+(?:her|his|their)\s+childhood\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\bnever\s+(?:had|experienced|knew|known|been\s+shown|seen)\s+(?:a\s+|any\s+)?"
        r"(?:loving|stable|safe|good|positive|proper|consistent)?\s*(?:home|family|mum|mother|"
        r"dad|father|parent|parenting|role\s+model|model|love)\b|\b(?:a\s+)?(?:mum|mother|dad|"
        r"father|parent)\s+of\s+(?:her|his|their)\s+own\b|\b(?:no|(?:not|never)\s+had\s+(?:a|"
        r"any))\s+(?:positive\s+|good\s+)?(?:model|"
        r"role\s+model|experience)\s+of\s+(?:\w+\s+)?(?:parenting|fatherhood|motherhood|"
        r"family\s+life)\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\b(?:her|his|their)\s+(?:(?:really\s+|very\s+)?(?:difficult|troubled|traumatic|"
        r"chaotic|unsettled|turbulent|disrupted|complex|sad|hard)\s+)?(?:past|background|"
        r"upbringing|early\s+experiences|childhood\s+experiences)\b|\ban?\s+(?:really\s+|very\s+)?"
        r"(?:difficult|troubled|traumatic|chaotic|unsettled|turbulent|disrupted|hard)\s+"
        r"(?:past|background|upbringing|childhood)\b|\bas\s+an?\s+(?:infant|"
        r"baby|toddler|child|teenager)\b|\bgoing\s+back\s+to\s+(?:age\s+)?\d{1,2}\b|"
        r"\b(?:at|when\s+she\s+was|when\s+he\s+was)\s+1[0-7]\b(?!\s*(?:weeks?|months?|days?|"
        r"am|pm|:|\.\d))|\bers\s+yn\s+\d{1,2}\s+oed\b|\bdidn'?t\s+have\s+a\s+(?:mum|mother|"
        r"dad|father)\b",
    ),
    _cue(
        OWN_CHILDHOOD,
        r"\bas\s+a\s+child\b|\bwhere\s+(?:she|he|they)\s+(?:has\s+|have\s+)?(?:come|comes)\s+"
        r"from\b|\b(?:rough|difficult|hard|bad|poor|tough)\s+start\s+in\s+life\b|\b(?:not|never)"
        r"\s+(?:been\s+)?parented\b|\bwasn'?t\s+parented\b|\bformative\s+years\b|\bfrom\s+"
        r"(?:infancy|birth)\b|\bpillar\s+to\s+post\b|\bsince\s+(?:she|he|they)\s+(?:was|were)\s+"
        r"an?\s+(?:toddler|baby|child|infant)\b|\bprevious\s+involvement\b|\b(?:her|his|their)\s+"
        r"(?:file|biography|chronology|records)\b|\bwent\s+through\s+as\s+a\b|\bhistoric\b|"
        r"\bpan\s+oedd\s+(?:hi|e|o)\s*'?n\s+\d{1,2}\b",
    ),
    # --- Routine referral: a policy, protocol, team, age or status, not an event.
    _cue(
        ROUTINE,
        r"\b(?:as\s+per|per|in\s+line\s+with|in\s+accordance\s+with|in\s+keeping\s+with|"
        r"according\s+to|following|required\s+by|under|as\s+set\s+out\s+in|yn\s+unol\s+[aâ])\s+"
        r"(?:[\w'+()-]+\s+){0,5}?(?:protocols?|polic(?:y|ies)|procedures?|pathways?|guidance|"
        r"process|checklist|practice|requirements?|threshold|procedure|polisi|gweithdrefn\w*)\b",
    ),
    _cue(
        ROUTINE,
        r"\b(?:standard|usual|normal|routine|automatic|mandatory|compulsory|blanket|"
        r"default)\s+(?:[\w-]+\s+){0,2}?(?:practice|process|procedure|pathway|notification|"
        r"referrals?|pre-?birth|request|check|policy|response)\b|\broutine(?:ly)?\b|"
        r"\bautomatic(?:ally)?\b|\bmandatory\b|\bas\s+(?:standard|routine|required|"
        r"instructed|directed|a\s+matter\s+of\s+(?:course|routine|policy|procedure))\b|"
        r"\b(?:protocol|policy|procedure|pathway|guidance)\s+(?:says|states|is|requires|"
        r"asks)\b|\bbest\s+practice\b|\barferol\b|\bpolisi\b|\bgweithdrefn\w*\b|"
        r"\b(?:protocol|policy|pathway|procedure|guidance|checklist|universal\s+offer|"
        r"requirement|template|statutory|contract\s+says|auto[- ]?generated|vulnerable\s+group)\b|"
        r"\bwe\s+(?:always|have\s+to|must)\b|\bas\s+requested\s+by\b|\bnotifying\s+you\b|\bas\s+is\s+(?:usual|standard|normal)\b|\b(?:are|is|be|make\s+\w+)\s+"
        r"aware\b",
    ),
    _cue(
        ROUTINE,
        r"\b(?:all|every|any)\s+(?:[\w-]+\s+){0,3}?(?:young\s+people|young\s+persons?|"
        r"care\s+leavers|pregnanc(?:y|ies)|clients|women|girls|mothers|parents|"
        r"under[- ]?(?:16|18|20)s?|teenagers|cases|young\s+parents|mums|dads|"
        r"referrals)\b",
    ),
    _cue(
        ROUTINE,
        r"\b(?:open|known|allocated|referred|supported)\s+(?:to|by)\s+(?:the\s+|our\s+)?"
        r"(?:[\w+/-]+\s+){0,3}?(?:team|service|caseload|yot|fnp|partnership|nurse)\b|"
        r"\bon\s+(?:the|our|my|her)\s+(?:[\w+/-]+\s+){0,2}?caseload\b|\b(?:has|have|with)\s+"
        r"an?\s+allocated\s+(?:pa|personal\s+adviser|social\s+worker|worker)\b|"
        r"\b(?:triggers?|triggered)\b|\bfor\s+(?:info(?:rmation)?|awareness)\b|"
        r"\bto\s+be\s+aware\b|\bas\s+discussed\s+(?:at|in)\b|\bno\s+(?:specific|other|"
        r"current|particular|actual)\s+(?:concerns?|worries|incidents?)\b|"
        r"\bconcerns?\s+as\s+such\b|\bunder[- ]?(?:16|18|20)s?\b|\b(?:is|aged|she's|he's)\s+"
        r"1[2-7]\b(?!\s*(?:weeks?|months?|days?))|\buasc\b",
    ),
    # --- Conclusions and predictions.
    _cue(
        REASONING,
        r"\b(?:so|therefore|thus|hence|because|consequently|accordingly)\b|\bas\s+a\s+(?:result|"
        r"consequence)\b|\b(?:due|owing)\s+to\b|\bgiven(?=\s+(?:her|his|their|that|the)\b)|"
        r"\bwhich\s+means\b|\bmeans\s+(?:that\s+)?(?:she|he|they)\b",
    ),
    _cue(
        REASONING,
        r"\b(?:likely|unlikely|likelihood|probably|inevitabl\w*|bound\s+to|expected\s+to|"
        r"predict\w*|untested)\b|\bat\s+(?:\w+\s+)?risk\b",
    ),
    _cue(
        REASONING,
        r"\b(?:will|would|may|might|could|is\s+going\s+to)\s+(?:not\s+|also\s+|"
        r"then\s+)?(?:struggle|cope|not\s+cope|find\s+it|repeat|need|lack|fail|be\s+unable|"
        r"not\s+be\s+able|not\s+know|not\s+recognise|replicate|mirror|neglect|affect)\w*",
    ),
    _cue(
        REASONING,
        r"\b(?:history\s+of|pattern|cycle|repeat\w*|replicat\w*|same\s+issues|same\s+concerns|"
        r"no\s+experience\s+of|lacks?\b|capacity\s+to\s+parent|ability\s+to\s+parent|advisable|"
        r"recommended|as\s+per\s+protocol|routine(?:ly)?)",
    ),
    _cue(
        REASONING,
        r"\b(?:concern(?:ed|s)?|worr(?:y|ied|ies))\s+(?:that|about\s+(?:how|whether))\s+(?:she|"
        r"he|they)\b",
    ),
    _cue(
        REASONING,
        r"\b(?:limited|little|no|poor|lacks?|lack\s+of)\s+(?:insight|understanding|capacity|"
        r"ability)\b",
    ),
    _cue(
        REASONING,
        r"\b(?:prudent|warrants?|bodes?|no\s+different|cannot\s+rule\s+out|can't\s+rule\s+out|"
        r"suggests?|query|queries|entrenched|long[- ]standing|learn\s+from|considered\s+in\s+"
        r"relation|there\s+(?:could|may|might)\s+be\s+risks?|(?:real|high|significant)\s+risk|"
        r"same\s+(?:again|thing|"
        r"pattern|issues|risks?)|pba\s+(?:is\s+)?needed|needs?\s+(?:a\s+)?(?:pba|pre-?birth|"
        r"assessment)|would\s+like\s+(?:a\s+)?pba|wd\s+like|assess\s+(?:early|before)|"
        r"concerned\b|worried\b|worry\b|capacity|bonding|attachment|mistrustful|"
        r"(?:not\s+|un)surprising|no\s+surprise|given\s+(?:she|he|they)|(?:doesn'?t|does\s+not|"
        r"won'?t|will\s+not|don'?t|do\s+not|didn'?t)\s+know\s+how|no\s+(?:concept|idea|"
        r"understanding|awareness|knowledge)\s+of|never\s+(?:been\s+)?(?:taught|shown|learn[te]d?)|"
        r"knows?\s+(?:any|no)\s+(?:different|better)|know\s+any\s+different|matter\s+of\s+time|"
        r"poorly\s+equipped|ill[- ]equipped|remains\s+relevant|cannot\s+ignore|can't\s+ignore|"
        r"(?:is|are)\s+the\s+concern|can\s+parent|able\s+to\s+parent|make\s+sure\s+(?:the\s+)?"
        r"baby\s+is\s+safe|pryder|expect\s+this|either|chronic|will\s+keep|always|"
        r"(?:never|not)\s+(?:seen|known|had)\s+(?:a\s+)?(?:healthy|safe|stable|good)|on\s+that\s+"
        r"basis|safe\s+side|keep\s+an\s+eye|closer\s+eye|(?:can'?t|cannot)\s+be\s+confident|raises?\s+"
        r"questions|mask|no\s+reason\s+to\s+think|"
        r"similar\s+concerns|professional\s+judgement|serious\s+concern|i\s+believe|will\s+not\s+"
        r"change|coupled\s+with|(?:can'?t|cannot)\s+parent|concerns?\s+from)\b",
    ),
    _cue(
        REASONING,
        r"\b(?:felly|oherwydd|o\s+ganlyniad|tebygol|gallai|bydd\s+(?:hi|e|"
        r"o)'n\s+cael\s+trafferth|cael\s+trafferth)\b",
    ),
)

# A negation covering a cue stops it counting. Each pattern's match is the negated span.
NEGATIONS: tuple[re.Pattern, ...] = tuple(
    re.compile(regex)
    for regex in (
        # "not because she was in care", "not based on her upbringing" (to the clause's end).
        r"\b(?:not|n't|never|nothing)\s+(?:(?:simply|solely|merely|in\s+any\s+way)\s+)?"
        r"(?:because|due\s+to|based\s+on|on\s+the\s+basis\s+of|about|related\s+to|linked\s+to|"
        r"connected\s+to|a\s+result\s+of|the\s+result\s+of|caused\s+by|driven\s+by|resting\s+on|"
        r"made\s+on|made\s+because|because\s+of|to\s+do\s+with|relying\s+on|reliant\s+on|"
        r"referring\s+because|a\s+reason|the\s+reason|any\s+part\s+of)\b[^,;:]*",
        # "Mum was not in care", "she has never been looked after".
        r"\b(?:was|is|has|were|are)\s*(?:not|n't|never)\s+(?:been\s+)?(?:in\s+(?:\w+\s+)?care|"
        r"looked\s+after|a\s+care\s+leaver|fostered|accommodated)\b[^;:]*",
        # "not being referred because she was in care".
        r"\b(?:not|n't|never)\s+(?:being\s+|been\s+)?(?:referred|referring|made|raised|"
        r"sent)\s+(?:because|due\s+to|on\s+the\s+basis\s+of|for|over)\b[^;:]*",
        # "regardless of her care history", "nothing to do with her childhood".
        r"\b(?:regardless\s+of|irrespective\s+of|nothing\s+to\s+do\s+with|unrelated\s+to|"
        r"no\s+bearing\s+on|not\s+relevant\s+to|set\s+aside|leaving\s+aside|rather\s+than)\b[^,;:]*",
        # "no concerns about her own childhood".
        r"\bno\s+(?:concerns?|worries|suggestion|evidence|indication)\s+(?:about|regarding|relating\s+to|arising\s+from|that)\b[^,;:]*",
        # Welsh: "nid oherwydd", "dim i'w wneud â", "nid yw'n berthnasol".
        r"\bnid\s+(?:oherwydd|ar\s+sail|am\s+fod)\b[^,;:]*|\bdim\s+i'w\s+wneud\s+[aâ]\b[^,;:]*",
    )
)
# A whole sentence declaring the past irrelevant: "Her care history is not relevant here."
WHOLE_SENTENCE_NEGATIONS: tuple[re.Pattern, ...] = tuple(
    re.compile(regex)
    for regex in (
        r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:not|never|in\s+no\s+way)\s+"
        r"(?:relevant|a\s+factor|a\s+concern|the\s+concern|our\s+concern|the\s+reason|the\s+basis|a\s+ground|part\s+of|"
        r"considered|relied\s+on|taken\s+into\s+account|why|the\s+issue|what)\b",
        r"\b(?:isn't|aren't|wasn't|weren't)\s+(?:relevant|a\s+factor|a\s+concern|the\s+reason|"
        r"the\s+basis|a\s+ground|part\s+of|why|the\s+issue)\b",
        r"\birrelevant\b|\bno\s+bearing\b|\bnot\s+(?:been\s+)?(?:taken\s+into\s+account|"
        r"considered|relied\s+(?:on|upon))\b|\bhas\s+been\s+excluded\b|\bplays\s+no\s+part\b",
        r"\bddim\s+yn\s+berthnasol\b|\bnid\s+yw\s+(?:hyn|ei\s+\w+)\s+yn\s+berthnasol\b|"
        r"\bnid\s+yw'n\s+berthnasol\b",
    )
)
# "Not only because … but also …" is no negation at all.
NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|simply|solely|merely)\b[^.;]*\bbut\b")

# A dated or observed event: what was seen, when.
CURRENT_EVENT = re.compile(
    r"\b(?:today|yesterday|tonight|this\s+(?:morning|afternoon|evening|week|weekend)|"
    r"last\s+(?:night|week|weekend|month|" + _DAYS + r")|on\s+" + _DAYS + r"|"
    r"(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"|"
    r"(?:on|since|from)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b|"
    r"(?<![\d/])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"\s+\d{4}|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
    r"(?:at|during|on)\s+(?:the|my|a|her|his|today's|yesterday's|last)\s+(?:\w+\s+)?(?:visit|appointment|contact|session|review|check|clinic)|"
    r"(?:was|were)\s+(?:seen|observed|heard|found|witnessed)|"
    r"i\s+(?:saw|observed|noted|heard|visited|witnessed)|"
    r"(?:observed|saw|witnessed|noted)\s+(?:the\s+baby|baby|mum|dad|her|him|that)|"
    r"\d+\s+(?:days?|weeks?|hours?)\s+ago|"
    r"(?:over|in|during)\s+the\s+(?:last|past)\s+(?:few\s+|two\s+|three\s+)?(?:days?|weeks?|"
    r"fortnight|month)|this\s+month|since\s+(?:last\s+\w+|" + _MONTHS + r")|"
    r"ddoe|heddiw|neithiwr|bore\s+(?:yma|ddoe)|yr\s+wythnos\s+(?:diwethaf|hon))\b"
)

# A sentence ends at . ! ? ; or a line break. Line breaks always end one, so a sentence added
# on its own line is judged on its own.
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|\r+")


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


_RELATIVE_WHO = frozenset({"who", "that"})
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
# Proceedings or removal concerning the parent's own child are recent parenting evidence.
_OWN_CHILD = re.compile(
    r"\b(?:her|his|their)\s+(?:first|eldest|older|oldest|previous|other|elder)\s+(?:child|"
    r"children|baby|son|daughter|twins)\b|\b(?:her|his|their)\s+(?:son|daughter|children)\b|"
    r"\bconvict\w*|\bsentenced\b|\bpartner\b|\bproceedings\b|\b(?:baby's|child's)\s+(?:\w+\s+)?"
    r"(?:brothers?|sisters?|siblings?)\b"
)


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


# What is read: the evidence of a referral (where care status never belongs), or another record
# that can reach a decision about a child (a concern, an assessment, a review, a manager's
# reason), where the past may be mentioned but no conclusion may be drawn from it.
EVIDENCE = "evidence"
RECORD = "record"
# A sentence that draws a conclusion carries it back to the one before: "Her upbringing was
# chaotic. This is why I am referring." and "…unsettled; it would be prudent to assess".
_CARRIES_BACK = 2


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
