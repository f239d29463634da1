"""Statistical disclosure control: small numbers never leave a page, nor can they be worked out.

A pure module (no Django): the figures selectors hand it every count a page publishes and the
sums that tie those counts together ("relations": a row and its total, a column and its total,
this period's parents = last period's - those who left + those who joined). It answers which
counts to hide.

- Primary suppression: a count from 1 to threshold-1 is shown as "fewer than N".
- Secondary suppression: other counts are hidden ("hidden") until no hidden count can be worked
  out. A reader knows every shown count, every relation, and that a "fewer than N" count is from
  1 to N-1 while a "hidden" one is 0 or at least N. A hidden count is safe when at least two
  values are consistent with all of that. Three checks, cheapest first, find the unsafe ones:
  exact linear algebra (a count fixed by the relations alone), interval reasoning over the
  bounds (a count pinned by them, such as two "fewer than 5" cells summing to 2), and a bounded
  search for a second consistent value (the gap in what "hidden" allows can pin a count the
  other two miss). Whenever one is unsafe, the smallest shown count of one of its relations is
  hidden as well, and the checks run again.
- When nothing shown is left to hide (a table made only of small numbers), every count tied to
  the unsafe one says only "not shown" ("withheld"), which allows any value.

The package: this module is what pages use (Count, Share, protect, suppress and the relations'
helpers) and the loop that hides counts until none can be worked out; `checks` holds the three
checks; `relations` the grouping and indexing of relations they share; `states` the labels.

tests/figures/test_disclosure_properties.py proves the result by brute force over random
tables: for every hidden cell it finds two different consistent values.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .checks import linearly_fixed, pinned_by_bounds, without_alternative
from .relations import Relations, component, groups
from .states import (
    DEFAULT_THRESHOLD,
    FEWER,
    HIDDEN,
    MIN_DENOMINATOR,
    SHOWN,
    WITHHELD,
    Key,
    Relation,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "FEWER",
    "HIDDEN",
    "MIN_DENOMINATOR",
    "SHOWN",
    "WITHHELD",
    "Count",
    "Key",
    "Relation",
    "Share",
    "grid",
    "protect",
    "share",
    "suppress",
    "total",
]


@dataclass(frozen=True)
class Count:
    """A count as it may be published: the number only when it is shown."""

    value: int | None
    state: str = SHOWN
    threshold: int = DEFAULT_THRESHOLD

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def fewer(self) -> bool:
        return self.state == FEWER

    @property
    def hidden(self) -> bool:
        return self.state == HIDDEN

    @property
    def withheld(self) -> bool:
        return self.state == WITHHELD


@dataclass(frozen=True)
class Share:
    """A percentage, or None when its count is hidden or fewer than MIN_DENOMINATOR stand
    behind it."""

    percent: int | None


def total(keys: Iterable[Key], total_key: Key) -> dict[Key, int]:
    """The relation "these keys sum to total_key"."""
    relation = dict.fromkeys(keys, 1)
    relation[total_key] = relation.get(total_key, 0) - 1
    return relation


def grid(rows: Sequence[Key], columns: Sequence[Key], *, row_totals=None, column_totals=None):
    """Relations of a table whose cell keys are (row, column). `row_totals` maps a row to the key
    of its published total, `column_totals` a column to its; grand totals are ordinary keys the
    caller relates with `total`."""
    relations = []
    for row in rows:
        if row_totals and row in row_totals:
            relations.append(total([(row, column) for column in columns], row_totals[row]))
    for column in columns:
        if column_totals and column in column_totals:
            relations.append(total([(row, column) for row in rows], column_totals[column]))
    return relations


def protect(
    values: Mapping[Key, int],
    relations: Sequence[Relation] = (),
    *,
    threshold: int = DEFAULT_THRESHOLD,
) -> dict[Key, Count]:
    """Every value as a Count, with small numbers and what would reveal them hidden."""
    states = suppress(values, relations, threshold=threshold)
    return {
        key: Count(None if states[key] != SHOWN else value, states[key], threshold)
        for key, value in values.items()
    }


def share(part: Count, whole: Count) -> Share:
    """`part` as a whole-number percentage of `whole`, unless that would reveal a small number."""
    if not (part.shown and whole.shown) or whole.value < MIN_DENOMINATOR:
        return Share(None)
    return Share(round(100 * part.value / whole.value))


def suppress(
    values: Mapping[Key, int],
    relations: Sequence[Relation] = (),
    *,
    threshold: int = DEFAULT_THRESHOLD,
) -> dict[Key, str]:
    """The state of each key: SHOWN, FEWER or HIDDEN."""
    if threshold < 3:
        # Below 3, "fewer than N" would name the number itself.
        raise ValueError("threshold must be at least 3")
    for key, value in values.items():
        if value < 0:
            raise ValueError(f"counts cannot be negative: {key!r}")
    relations = [{k: c for k, c in r.items() if c} for r in relations]
    relations = [r for r in relations if r]
    for relation in relations:
        missing = {key for key in relation if key not in values}
        if missing:
            raise ValueError(f"relation names unknown keys: {missing!r}")
        if any(c not in (1, -1) for c in relation.values()):
            raise ValueError("relations are sums and differences: coefficients are 1 or -1")
        if sum(c * values[k] for k, c in relation.items()) != 0:
            raise ValueError("the values do not satisfy a relation")
    order = {key: index for index, key in enumerate(values)}
    states = {key: FEWER if 0 < value < threshold else SHOWN for key, value in values.items()}
    # Counts tied by no relation to another can only be given away by their own label, which
    # primary suppression already settles; counts in different groups of relations cannot say
    # anything about each other (every check looks only at a count's own group). So each group
    # is protected on its own, which on a page of many small tables costs a fraction of
    # checking the whole page again after every count hidden.
    for keys, group in groups(values, relations):
        part = {key: values[key] for key in keys}
        part_states = {key: states[key] for key in keys}
        _suppress_group(part, group, part_states, threshold, order)
        states.update(part_states)
    return states


def _suppress_group(values, relations, states, threshold, order) -> None:
    """Secondary suppression of one group of related counts, changing `states` in place."""
    relations = Relations(relations, values)
    settled: set = set()
    # Counts shown safe by a consistent assignment in which they differ from their true value.
    # Hiding more only takes information away (the relations stay the same, and every count
    # newly hidden keeps its true value within what its label allows), so such an assignment
    # stays consistent, and the count safe, for the rest of this group's rounds.
    freed: set = set()
    while True:
        unsafe = _unsafe(values, relations, states, threshold, settled, freed)
        if not unsafe:
            return
        added = False
        for key in unsafe:
            pick = _candidate(key, values, relations, states, order)
            if pick is not None:
                states[pick] = HIDDEN
                added = True
                break
        if added:
            continue
        stuck = [key for key in unsafe if states[key] != WITHHELD]
        if not stuck:
            # Everything tied to these counts already says only "not shown", and nothing is
            # left to hide. What remains is a count the relations force to zero (a zero is
            # never a small number) or one whose search ran out of budget (no way to work it
            # out was found). Leave them, rather than fail the page.
            settled.update(unsafe)
            continue
        # Nothing shown is left to hide: say no more than "not shown" for everything tied to
        # the stuck count, so that the labels themselves give nothing away.
        for key in component(stuck[0], relations, states):
            states[key] = WITHHELD


def _candidate(key, values, relations, states, order):
    """The smallest shown count in a relation of `key`: relations with the fewest hidden first,
    non-zero counts before zeros."""
    options = []
    for relation in relations:
        if key not in relation:
            continue
        hidden = sum(1 for k in relation if states[k] != SHOWN)
        for other in relation:
            if states[other] == SHOWN:
                options.append((hidden, values[other] == 0, values[other], order[other], other))
    if not options:
        return None
    return min(options, key=lambda option: option[:4])[4]


def _unsafe(values, relations, states, threshold, settled=frozenset(), freed=None) -> list:
    hidden = [k for k in values if states[k] != SHOWN]
    if not hidden:
        return []
    # A relation with exactly one hidden count gives it away at once.
    lonely = []
    for relation in relations:
        members = [k for k in relation if states[k] != SHOWN]
        if len(members) == 1 and members[0] not in settled:
            lonely.append(members[0])
    if lonely:
        return lonely
    freed = set() if freed is None else freed
    # The search is the one complete check: a count with a second consistent value can be
    # worked out neither by the algebra nor by the bounds (both only draw conclusions that hold
    # for every consistent assignment). So when the search clears every hidden count, which is
    # how most rounds end, the two cheaper checks would find nothing and are not run. When it
    # fails on one, the checks run in their usual order, so the same count is found unsafe
    # first as before, and the failed search is not repeated.
    failed: set = set()
    if not without_alternative(values, relations, states, threshold, settled, freed, failed):
        return []
    checks = (
        lambda: linearly_fixed(values, relations, states),
        lambda: pinned_by_bounds(values, relations, states, threshold),
        lambda: without_alternative(values, relations, states, threshold, settled, freed, failed),
    )
    for check in checks:
        found = [key for key in check() if key not in settled]
        if found:
            return found
    return []
