"""The disclosure rules on tables small enough to check by hand."""

import pytest

from parent_charter.figures import disclosure
from parent_charter.figures.disclosure import FEWER, HIDDEN, SHOWN
from parent_charter.figures.disclosure.checks import Domain


def test_small_counts_are_fewer_than_the_threshold_and_zero_is_shown():
    states = disclosure.suppress({"a": 0, "b": 1, "c": 4, "d": 5}, threshold=5)
    assert states == {"a": SHOWN, "b": FEWER, "c": FEWER, "d": SHOWN}


def test_the_threshold_is_the_councils_choice():
    states = disclosure.suppress({"a": 5, "b": 9, "c": 10}, threshold=10)
    assert states == {"a": FEWER, "b": FEWER, "c": SHOWN}


def test_a_lone_small_count_beside_its_total_hides_the_next_smallest():
    values = {"a": 3, "b": 20, "c": 12, "total": 35}
    states = disclosure.suppress(values, [disclosure.total(["a", "b", "c"], "total")])
    assert states == {"a": FEWER, "b": SHOWN, "c": HIDDEN, "total": SHOWN}


def test_two_small_counts_whose_sum_pins_them_are_protected_further():
    # 1 + 1 = 2 would tell the reader both are 1.
    values = {"a": 1, "b": 1, "c": 10, "total": 12}
    states = disclosure.suppress(values, [disclosure.total(["a", "b", "c"], "total")])
    assert states["c"] == HIDDEN


def test_the_period_before_cannot_give_away_who_joined():
    # 40 now = 38 before - 0 who left + 2 who joined: "joined" must not be left alone.
    values = {"now": 40, "before": 38, "left": 0, "joined": 2}
    states = disclosure.suppress(values, [{"now": 1, "before": -1, "left": 1, "joined": -1}])
    assert states["joined"] == FEWER
    assert sum(state != SHOWN for state in states.values()) >= 2


def test_percentages_need_ten_behind_them_and_a_shown_count():
    counts = disclosure.protect({"part": 6, "small_whole": 9, "whole": 12, "few": 3})
    assert disclosure.share(counts["part"], counts["whole"]).percent == 50
    assert disclosure.share(counts["part"], counts["small_whole"]).percent is None
    assert disclosure.share(counts["few"], counts["whole"]).percent is None


def test_relations_must_hold_and_be_sums():
    with pytest.raises(ValueError):
        disclosure.suppress({"a": 1, "t": 2}, [disclosure.total(["a"], "t")])
    with pytest.raises(ValueError):
        disclosure.suppress({"a": 1, "t": 2}, [{"a": 2, "t": -1}])


@pytest.mark.parametrize("threshold", [3, 5, 10])
@pytest.mark.parametrize("state", [FEWER, HIDDEN, disclosure.WITHHELD])
def test_the_search_tries_what_a_label_allows_nearest_the_true_value_first(state, threshold):
    for value in range(0, 40):
        if (state == FEWER) != (0 < value < threshold) and state != disclosure.WITHHELD:
            continue
        if state == FEWER:
            allowed = range(1, threshold)
        elif state == HIDDEN:
            allowed = [0, *range(threshold, value + 3 * threshold + 1)]
        else:
            allowed = range(0, value + 3 * threshold + 1)
        nearest_first = sorted(allowed, key=lambda option, v=value: (abs(option - v), option))
        assert list(Domain(state, value, threshold)) == nearest_first
        others = Domain(state, value, threshold, leave_out=value)
        assert list(others) == [o for o in nearest_first if o != value]
        assert (others.low, others.high) == (min(list(others)), max(list(others)))
