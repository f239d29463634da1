"""What network coordinators see: every council's sign-up status, and the comparison of the
councils that share their figures. Counts and published measures only, never a personal record.

Each page reads a fixed number of queries however many councils there are: the councils with
their offers in one; the shared measures, with how many councils share, in one.
"""

import statistics
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import Council, Nation, name_in
from parent_charter.offers.models import AdoptionStatus

from . import hexmap, measures
from .models import NetworkSharing, SharedFigures

NOT_YET = "not_yet"
STATUSES = (
    (AdoptionStatus.SIGNED_UP.value, _("Signed up")),
    (AdoptionStatus.ENGAGED.value, _("Actively engaged")),
    (NOT_YET, _("Not yet")),
    (AdoptionStatus.WITHDRAWN.value, _("Withdrawn")),
)
# Councils that count as having joined the charter network.
JOINED = (AdoptionStatus.SIGNED_UP.value, AdoptionStatus.ENGAGED.value)
# A distribution across fewer councils than this would come close to naming them.
MIN_COUNCILS = 3


@dataclass(frozen=True)
class CouncilStatus:
    code: str
    name: str
    nation: str
    status: str
    status_label: str
    status_date: object  # datetime.date or None
    on_map: bool


def sign_up_overview() -> dict:
    """Every council on the maps or in the system, with its sign-up status and date, counted
    by nation, and the maps' panels."""
    language = get_language()
    # Each label put into words once: a lazy one is translated again wherever it is shown,
    # twice for each of hundreds of councils (the map and the table).
    labels = {key: str(label) for key, label in STATUSES}
    on_map = hexmap.map_councils()
    rows = {}
    # Only the columns shown: a whole council and its offer for each of hundreds of councils
    # cost more than the counting.
    for code, name, name_cy, nation, status, status_date in Council.objects.order_by(
        "name"
    ).values_list(
        "gss_code", "name", "name_cy", "nation", "local_offer__status", "local_offer__status_date"
    ):
        status = status or NOT_YET
        rows[code] = CouncilStatus(
            code=code,
            name=name_in(language, name=name, name_cy=name_cy),
            nation=nation,
            status=status,
            status_label=labels[status],
            status_date=status_date,
            on_map=code in on_map,
        )
    for code, place in on_map.items():
        if code not in rows:
            rows[code] = CouncilStatus(
                code=code,
                name=name_in(language, name=place.name, name_cy=place.name_cy),
                nation=place.nation,
                status=NOT_YET,
                status_label=labels[NOT_YET],
                status_date=None,
                on_map=True,
            )
    councils = sorted(rows.values(), key=lambda c: c.name)
    return {
        "statuses": list(labels.items()),
        "nations": _by_nation(councils, labels),
        "councils": councils,
        "panels": _panels(rows),
    }


def _by_nation(councils, labels) -> list[dict]:
    nations = []
    for nation, label in Nation.choices:
        here = [c for c in councils if c.nation == nation]
        if not here:
            continue
        counts = Counter(c.status for c in here)
        nations.append(
            {
                "key": nation,
                "label": str(label),  # shown on each of the nation's rows of the table
                "total": len(here),
                "joined": sum(counts[s] for s in JOINED),
                "counts": [
                    (key, status_label, counts[key]) for key, status_label in labels.items()
                ],
                "councils": here,
            }
        )
    return nations


def _panels(rows) -> list[dict]:
    panels = []
    for key, nation, file_name in hexmap.PANELS:
        drawn = hexmap.layout(file_name)
        panels.append(
            {
                "key": key,
                "label": Nation(nation).label,
                "width": drawn["width"],
                "height": drawn["height"],
                "hexes": [
                    {"council": rows[code], "points": points}
                    for code, points in drawn["hexes"].items()
                ],
            }
        )
    return panels


# --- The comparison ----------------------------------------------------------------------


def _quartiles(values: list[float]) -> dict:
    lower, median, upper = statistics.quantiles(values, n=4, method="inclusive")
    return {"lower": lower, "median": median, "upper": upper}


