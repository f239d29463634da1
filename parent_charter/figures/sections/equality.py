"""Equality: referrals to children's services and separation, by the parent's ethnic group and
by disability, as rates per 100 parents in each group.

The council asks parents (optionally) for their ethnic group in the 2021 census categories and
whether they are disabled, so that it can see whether its practice falls harder on some
parents. For the parents supported in the period, each group counts:

- parents: the parents supported (the rate's denominator);
- referred: parents with a referral or a pre-birth request to children's services made in the
  period (a parent referred three times counts once, so a rate is never above 100);
- separated: parents with a child who, at the end of the period, lived apart from both birth
  parents (the places the separation figures count as separated).

A parent is counted by their answers as they stand now. These counts are protected in a book of
their own (`protect_equality`), so that adding them never changes another section's numbers.
"""

from django.utils.translation import gettext_lazy as _

from parent_charter.childrens_services.models import ChildrenServicesReferral
from parent_charter.parents.models import (
    Disability,
    EqualityAnswers,
    EthnicGroupHigh,
    high_level_group,
)

from .. import disclosure
from ..periods import Period
from .children import SEPARATED
from .common import aware_at
from .parents import supported_in

DIMENSIONS = {
    "ethnic": (_("Ethnic group"), EthnicGroupHigh.choices),
    "disability": (_("Disabled (Equality Act 2010)"), Disability.choices),
}
MEASURES = (
    ("parents", _("Parents supported")),
    ("referred", _("Parents referred to children's services")),
    ("separated", _("Parents with a child separated from both birth parents")),
)


def figure_keys() -> list[str]:
    """The equality figures a team manager may follow to the parents behind them."""
    return [
        f"eq:{dimension}:{group}:{measure}"
        for dimension, (_label, groups) in DIMENSIONS.items()
        for group, _group_label in groups
        for measure, _measure_label in MEASURES
    ]


def read_answers() -> dict[int, tuple[str, str]]:
    """{parent: (high-level ethnic group, disability)} for the parents who have answers. One
    query; a parent without a row counts as not recorded."""
    return {
        parent_id: (high_level_group(ethnic_group), disability)
        for parent_id, ethnic_group, disability in EqualityAnswers.objects.values_list(
            "parent_id", "ethnic_group", "disability"
        )
    }


def referred_parents(period: Period) -> set[int]:
    """Parents with a referral or pre-birth request made in the period. One query."""
    return set(
        ChildrenServicesReferral.objects.filter(
            created_at__range=(aware_at(period.start), aware_at(period.end, True))
        ).values_list("parent_id", flat=True)
    )


def equality_sets(parents, answers, referred, places, period: Period) -> dict[str, set]:
    """The parents behind each equality figure of the period, by figure key. `places` is the
    separation figures' `children_places(parents)`."""
    separated = {
        pk for place, supported in places(period).values() if place in SEPARATED for pk in supported
    }
    sets: dict[str, set] = {key: set() for key in figure_keys()}
    not_recorded = (EthnicGroupHigh.NOT_RECORDED.value, Disability.NOT_RECORDED.value)
    for parent in parents:
        if not supported_in(parent, period):
            continue
        pk = parent["pk"]
        groups = dict(zip(DIMENSIONS, answers.get(pk, not_recorded), strict=True))
        for dimension, group in groups.items():
            prefix = f"eq:{dimension}:{group}"
            sets[f"{prefix}:parents"].add(pk)
            if pk in referred:
                sets[f"{prefix}:referred"].add(pk)
            if pk in separated:
                sets[f"{prefix}:separated"].add(pk)
    return sets


def protect_equality(sets: dict[str, set], *, supported, threshold: int) -> dict:
    """The protected counts of every group, and of all parents.

    Every group's parents add up to the parents supported, which the parents section already
    publishes (`supported`, protected there): so the total goes in this book too, and if this
    book would leave it in a different state from the one the page shows, no group's count of
    parents is shown at all (and so no rate), rather than let the two books together give a
    small number away."""
    values, relations = {}, []
    for measure, _label in MEASURES:
        total = sum(len(sets[f"eq:ethnic:{g}:{measure}"]) for g, _l in EthnicGroupHigh.choices)
        for dimension, (_label, groups) in DIMENSIONS.items():
            parts = [("eq", dimension, group, measure) for group, _group_label in groups]
            for key in parts:
                values[key] = len(sets[f"eq:{dimension}:{key[2]}:{measure}"])
            relations.append(disclosure.total(parts, ("eq", "all", measure)))
        # Put last, so that a part is hidden before the total when they are equal.
        values[("eq", "all", measure)] = total
    counts = disclosure.protect(values, relations, threshold=threshold)
    if counts[("eq", "all", "parents")].state != supported.state:
        withheld = disclosure.Count(None, disclosure.WITHHELD, threshold)
        for key in counts:
            if key[-1] == "parents":
                counts[key] = withheld
    counts[("eq", "all", "parents")] = supported
    return counts


def equality_view(counts, period: Period) -> dict:
    """Per dimension: rows of (figure key prefix, label, [parents, referred, separated],
    [rate referred, rate separated]), the groups first and all parents last."""

    def row(key, label, dimension, group):
        cells = [counts[("eq", dimension, group, measure)] for measure, _l in MEASURES]
        rates = [disclosure.share(cells[index], cells[0]) for index in (1, 2)]
        return (key, label, cells, rates)

    tables = []
    for dimension, (title, groups) in DIMENSIONS.items():
        rows = [row(f"eq:{dimension}:{group}", label, dimension, group) for group, label in groups]
        all_cells = [counts[("eq", "all", measure)] for measure, _l in MEASURES]
        rates = [disclosure.share(all_cells[index], all_cells[0]) for index in (1, 2)]
        rows.append((None, _("All parents supported"), all_cells, rates))
        tables.append({"key": dimension, "title": title, "rows": rows})
    return {
        "period": period,
        "measures": MEASURES,
        "tables": tables,
    }


def equality_labels() -> dict:
    """The words for each equality figure a team manager may follow: the measure and group."""
    labels = {}
    for dimension, (title, groups) in DIMENSIONS.items():
        for group, group_label in groups:
            for measure, measure_label in MEASURES:
                labels[f"eq:{dimension}:{group}:{measure}"] = _(
                    "%(measure)s – %(dimension)s: %(group)s"
                ) % {"measure": measure_label, "dimension": title, "group": group_label}
    return labels
