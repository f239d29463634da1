"""The guard's figures: counts by month, small numbers suppressed, one query, own council only."""

import datetime
import re

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from parent_charter.childrens_services.selectors import SUPPRESS_BELOW, guard_figures

from .factories import GuardEventFactory

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC)


def _at(year, month, day=10):
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


def _events(council, kind, count, when):
    with scope(council=council.pk):
        for _index in range(count):
            GuardEventFactory(council=council, kind=kind, occurred_at=when)


def _cells(body: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", cell).strip()
        for cell in re.findall(r'<td class="govuk-table__cell[^"]*">(.*?)</td>', body, re.S)
    ]


@time_machine.travel(NOW, tick=False)
def test_counts_by_month_with_small_numbers_suppressed(client_for, manager, hillford, eastmere):
    _events(hillford, "flagged", 6, _at(2026, 5))
    _events(hillford, "refused_ground", 2, _at(2026, 5))
    _events(hillford, "returned", 5, _at(2026, 6))
    _events(hillford, "flagged", 9, _at(2025, 5))  # thirteen months ago: not shown
    _events(eastmere, "flagged", 7, _at(2026, 6))  # another council's: never counted
    response = client_for(manager).get("/staff/safeguarding/figures/")
    assert response.status_code == 200
    body = response.content.decode()
    months = re.findall(r'<th scope="row" class="govuk-table__header">(.*?)</th>', body)
    assert months[0] == "June 2026" and months[-1] == "July 2025" and len(months) == 12
    cells = _cells(body)
    columns = 8
    assert len(cells) == 12 * columns
    june, may = cells[:columns], cells[columns : 2 * columns]
    # Columns: refused ground, refused evidence, held (past), held (routine), sent after check,
    # returned, withdrawn, manager's reason refused.
    assert june == ["fewer than 5"] * 5 + ["5"] + ["fewer than 5"] * 2
    assert may == ["fewer than 5"] * 2 + ["6"] + ["fewer than 5"] * 5
    for cell in cells:
        assert cell == "fewer than 5" or int(cell) >= SUPPRESS_BELOW


@time_machine.travel(NOW, tick=False)
def test_no_small_number_leaves_the_selector(hillford):
    for count, month in ((1, 1), (4, 2), (5, 3), (0, 4)):
        _events(hillford, "flagged", count, _at(2026, month))
    with scope(council=hillford.pk):
        figures = guard_figures()
    shown = [cell.count for row in figures["rows"] for cell in row.cells]
    assert 5 in shown
    assert all(value is None or value >= SUPPRESS_BELOW for value in shown)


@time_machine.travel(NOW, tick=False)
def test_the_figures_cost_one_query_however_many_events(hillford):
    def count():
        with scope(council=hillford.pk), CaptureQueriesContext(connection) as queries:
            guard_figures()
        return len(queries)

    _events(hillford, "flagged", 1, _at(2026, 6))
    one = count()
    for month in range(1, 7):
        _events(hillford, "withdrawn", 7, _at(2026, month))
    assert count() == one == 1


def test_the_page_is_for_managers_and_analysts_only(client_for, analyst, pa, hillford):
    assert client_for(analyst).get("/staff/safeguarding/figures/").status_code == 200
    assert client_for(pa).get("/staff/safeguarding/figures/").status_code == 403


@time_machine.travel(NOW, tick=False)
def test_routine_and_refused_evidence_are_counted_apart(client_for, manager, hillford):
    _events(hillford, "held_routine", 7, _at(2026, 6))
    _events(hillford, "refused_evidence", 5, _at(2026, 6))
    _events(hillford, "refused_reason", 6, _at(2026, 6))
    body = client_for(manager).get("/staff/safeguarding/figures/").content.decode()
    assert "Held: a routine referral" in body
    june = _cells(body)[:8]
    assert june == ["fewer than 5", "5", "fewer than 5", "7"] + ["fewer than 5"] * 3 + ["6"]
