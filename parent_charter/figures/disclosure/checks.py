"""The three ways a reader could work out a hidden count, each a check that names the hidden
counts it could work out: the search for a second consistent value (the one complete check),
exact linear algebra over the relations, and interval reasoning over the labels' bounds."""

import math

from .relations import component, groups
from .states import FEWER, HIDDEN, SHOWN, WITHHELD

# How many partial assignments the search may try for one count before calling it unsafe.
SEARCH_BUDGET = 20_000


class OutOfBudget(Exception):
    pass


class Domain:
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


def without_alternative(
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
            found = alternative(key, values, relations, states, threshold)
        except OutOfBudget:
            failed.add(key)
            return [key]
        if found is None:
            failed.add(key)
            return [key]
        freed.update(k for k, value in found.items() if value != values[k])
    return []


def alternative(target, values, relations, states, threshold) -> dict | None:
    """Values of the counts tied to `target`, consistent with everything published, in which
    `target` has another value than its own; None when there are none."""
    members = component(target, relations, states)
    # Each relation of a member once (the order does not matter: all must hold).
    involved = list({id(r): r for key in members for r in relations.of(key)}.values())
    order = [target, *sorted(members - {target}, key=relations.position.get)]
    domains = {k: Domain(states[k], values[k], threshold) for k in order}
    domains[target] = Domain(states[target], values[target], threshold, values[target])
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
                raise OutOfBudget
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


def reduced(matrix: list[list[int]]) -> list[tuple[int, list[int]]]:
    """Reduced row echelon form, up to a whole-number multiple of each row: (pivot column, row)
    for each non-zero row. Scaling a row moves none of its zeros, which is all the callers
    read, and whole numbers keep the arithmetic exact without fractions (a row is divided by
    the greatest common divisor of its entries after each step, so they stay small)."""
    rows = [row[:] for row in matrix]
    pivots, rank = [], 0
    columns = len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead_row = rows[rank]
        lead = lead_row[column]
        for r in range(len(rows)):
            factor = rows[r][column]
            if r != rank and factor != 0:
                row = [lead * a - factor * b for a, b in zip(rows[r], lead_row, strict=True)]
                divisor = math.gcd(*row)
                rows[r] = [value // divisor for value in row] if divisor > 1 else row
        pivots.append(column)
        rank += 1
    return list(zip(pivots, rows[:rank], strict=True))


def linearly_fixed(values, relations, states) -> list:
    """Hidden counts the relations fix whatever the bounds: those whose unit vector lies in the
    row space of the relations over the hidden counts, that is a pivot row of the reduced form
    with nothing else in it. Worked out per group of relations sharing hidden counts, which
    keeps the algebra small on pages with many short tables."""
    hidden = {k: values[k] for k in values if states[k] != SHOWN}
    over_hidden = [{k: c for k, c in r.items() if k in hidden} for r in relations]
    fixed = []
    for keys, group in groups(hidden, [r for r in over_hidden if r]):
        rows = [[r.get(k, 0) for k in keys] for r in group]
        for column, row in reduced(rows):
            if all(value == 0 for index, value in enumerate(row) if index != column):
                fixed.append(keys[column])
    return fixed


def pinned_by_bounds(values, relations, states, threshold) -> list:
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
