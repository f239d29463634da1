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

tests/figures/test_disclosure_properties.py proves the result by brute force over random
tables: for every hidden cell it finds two different consistent values.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

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
    for keys, group in _groups(values, relations):
        part = {key: values[key] for key in keys}
        part_states = {key: states[key] for key in keys}
        _suppress_group(part, group, part_states, threshold, order)
        states.update(part_states)
    return states


def _groups(values, relations):
    """The keys of `values` in groups joined by relations, each with its relations, in the
    order of `values`; keys in no relation are left out."""
    parent = {}

    def find(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for relation in relations:
        keys = list(relation)
        for key in keys:
            parent.setdefault(key, key)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    members: dict = {}
    for key in values:
        if key in parent:
            members.setdefault(find(key), []).append(key)
    tied: dict = {}
    for relation in relations:
        tied.setdefault(find(next(iter(relation))), []).append(relation)
    return [(keys, tied[root]) for root, keys in members.items()]


class _Relations(list):
    """A group's relations, with the relations each count stands in (worked out once: the
    checks ask for them many times a round, and the relations never change)."""

    def __init__(self, relations, values):
        super().__init__(relations)
        self.position = {key: index for index, key in enumerate(values)}  # the group's order
        self.by_key: dict = {}
        for relation in self:
            for key in relation:
                self.by_key.setdefault(key, []).append(relation)

    def of(self, key) -> list:
        return self.by_key.get(key, [])


def _suppress_group(values, relations, states, threshold, order) -> None:
    """Secondary suppression of one group of related counts, changing `states` in place."""
    relations = _Relations(relations, values)
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
        for key in _component(stuck[0], relations, states):
            states[key] = WITHHELD


def _component(start, relations: _Relations, states) -> set:
    """The counts not shown that are tied to `start` through relations."""
    seen, queue = {start}, [start]
    while queue:
        key = queue.pop()
        for relation in relations.of(key):
            for other in relation:
                if states[other] != SHOWN and other not in seen:
                    seen.add(other)
                    queue.append(other)
    return seen


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
    if not _without_alternative(values, relations, states, threshold, settled, freed, failed):
        return []
    checks = (
        lambda: _linearly_fixed(values, relations, states),
        lambda: _pinned_by_bounds(values, relations, states, threshold),
        lambda: _without_alternative(values, relations, states, threshold, settled, freed, failed),
    )
    for check in checks:
        found = [key for key in check() if key not in settled]
        if found:
            return found
    return []


# How many partial assignments the search may try for one count before calling it unsafe.
SEARCH_BUDGET = 20_000


class _OutOfBudget(Exception):
    pass


class _Domain:
    """What a label allows, nearest the true value first (the nearer of two equally near
    first): the search looks for a second consistent value, which is most often close by.
    Values far above the true one are left out, which can only make a count look less safe
    than it is. The values are made as the search asks for them, since it most often stops
    after the first few of a range that can run to hundreds."""

    def __init__(self, state, value, threshold, leave_out=None):
        self.value, self.leave_out = value, leave_out
        if state == FEWER:
            self.bottom, self.top, self.gap = 1, threshold - 1, None
        elif state == WITHHELD:
            self.bottom, self.top, self.gap = 0, value + 3 * threshold, None
        else:  # hidden (or shown): 0, or the threshold and above
            self.bottom, self.top, self.gap = 0, value + 3 * threshold, (1, threshold - 1)
        self.low = self._edge(self.bottom, 1)
        self.high = self._edge(self.top, -1)

    def _allowed(self, option) -> bool:
        if not self.bottom <= option <= self.top or option == self.leave_out:
            return False
        return self.gap is None or not self.gap[0] <= option <= self.gap[1]

    def _edge(self, option, step):
        """The first value allowed from `option` on, in the direction of `step`: over the gap
        and the value left out in a step each, rather than trying every value between."""
        while self.bottom <= option <= self.top:
            if self.gap is not None and self.gap[0] <= option <= self.gap[1]:
                option = self.gap[1] + 1 if step > 0 else self.gap[0] - 1
            elif option == self.leave_out:
                option += step
            else:
                return option
        return None

    def __bool__(self) -> bool:
        return self.low is not None

    def __iter__(self):
        value = self.value
        reach = max(value - self.bottom, self.top - value)
        for distance in range(reach + 1):
            for option in (value - distance, value + distance) if distance else (value,):
                if self._allowed(option):
                    yield option


def _without_alternative(
    values, relations, states, threshold, settled=frozenset(), freed=None, failed=None
) -> list:
    """Hidden counts for which a search finds no second value consistent with everything
    published (within its budget). The gaps in what a label allows ("hidden" is never 1 to
    N-1) can pin a count where neither the algebra nor the bounds do."""
    # One consistent assignment in which a count differs from its true value shows that count
    # cannot be worked out either: the search is not repeated for it. `freed` may carry such
    # counts over from an earlier round of the same group. `failed` holds counts whose search
    # already failed on the same states (in this round), which are not searched again.
    freed = set() if freed is None else freed
    failed = set() if failed is None else failed
    for key in (k for k in values if states[k] != SHOWN and k not in settled):
        if key in freed:
            continue
        if key in failed:
            return [key]
        try:
            found = _alternative(key, values, relations, states, threshold)
        except _OutOfBudget:
            failed.add(key)
            return [key]
        if found is None:
            failed.add(key)
            return [key]
        freed.update(k for k, value in found.items() if value != values[k])
    return []


def _alternative(target, values, relations, states, threshold) -> dict | None:
    """Values of the counts tied to `target`, consistent with everything published, in which
    `target` has another value than its own; None when there are none."""
    members = _component(target, relations, states)
    # Each relation of a member once (the order does not matter: all must hold).
    involved = list({id(r): r for key in members for r in relations.of(key)}.values())
    order = [target, *sorted(members - {target}, key=relations.position.get)]
    domains = {k: _Domain(states[k], values[k], threshold) for k in order}
    domains[target] = _Domain(states[target], values[target], threshold, values[target])
    if not domains[target]:
        return None
    lows = {k: d.low for k, d in domains.items()}
    highs = {k: d.high for k, d in domains.items()}
    budget = [SEARCH_BUDGET]

    # Each relation's running sums: c * value over its shown and assigned counts ("fixed"), and
    # the least and most its other counts could add given their labels. Assigning a count
    # moves its share from the open range into the fixed sum, so a relation is checked in a
    # step rather than summed again; and assigning a count can only break its own relations
    # (the others were feasible before, and nothing in them changed).
    touching: dict = {}
    for relation in involved:
        sums = [0, 0, 0]  # fixed, low, high
        for key, c in relation.items():
            if states[key] == SHOWN:
                sums[0] += c * values[key]
            elif c > 0:
                sums[1], sums[2] = sums[1] + lows[key], sums[2] + highs[key]
            else:
                sums[1], sums[2] = sums[1] - highs[key], sums[2] - lows[key]
            if states[key] != SHOWN:
                touching.setdefault(key, []).append((sums, c))

    def search(index, assigned):
        if index == len(order):
            return True
        key = order[index]
        entries = touching.get(key, ())
        low, high = lows[key], highs[key]
        for sums, c in entries:  # the count leaves the open range of its relations
            if c > 0:
                sums[1], sums[2] = sums[1] - low, sums[2] - high
            else:
                sums[1], sums[2] = sums[1] + high, sums[2] + low
        for value in domains[key]:
            budget[0] -= 1
            if budget[0] < 0:
                raise _OutOfBudget
            if all(sums[1] <= -(sums[0] + c * value) <= sums[2] for sums, c in entries):
                assigned[key] = value
                for sums, c in entries:
                    sums[0] += c * value
                if search(index + 1, assigned):
                    return True
                for sums, c in entries:
                    sums[0] -= c * value
                del assigned[key]
        for sums, c in entries:  # and comes back to it
            if c > 0:
                sums[1], sums[2] = sums[1] + low, sums[2] + high
            else:
                sums[1], sums[2] = sums[1] - high, sums[2] - low
        return False

    assigned: dict = {}
    return assigned if search(0, assigned) else None


def _reduced(matrix: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form: (pivot column, row) for each non-zero row."""
    rows = [row[:] for row in matrix]
    pivots, rank = [], 0
    columns = len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][column]
        rows[rank] = [value / lead for value in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append(column)
        rank += 1
    return list(zip(pivots, rows[:rank], strict=True))


def _linearly_fixed(values, relations, states) -> list:
    """Hidden counts the relations fix whatever the bounds: those whose unit vector lies in the
    row space of the relations over the hidden counts, that is a pivot row of the reduced form
    with nothing else in it. Worked out per group of relations sharing hidden counts, which
    keeps the algebra small on pages with many short tables."""
    hidden = {k: values[k] for k in values if states[k] != SHOWN}
    over_hidden = [{k: c for k, c in r.items() if k in hidden} for r in relations]
    fixed = []
    for keys, group in _groups(hidden, [r for r in over_hidden if r]):
        rows = [[Fraction(r.get(k, 0)) for k in keys] for r in group]
        for column, row in _reduced(rows):
            if all(value == 0 for index, value in enumerate(row) if index != column):
                fixed.append(keys[column])
    return fixed


def _pinned_by_bounds(values, relations, states, threshold) -> list:
    """Interval reasoning, as a careful reader would do it: start from what each label says
    (1..N-1, or 0 and up) and narrow through every relation until nothing changes."""
    low = {}
    high = {}
    for key, state in states.items():
        if state == FEWER:
            low[key], high[key] = 1, threshold - 1
        elif state in (HIDDEN, WITHHELD):
            low[key], high[key] = 0, None
    hidden_relations = []
    for relation in relations:
        members = [k for k in relation if states[k] != SHOWN]
        if members:
            constant = sum(c * values[k] for k, c in relation.items() if states[k] == SHOWN)
            hidden_relations.append(({k: relation[k] for k in members}, constant))
    for _round in range(100):
        changed = False
        for coefficients, constant in hidden_relations:
            # sum(c_k * x_k) + constant == 0, each c_k being +1 or -1.
            for key, coefficient in coefficients.items():
                # coefficient * x_key == -constant - sum(c * x over the others)
                others_low, others_high = 0, 0
                for other, c in coefficients.items():
                    if other == key:
                        continue
                    a, b = (
                        (low[other], high[other])
                        if c > 0
                        else (
                            None if high[other] is None else -high[other],
                            -low[other],
                        )
                    )
                    others_low = None if others_low is None or a is None else others_low + a
                    others_high = None if others_high is None or b is None else others_high + b
                upper = None if others_low is None else -constant - others_low
                lower = None if others_high is None else -constant - others_high
                if coefficient < 0:
                    lower, upper = (
                        None if upper is None else -upper,
                        None if lower is None else -lower,
                    )
                if lower is not None and lower > low[key]:
                    low[key], changed = lower, True
                if upper is not None and (high[key] is None or upper < high[key]):
                    high[key], changed = upper, True
                if states[key] == HIDDEN:
                    # A hidden count is never from 1 to N-1: those are labelled "fewer".
                    if 0 < low[key] < threshold:
                        low[key], changed = threshold, True
                    if high[key] is not None and 0 < high[key] < threshold:
                        high[key], changed = 0, True
        if not changed:
            break
    return [key for key in low if high[key] is not None and low[key] >= high[key]]
