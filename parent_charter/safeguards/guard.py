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

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

THRESHOLD = 3


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
FAMILIES = {
    f.key: f
    for f in (CARE_HISTORY, FAMILY_PATTERN, HARM_IN_CHILDHOOD, OWN_CHILDHOOD, REASONING, ROUTINE)
}

# Words that, as the subject of "was in care" and the like, mean someone other than the parent:
# "her first child was taken into care last year" is recent parenting evidence, not the
# parent's childhood.
_NOT_THE_PARENT = """
    baby babies child children son sons daughter daughters twins twin toddler infant newborn
    eldest youngest sibling siblings brother brothers sister sisters they them who which that
    kids boy girl boys girls niece nephew cousin it these those both
"""
NOT_THE_PARENT = frozenset(_NOT_THE_PARENT.split())

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
        + r"care|looked[- ]after|lookd\s+after|fostered)\b",
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
    _cue(CARE_HISTORY, r"\baccommodated\s+(?:under\s+)?(?:section\s+20|s\.?\s?20|s\.?\s?76)"),
    _cue(
        CARE_HISTORY,
        r"\bknown\s+to\s+(?:us|the\s+service|(?:children's|childrens|social)\s+services|"
        r"the\s+local\s+authority|the\s+council|social\s+care)(?=\s+(?:as\s+a|since\s+(?:she|he|"
        r"they|birth|childhood)|from\s+(?:her|his|their|birth|childhood|a\s+young)|"
        r"during\s+(?:her|his|their)))",
    ),
    _cue(CARE_HISTORY, r"\b(?:for|of)\s+(?:all\s+)?(?:pregnant\s+)?care\s+leavers\b"),
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
        r"\binter[- ]?generational\b|\bgenerational\b|\b(?:two|three|four|several|many|multiple|"
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
        r"(?:relevant|a\s+factor|a\s+concern|the\s+reason|the\s+basis|a\s+ground|part\s+of|"
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
    r"on\s+\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"\s+\d{4}|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
    r"(?:at|during|on)\s+(?:the|my|a|her|his|today's|yesterday's|last)\s+(?:\w+\s+)?(?:visit|appointment|contact|session|review|check|clinic)|"
    r"(?:was|were)\s+(?:seen|observed|heard|found|witnessed)|"
    r"i\s+(?:saw|observed|noted|heard|visited|witnessed)|"
    r"(?:observed|saw|witnessed|noted)\s+(?:the\s+baby|baby|mum|dad|her|him|that)|"
    r"\d+\s+(?:days?|weeks?|hours?)\s+ago|"
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


def _cue_matches(sentence: str) -> tuple[list[_Match], list[tuple[_Match, str]]]:
    found, rejected = [], []
    for cue in CUES:
        for match in cue.pattern.finditer(sentence):
            start, end = match.span()
            if start == end:
                continue
            groups = match.groupdict()
            if cue.checks_subject and groups.get("subj") in NOT_THE_PARENT:
                rejected.append((_Match(cue, start, end), "not the parent"))
                continue
            if cue.not_after and groups.get("before") in cue.not_after:
                continue
            if groups.get("before"):
                # The word before is context for the rule, not part of the finding.
                start = match.start("before") + len(groups["before"])
                while start < end and sentence[start].isspace():
                    start += 1
            found.append(_Match(cue, start, end))
    # Where cues overlap, the stronger (then the longer) one explains the words.
    found.sort(key=lambda m: (-m.family.weight, -(m.end - m.start), m.start))
    kept: list[_Match] = []
    for candidate in found:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    kept.sort(key=lambda m: m.start)
    return kept, rejected


def _negated_spans(sentence: str) -> list[tuple[int, int]]:
    if NOT_ONLY.search(sentence):
        return []
    if any(pattern.search(sentence) for pattern in WHOLE_SENTENCE_NEGATIONS):
        return [(0, len(sentence))]
    return [match.span() for pattern in NEGATIONS for match in pattern.finditer(sentence)]


def _judge(sentence: str, offset: int, original: str):
    matches, rejected = _cue_matches(sentence)
    negated = _negated_spans(sentence)
    current = bool(CURRENT_EVENT.search(sentence))
    counted: list[_Match] = []
    discounted = [
        Discounted(
            m.family.key,
            offset + m.start,
            offset + m.end,
            original[offset + m.start : offset + m.end],
            why,
        )
        for m, why in rejected
    ]
    for m in matches:
        if any(start <= m.start and m.end <= end for start, end in negated):
            discounted.append(
                Discounted(
                    m.family.key,
                    offset + m.start,
                    offset + m.end,
                    original[offset + m.start : offset + m.end],
                    "negated",
                )
            )
        else:
            counted.append(m)
    score, has_reason = 0, False
    for m in counted:
        if m.family is REASONING:
            has_reason = True
            continue
        weight = m.family.weight
        if current and m.family.softened_by_current_event:
            weight -= 1
        score += weight
    if score and has_reason:
        score += REASONING.weight
    flagged = score >= THRESHOLD
    findings = []
    for m in counted:
        words = original[offset + m.start : offset + m.end]
        if flagged:
            findings.append(Finding(m.family.key, offset + m.start, offset + m.end, words))
        else:
            reason = (
                "current event"
                if current and m.family.softened_by_current_event
                else "sentence below threshold"
            )
            discounted.append(
                Discounted(m.family.key, offset + m.start, offset + m.end, words, reason)
            )
    return findings, discounted, SentenceVerdict(offset, offset + len(sentence), score, flagged)


def check(text: str) -> Result:
    """Read one piece of evidence. Flagged when any sentence rests on the parent's past."""
    text = text or ""
    plain = normalise(text)
    findings, discounted, verdicts = [], [], []
    for start, end in sentences(plain):
        found, dropped, verdict = _judge(plain[start:end], start, text)
        findings.extend(found)
        discounted.extend(dropped)
        verdicts.append(verdict)
    return Result(
        text=text, findings=tuple(findings), discounted=tuple(discounted), sentences=tuple(verdicts)
    )


def findings_from_stored(text: str, stored: list[dict]) -> list[Finding]:
    """Findings kept with a piece of evidence, rebuilt for showing. Bad positions are dropped.

    Stored findings are positions and a rule, never the words: the words are always read from
    the evidence text itself, so what is highlighted is exactly what the worker wrote.
    """
    out = []
    for item in stored or []:
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


def highlight(text: str, findings) -> list[list[Segment]]:
    """The evidence as paragraphs of plain and highlighted segments, for a template to escape.

    The template marks up each segment itself; nothing here is HTML, so a worker's "<script>"
    stays text. Overlapping findings (which `check` never produces) keep the first.
    """
    segments: list[Segment] = []
    position = 0
    for number, finding in enumerate(sorted(findings, key=lambda f: f.start), start=1):
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
