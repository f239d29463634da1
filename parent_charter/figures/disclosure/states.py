"""The states a published count can be in, and the shapes the disclosure checks work on."""

from collections.abc import Hashable, Mapping

DEFAULT_THRESHOLD = 5
# A percentage is not shown when fewer people than this stand behind it.
MIN_DENOMINATOR = 10

SHOWN = "shown"
FEWER = "fewer"  # primary: 1..threshold-1
HIDDEN = "hidden"  # secondary: hidden so that a "fewer" cannot be worked out
# Every count tied to one that could still be worked out when nothing shown is left to hide
# (a table made only of small numbers): none of them says more than "not shown".
WITHHELD = "withheld"

Key = Hashable
# A relation: {key: coefficient}, meaning sum(coefficient * value) == 0.
Relation = Mapping[Key, int]
