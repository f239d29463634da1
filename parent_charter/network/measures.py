"""The key measures of a council that the network compares, taken from its figures.

Each measure is read from `figures.selectors.council_figures`, after that page's protection of
small numbers: a count keeps its state ("fewer than 5", hidden), and a percentage is given only
where the figures page would show it. So the network never learns more about a council than
the council's own committee page says.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from parent_charter.figures import disclosure

HELD_LABEL = "Of which, held by the guard"  # the figures trend's row
COUNT = "count"
PERCENT = "percent"


def _headline(figures, key):
    for row_key, _label, cells in figures["parents"]["headline"]:
        if row_key == key:
            return cells[0]
    raise KeyError(key)


def _supported(figures):
    return _headline(figures, "supported")


def _referral_rate(figures):
    return figures["childrens_services"]["rates"][0]


def _held(figures):
    # The trend's row of referrals held by the guard, for the last of its four quarters: the
    # quarter the figures cover. The row is found by its label's English wording (the msgid),
    # whatever language is active.
    with translation.override(None):
        for label, counts in figures["trend"]:
            if str(label) == HELD_LABEL:
                return counts[-1]
    raise KeyError(HELD_LABEL)


def _separated(figures):
    return figures["separation"]["shares"][0]


def _reviews_on_time(figures):
    rows = figures["reviews"]["rows"]
    on_time, late = rows[0][1][0], rows[1][1][0]
    if not (on_time.shown and late.shown):
        return disclosure.Share(None)
    held = disclosure.Count(on_time.value + late.value)
    return disclosure.share(on_time, held)


def _challenges_in_time(figures):
    raised, answered_in_time = figures["challenges"]["totals"][0][:2]
    return disclosure.share(answered_in_time, raised)


def _own_view(figures):
    return figures["promises"]["with_view_share"]


# (key, label, kind, how to read it from the council's figures)
MEASURES = (
    ("supported", _("Parents supported"), COUNT, _supported),
    (
        "reviews_on_time",
        _("Plan reviews held on time, of those held"),
        PERCENT,
        _reviews_on_time,
    ),
    (
        "own_view",
        _("Promises on plans with the parent's own view"),
        PERCENT,
        _own_view,
    ),
    (
        "referral_rate",
        _("Referrals to children's services per 100 parents supported"),
        PERCENT,
        _referral_rate,
    ),
    ("held", _("Referrals held by the guard"), COUNT, _held),
    (
        "separated",
        _("Children separated from both birth parents, of the children of parents supported"),
        PERCENT,
        _separated,
    ),
    (
        "challenges_in_time",
        _("Challenges answered within the council's working days"),
        PERCENT,
        _challenges_in_time,
    ),
)


def from_figures(figures: dict) -> dict:
    """The stored form of each measure: a protected count, or a percentage or None."""
    out = {}
    for key, _label, kind, read in MEASURES:
        value = read(figures)
        if kind == COUNT:
            out[key] = {"value": value.value, "state": value.state, "threshold": value.threshold}
        else:
            out[key] = {"percent": value.percent}
    return out