def _number(value: float) -> str:
    """A statistic as a person reads it: whole where it is whole, else to one decimal place."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _comparison_sql() -> str:
    """One row for every council that shares its figures, in name order: its names, whether it
    has figures for the period, and each measure taken apart by the database (a count's state,
    value and threshold; a percentage). Built from the models' own table and column names and
    the measures' keys, never from anything a request sends; the period is a parameter.

    The ORM's version of this query (one JSON document per council, decoded in Python) took
    1.5 to 1.9 times as long as the benchmark's hand-written SQL for the same numbers, most of
    it the ORM's own work; here the database does the taking apart, in the same one query.
    `->` and `->>` are PostgreSQL's and, since 3.38, SQLite's.
    """
    figures, sharing, council = SharedFigures._meta, NetworkSharing._meta, Council._meta

    def column(meta, name):
        return meta.get_field(name).column

    stored = f"f.{column(figures, 'measures')}"
    columns = []
    for key, _label, kind, _read in measures.MEASURES:
        if not key.isidentifier():  # measure keys are the app's constants
            raise ValueError(key)
        if kind == measures.PERCENT:
            columns.append(f"CAST({stored} -> '{key}' ->> 'percent' AS INTEGER)")
        else:
            columns += [
                f"{stored} -> '{key}' ->> 'state'",
                f"CAST({stored} -> '{key}' ->> 'value' AS INTEGER)",
                f"CAST({stored} -> '{key}' ->> 'threshold' AS INTEGER)",
            ]
    n_council = column(sharing, "council")
    # Names from the models and the app's measure keys only (S608).
    return (
        f"SELECT c.{column(council, 'name')}, c.{column(council, 'name_cy')}, "  # noqa: S608
        f"f.{figures.pk.column} IS NOT NULL, {', '.join(columns)} "
        f"FROM {sharing.db_table} n "
        f"JOIN {council.db_table} c ON c.{council.pk.column} = n.{n_council} "
        f"LEFT JOIN {figures.db_table} f ON f.{column(figures, 'council')} = n.{n_council} "
        f"AND f.{column(figures, 'period')} = %s "
        f"WHERE n.{column(sharing, 'share_figures')} "
        f"ORDER BY c.{column(council, 'name')}"
    )


_COMPARISON_SQL = _comparison_sql()


def comparison(*, period) -> dict:
    """The councils that share their figures, each key measure across them, for a period."""
    # Across councils on purpose: each row holds only what that council's own figures page
    # publishes (small numbers already protected), and only councils that chose to share.
    # One row for every council that shares, with its figures for the period if it has them
    # (some may not yet), so that how many share comes with the rows: one query in all.
    with connection.cursor() as cursor:
        cursor.execute(_COMPARISON_SQL, [period.slug])
        rows = cursor.fetchall()
    language = get_language()
    percents = [kind == measures.PERCENT for _key, _label, kind, _read in measures.MEASURES]
    # One pass over the councils: each council's cells, and each measure's shown values.
    values = [[] for _kind in percents]
    councils = []
    for name, name_cy, has_figures, *stored in rows:
        if not has_figures:
            continue
        cells = []
        columns = iter(stored)
        for percent, shown in zip(percents, values, strict=True):
            if percent:
                cell, value = _percent_cell(next(columns))
            else:
                cell, value = _count_cell(next(columns), next(columns), next(columns))
            if value is not None:
                shown.append(value)
            cells.append(cell)
        councils.append({"name": name_in(language, name=name, name_cy=name_cy), "cells": cells})
    table = []
    for (key, label, kind, _read), shown in zip(measures.MEASURES, values, strict=True):
        stats = None
        if len(shown) >= MIN_COUNCILS:
            stats = {name: _number(v) for name, v in _quartiles(shown).items()}
        table.append(
            {
                "key": key,
                "label": label,
                "percent": kind == measures.PERCENT,
                "councils": len(shown),
                "not_shown": len(councils) - len(shown),
                "stats": stats,
            }
        )
    return {
        "period": period,
        "sharing_count": len(rows),
        "min_councils": MIN_COUNCILS,
        "measures": table,
        "councils": councils,
    }


# A council's stored measure, ready to show (a number, "fewer than N" or "not shown"), and the
# value it adds to the spread across councils (None when it is not shown).


def _percent_cell(value) -> tuple[dict, int | None]:
    return {"text": None if value is None else f"{value}%", "fewer": None}, value


def _count_cell(state, value, threshold) -> tuple[dict, int | None]:
    if state == "shown":
        return {"text": f"{value:,}", "fewer": None}, value
    return {"text": None, "fewer": threshold if state == "fewer" else None}, None
