"""The comparison of the councils that share their figures: each measure's spread (median and
quartiles) against hand-built stored measures, small numbers protected, only sharers named."""

import re

import time_machine
from django_scopes import scope

from parent_charter.figures import periods
from parent_charter.network import selectors, services
from tests.factories import CouncilFactory
from tests.figures.conftest import NOW, build_world

from .conftest import count, percent, share

Q3 = periods.parse("2026-Q3")


def _councils(*names):
    return [CouncilFactory(name=name) for name in names]


def _measure(result, key):
    return next(m for m in result["measures"] if m["key"] == key)


def test_the_spread_of_each_measure_is_its_median_and_quartiles(db):
    north, south, east, west = _councils("North", "South", "East", "West")
    share(north, {"supported": count(10), "separated": percent(20)})
    share(south, {"supported": count(20), "separated": percent(30)})
    share(east, {"supported": count(30), "separated": percent(25)})
    share(west, {"supported": count(40), "separated": percent(None)})
    result = selectors.comparison(period=Q3)
    supported = _measure(result, "supported")
    # Quartiles by the inclusive method: 10, 20, 30, 40 -> 17.5, 25, 32.5.
    assert supported["stats"] == {"lower": "17.5", "median": "25", "upper": "32.5"}
    assert (supported["councils"], supported["not_shown"]) == (4, 0)
    separated = _measure(result, "separated")
    # West's percentage is not published, so the spread is over the other three.
    assert separated["stats"] == {"lower": "22.5", "median": "25", "upper": "27.5"}
    assert (separated["councils"], separated["not_shown"]) == (3, 1)
    assert [c["name"] for c in result["councils"]] == ["East", "North", "South", "West"]


def test_a_spread_over_fewer_than_three_councils_is_not_shown(db):
    north, south, east = _councils("North", "South", "East")
    share(north, {"supported": count(12)})
    share(south, {"supported": count(14)})
    # East's count is small: its own page shows "fewer than 5", and so does the comparison.
    share(east, {"supported": count(3, state="fewer")})
    result = selectors.comparison(period=Q3)
    supported = _measure(result, "supported")
    assert supported["stats"] is None
    assert (supported["councils"], supported["not_shown"]) == (2, 1)
    east_row = next(c for c in result["councils"] if c["name"] == "East")
    assert east_row["cells"][0] == {"text": None, "fewer": 5}


def test_the_page_protects_small_numbers_and_says_why_a_spread_is_missing(client_for, coordinator):
    north, south, east = _councils("North", "South", "East")
    share(north, {"supported": count(12), "held": count(0)})
    share(south, {"supported": count(14), "held": count(None, state="hidden")})
    share(east, {"supported": count(3, state="fewer"), "held": count(2, state="fewer")})
    with time_machine.travel(NOW, tick=False):
        body = client_for(coordinator).get("/staff/network/comparison/").content.decode()
    assert "fewer than 5" in body
    assert "Not shown: fewer than 3 councils have a figure" in body
    assert "because with fewer a median or quartile would be one council" in body
    by_council = body[body.index('id="by-council"') :]
    cells = re.findall(r'govuk-table__cell--numeric">([^<]*)</td>', by_council)
    assert "12" in cells and "14" in cells and "0" in cells
    # No count from 1 to 4 reaches the page, for any council.
    assert not [c for c in cells if c.isdigit() and 1 <= int(c) <= 4]


def test_only_councils_that_agreed_are_named(client_for, coordinator):
    north, south, east, quiet = _councils("Northton", "Southby", "Eastwick", "Quietham")
    for council, value in ((north, 10), (south, 20), (east, 30)):
        share(council, {"supported": count(value)})
    # Quietham once shared, then chose not to: its stored row must not name it.
    share(quiet, {"supported": count(99)}, shares=False)
    with time_machine.travel(NOW, tick=False):
        body = client_for(coordinator).get("/staff/network/comparison/").content.decode()
    for name in ("Northton", "Southby", "Eastwick"):
        assert name in body
    assert "Quietham" not in body
    # Its figure is not on the page either. Read the page's words, not its markup: a random
    # token in the markup (the form's CSRF token, the script nonce) can hold "99" by chance.
    main = body[body.index("<main") : body.index("</main>")]
    assert "99" not in re.sub(r"<[^>]*>", " ", main)
    assert "3 councils have agreed to share their figures" in body


def test_measures_are_read_from_the_councils_own_protected_figures(hillford, pa):
    """Hillford's hand-built figures for 2026 quarter 3 (tests/figures), threshold 3."""
    with time_machine.travel(NOW, tick=False):
        with scope(council=hillford.pk):
            build_world(hillford, pa)
        row = services.build_shared_figures(council=hillford, period=Q3)
    measures = row.measures
    assert measures["supported"] == {"value": 15, "state": "shown", "threshold": 3}
    # 5 of the 12 children of parents supported live apart from both birth parents.
    assert measures["separated"] == {"percent": 42}
    # The referrals count behind the rate is hidden, so the rate is not shown.
    assert measures["referral_rate"] == {"percent": None}
    # 3 reviews held, all on time, and 3 challenges answered in time: too few for a percentage.
    assert measures["reviews_on_time"] == {"percent": None}
    assert measures["challenges_in_time"] == {"percent": None}
    # The one request held by the guard is a small number, kept as "fewer than 3".
    assert measures["held"] == {"value": None, "state": "fewer", "threshold": 3}
    assert set(measures) == {key for key, *_rest in selectors.measures.MEASURES}


def test_councils_that_share_but_have_no_figures_for_the_period_yet_are_counted(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from parent_charter.network.models import NetworkSharing

    north, south, newcomer = _councils("North", "South", "Newcomer")
    share(north, {"supported": count(10)})
    share(south, {"supported": count(20)})
    # Newcomer agreed this week: its figures are built with the next quarter's run.
    with scope(council=newcomer.pk):
        NetworkSharing.objects.create(council=newcomer, share_figures=True)
    with CaptureQueriesContext(connection) as queries:
        result = selectors.comparison(period=Q3)
    assert result["sharing_count"] == 3
    assert [c["name"] for c in result["councils"]] == ["North", "South"]
    assert len(queries) == 1
    # For a quarter no council has figures for, the count stands on its own.
    assert selectors.comparison(period=periods.parse("2026-Q1"))["sharing_count"] == 3
