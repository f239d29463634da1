"""The linear check's elimination in whole numbers against the textbook one in fractions.

`checks.reduced` keeps each row of the reduced row echelon form as a whole-number multiple of
itself (no fractions). The linear check reads only where a row's zeros are, so the two forms
must have the same pivots and each row must be a non-zero multiple of the textbook row.
"""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from parent_charter.figures.disclosure import checks


def _textbook(matrix):
    """Reduced row echelon form in fractions, each pivot 1: (pivot column, row) per row."""
    rows = [[Fraction(value) for value in row] for row in matrix]
    pivots, rank = [], 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        rows[rank] = [value / rows[rank][column] for value in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column]:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append(column)
        rank += 1
    return list(zip(pivots, rows[:rank], strict=True))


matrices = st.integers(1, 8).flatmap(
    lambda columns: st.lists(
        st.lists(st.sampled_from([0, 0, 1, -1]), min_size=columns, max_size=columns),
        min_size=1,
        max_size=8,
    )
)


@given(matrices)
def test_whole_number_elimination_matches_the_textbook_up_to_each_rows_multiple(matrix):
    expected = _textbook(matrix)
    found = checks.reduced(matrix)
    assert [column for column, _row in found] == [column for column, _row in expected]
    for (column, row), (_column, textbook_row) in zip(found, expected, strict=True):
        assert all(isinstance(value, int) for value in row)
        multiple = row[column]  # the textbook row has 1 there
        assert multiple != 0
        assert [Fraction(value) for value in row] == [multiple * v for v in textbook_row]


def test_a_count_fixed_by_two_sums_is_found_and_one_left_free_is_not():
    # a + b = 5 and a - b = 1 fix both; c + d = 4 fixes neither.
    values = {"a": 3, "b": 2, "c": 1, "d": 3, "s": 5, "t": 1, "u": 4}
    relations = [
        {"a": 1, "b": 1, "s": -1},
        {"a": 1, "b": -1, "t": -1},
        {"c": 1, "d": 1, "u": -1},
    ]
    states = {key: checks.HIDDEN if key in "abcd" else checks.SHOWN for key in values}
    assert sorted(checks.linearly_fixed(values, relations, states)) == ["a", "b"]
