"""Property tests: whatever the table, no hidden count can be worked out from what is shown.

The reader is assumed to know every shown count, every relation (rows and columns with their
totals, the period before), the threshold, and what the labels say: a "fewer than N" count is
from 1 to N-1, a "hidden" count is 0 or at least N. For every hidden count, a brute-force
search (independent of the module's own checks) must find a second assignment of all hidden
counts, consistent with all of that, in which this count differs from its true value.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parent_charter.figures import disclosure
from parent_charter.figures.disclosure import FEWER, HIDDEN, SHOWN, WITHHELD


def _domain(state, threshold, bound):
    if state == FEWER:
        return range(1, threshold)
    if state == WITHHELD:
        return range(0, bound + 1)
    return [0, *range(threshold, bound + 1)]


def _alternative_exists(target, values, relations, states, threshold) -> bool:
    """Is there an assignment of the hidden counts, consistent with everything published, in
    which `target` is not its true value?"""
    bound = sum(values.values()) + threshold
    hidden = [target] + [k for k in values if states[k] != SHOWN and k != target]
    # Each count's possible values, nearest its true value first: an alternative usually moves
    # a few counts a little, so it is found early. The order changes how soon the search
    # answers, never what it answers (every value is still tried).
    domains = {
        k: sorted(_domain(states[k], threshold, bound), key=lambda v, k=k: abs(v - values[k]))
        for k in hidden
    }
    domains[target] = [v for v in domains[target] if v != values[target]]
    lows = {k: min(d) if d else 0 for k, d in domains.items()}
    highs = {k: max(d) if d else 0 for k, d in domains.items()}
    known = {k: v for k, v in values.items() if states[k] == SHOWN}

    def feasible(assigned):
        for relation in relations:
            fixed, low, high = 0, 0, 0
            for key, c in relation.items():
                value = known.get(key, assigned.get(key))
                if value is not None:
                    fixed += c * value
                elif c > 0:
                    low, high = low + lows[key], high + highs[key]
                else:
                    low, high = low - highs[key], high - lows[key]
            if not (fixed + low <= 0 <= fixed + high):
                return False
        return True

    allowed = {k: set(d) for k, d in domains.items()}

    def forced(assigned):
        """A count whose value a relation now fixes: the only one of it not yet known. Taking
        that value rather than trying each in turn changes nothing but the time (any other
        value breaks the relation), and keeps tables with many hidden counts to seconds."""
        for relation in relations:
            free = [k for k in relation if k not in known and k not in assigned]
            if len(free) == 1:
                key = free[0]
                rest = sum(
                    c * known.get(k, assigned.get(k)) for k, c in relation.items() if k != key
                )
                return key, -rest * relation[key]
        return None

    def tightest(key, assigned):
        """How few counts are still open in the fullest relation of `key`: choosing such a
        count next lets the relations fix the others sooner."""
        return min(
            (
                sum(1 for k in relation if k not in known and k not in assigned)
                for relation in relations
                if key in relation
            ),
            default=len(hidden),
        )

    def search(assigned):
        if len(assigned) == len(hidden):
            return True
        found = forced(assigned)
        if found is not None:
            key, value = found
            if value not in allowed[key]:
                return False
            assigned[key] = value
            if feasible(assigned) and search(assigned):
                return True
            del assigned[key]
            return False
        key = min((k for k in hidden if k not in assigned), key=lambda k: tightest(k, assigned))
        for value in domains[key]:
            assigned[key] = value
            if feasible(assigned) and search(assigned):
                return True
            del assigned[key]
        return False

    return search({})


@st.composite
def tables(draw):
    """A table of counts with row, column and grand totals, and a stock carried from the period
    before (this period's count = the last one's - those who left + those who joined)."""
    rows = draw(st.integers(1, 3))
    columns = draw(st.integers(1, 3))
    small = st.one_of(st.integers(0, 6), st.integers(0, 9))
    cells = {(r, c): draw(small) for r in range(rows) for c in range(columns)}
    values = dict(cells)
    relations = []
    for r in range(rows):
        values[("row", r)] = sum(cells[(r, c)] for c in range(columns))
    for c in range(columns):
        values[("column", c)] = sum(cells[(r, c)] for r in range(rows))
    values["grand"] = sum(cells.values())
    relations += disclosure.grid(
        range(rows),
        range(columns),
        row_totals={r: ("row", r) for r in range(rows)},
        column_totals={c: ("column", c) for c in range(columns)},
    )
    relations.append(disclosure.total([("row", r) for r in range(rows)], "grand"))
    relations.append(disclosure.total([("column", c) for c in range(columns)], "grand"))
    if draw(st.booleans()):
        before = draw(small)
        left = draw(st.integers(0, before))
        values.update({"before": before, "left": left, "joined": values["grand"] - before + left})
        if values["joined"] >= 0:
            relations.append({"grand": 1, "before": -1, "left": 1, "joined": -1})
        else:
            del values["before"], values["left"], values["joined"]
    threshold = draw(st.integers(3, 5))
    return values, relations, threshold


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_no_hidden_count_can_be_worked_out(table):
    values, relations, threshold = table
    states = disclosure.suppress(values, relations, threshold=threshold)
    for key, state in states.items():
        if state == SHOWN:
            continue
        assert _alternative_exists(key, values, relations, states, threshold), (
            f"{key} = {values[key]} can be worked out: {values} {states}"
        )


@settings(max_examples=300, deadline=None)
@given(tables())
def test_small_counts_are_fewer_and_nothing_else_is(table):
    values, relations, threshold = table
    states = disclosure.suppress(values, relations, threshold=threshold)
    for key, value in values.items():
        if 0 < value < threshold:
            assert states[key] in {FEWER, WITHHELD}
        else:
            assert states[key] in {SHOWN, HIDDEN, WITHHELD}


@settings(max_examples=300, deadline=None)
@given(tables())
def test_each_relation_has_no_hidden_count_or_at_least_two(table):
    values, relations, threshold = table
    states = disclosure.suppress(values, relations, threshold=threshold)
    for relation in relations:
        hidden = [k for k in relation if states[k] != SHOWN]
        assert len(hidden) != 1, (relation, states)


@settings(max_examples=200, deadline=None)
@given(tables())
def test_protected_counts_carry_no_number_unless_shown(table):
    values, relations, threshold = table
    counts = disclosure.protect(values, relations, threshold=threshold)
    for key, count in counts.items():
        assert (count.value is None) == (not count.shown)
        if count.shown:
            assert count.value == values[key]
            assert count.value == 0 or count.value >= threshold


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), tables(), st.lists(st.integers(0, 9), max_size=4))
def test_tables_not_tied_by_a_sum_are_protected_as_if_each_were_alone(first, second, loose):
    """Protection works on each group of related counts on its own (which keeps a page of many
    small tables cheap): a table's states never depend on another table, or on counts tied to
    nothing, printed beside it on the same page."""
    (a_values, a_relations, threshold), (b_values, b_relations, _other) = first, second
    a = {("a", k): v for k, v in a_values.items()}
    b = {("b", k): v for k, v in b_values.items()}
    single = {("loose", i): v for i, v in enumerate(loose)}
    a_rel = [{("a", k): c for k, c in r.items()} for r in a_relations]
    b_rel = [{("b", k): c for k, c in r.items()} for r in b_relations]
    together = disclosure.suppress({**a, **single, **b}, a_rel + b_rel, threshold=threshold)
    assert together == {
        **disclosure.suppress(a, a_rel, threshold=threshold),
        **disclosure.suppress(b, b_rel, threshold=threshold),
        **disclosure.suppress(single, [], threshold=threshold),
    }
