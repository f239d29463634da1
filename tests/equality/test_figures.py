"""The equality figures against the hand-built council of conftest.py (threshold 3): each count
and rate, small groups protected, the other sections untouched, access, and query counts."""

import json
import re

import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.committee import snapshot
from parent_charter.figures import periods, selectors
from parent_charter.figures.disclosure import HIDDEN, WITHHELD, Count
from parent_charter.figures.sections.equality import figure_keys, protect_equality
from parent_charter.parents.models import EqualityAnswers
from tests.equality.conftest import answer, build_equality_world
from tests.factories import CouncilFactory, ParentFactory
from tests.figures.conftest import NOW, build_world

Q3 = periods.parse("2026-Q3")


def _figures(council):
    with scope(council=council.pk):
        return selectors.council_figures(council=council, period=Q3)


def _table(figures, key):
    table = next(t for t in figures["equality"]["tables"] if t["key"] == key)
    return {
        str(label): (
            [cell.value if cell.shown else cell.state for cell in cells],
            [rate.percent for rate in rates],
        )
        for _key, label, cells, rates in table["rows"]
    }


def _consistent_values(cells, total, index, threshold=3):
    """The values cell `index` can take, given what is shown of `cells` and their `total`."""
    known = sum(cell.value for cell in cells if cell.shown)
    if not total.shown:
        return {"any"}
    unknown = [i for i, cell in enumerate(cells) if not cell.shown]

    def allowed(cell):
        if cell.fewer:
            return range(1, threshold)
        return [0, *range(threshold, total.value + 1)]

    found = set()

    def search(position, remaining, chosen):
        if position == len(unknown):
            if remaining == 0:
                found.add(chosen[unknown.index(index)])
            return
        for value in allowed(cells[unknown[position]]):
            if value <= remaining:
                search(position + 1, remaining - value, [*chosen, value])

    search(0, total.value - known, [])
    return found


@time_machine.travel(NOW, tick=False)
def test_referrals_and_separation_by_ethnic_group_as_rates_per_100(hillford, equality_world):
    table = _table(_figures(hillford), "ethnic")
    assert table == {
        "Asian, Asian British or Asian Welsh": ([0, 0, 0], [None, None]),
        # Five parents: below 10, so no rate, though every count is shown.
        "Black, Black British, Black Welsh, Caribbean or African": ([5, 0, 5], [None, None]),
        "Mixed or Multiple ethnic groups": ([0, 0, 0], [None, None]),
        "White": ([10, 3, 0], [30, 0]),
        "Other ethnic group": ([0, 0, 0], [None, None]),
        "Prefer not to say": ([3, 0, 0], [None, None]),
        "Not asked or not recorded": ([3, 0, 0], [None, None]),
        # 3 of 21 referred is 14 per 100; 5 of 21 separated is 24.
        "All parents supported": ([21, 3, 5], [14, 24]),
    }


@time_machine.travel(NOW, tick=False)
def test_referrals_and_separation_by_disability(hillford, equality_world):
    table = _table(_figures(hillford), "disability")
    assert table == {
        "Yes": ([3, 3, 0], [None, None]),
        # 5 of 12 separated: 41.7, shown as 42 per 100.
        "No": ([12, 0, 5], [0, 42]),
        "Prefer not to say": ([3, 0, 0], [None, None]),
        "Not asked or not recorded": ([3, 0, 0], [None, None]),
        "All parents supported": ([21, 3, 5], [14, 24]),
    }


@time_machine.travel(NOW, tick=False)
def test_the_equality_figures_change_no_other_sections_numbers(hillford, pa):
    with scope(council=hillford.pk):
        world = build_equality_world(hillford, pa)
    with_answers = _figures(hillford)
    with scope(council=hillford.pk):
        EqualityAnswers.objects.all().delete()
    without = _figures(hillford)
    assert {k: v for k, v in with_answers.items() if k != "equality"} == {
        k: v for k, v in without.items() if k != "equality"
    }
    # And a single small group (one Asian mother) changes nothing outside its own section.
    with scope(council=hillford.pk):
        answer(hillford, world["people"]["m0"], ethnic_group="asian_indian")
    small = _figures(hillford)
    assert {k: v for k, v in small.items() if k != "equality"} == {
        k: v for k, v in without.items() if k != "equality"
    }


@time_machine.travel(NOW, tick=False)
def test_a_small_group_is_protected_with_what_would_give_it_away(hillford, equality_world):
    people = equality_world["people"]
    with scope(council=hillford.pk):
        # One Asian mother, who was referred: 1 of 1 would name her.
        answer(hillford, people["m0"], ethnic_group="asian_indian", disability="yes")
    figures = _figures(hillford)
    table = next(t for t in figures["equality"]["tables"] if t["key"] == "ethnic")
    rows = {str(label): (cells, rates) for _key, label, cells, rates in table["rows"]}
    asian, asian_rates = rows["Asian, Asian British or Asian Welsh"]
    assert asian[0].fewer and asian[1].fewer
    assert asian_rates[0].percent is None
    # White now has 9 parents, 2 referred: the 2 is fewer than 3 as well, and neither small
    # count of the column can be worked out from the others and the total shown.
    white, white_rates = rows["White"]
    assert white[1].fewer and white_rates[0].percent is None
    *groups, everyone = [cells[1] for cells, _rates in rows.values()]
    for index, cell in enumerate(groups):
        if not cell.shown:
            assert len(_consistent_values(groups, everyone, index)) >= 2
    for cells, _rates in rows.values():
        for cell in cells:
            assert not (cell.shown and 0 < cell.value < 3)


def _sets(white, black, not_recorded):
    """Figure sets with parents numbered from 1: `white` white, then `black` black, then
    `not_recorded`; nobody referred or separated; disability not recorded for all."""
    sets = {key: set() for key in figure_keys()}
    ids = iter(range(1, white + black + not_recorded + 1))
    for group, size in (("white", white), ("black", black), ("not_recorded", not_recorded)):
        for _n in range(size):
            pk = next(ids)
            sets[f"eq:ethnic:{group}:parents"].add(pk)
            sets["eq:disability:not_recorded:parents"].add(pk)
    return sets


def test_group_parents_are_shown_when_the_parents_total_is_shown_alike():
    counts = protect_equality(_sets(6, 4, 3), supported=Count(13), threshold=3)
    assert counts[("eq", "ethnic", "white", "parents")] == Count(6, threshold=3)
    assert counts[("eq", "ethnic", "black", "parents")] == Count(4, threshold=3)
    assert counts[("eq", "all", "parents")] == Count(13)


def test_when_the_page_hides_the_parents_total_no_group_parents_are_shown():
    """The parents section hid its total (a secondary suppression of its own): the groups'
    parents, which would add up to it, say only "not shown"."""
    hidden = Count(None, HIDDEN, 3)
    counts = protect_equality(_sets(6, 4, 3), supported=hidden, threshold=3)
    assert counts[("eq", "all", "parents")] is hidden
    for group in ("white", "black", "not_recorded"):
        assert counts[("eq", "ethnic", group, "parents")].state == WITHHELD
    assert counts[("eq", "disability", "not_recorded", "parents")].state == WITHHELD


@time_machine.travel(NOW, tick=False)
def test_another_councils_answers_are_never_counted(hillford, eastmere, pa, equality_world):
    with scope(council=eastmere.pk):
        for parent in build_world(eastmere, pa)["mothers"]:
            answer(eastmere, parent, ethnic_group="asian_chinese", disability="yes")
    table = _table(_figures(hillford), "ethnic")
    assert table["Asian, Asian British or Asian Welsh"][0] == [0, 0, 0]
    assert table["All parents supported"][0] == [21, 3, 5]


@time_machine.travel(NOW, tick=False)
def test_analysts_see_the_section_with_no_names_and_no_links(client_for, analyst, equality_world):
    body = client_for(analyst).get("/staff/figures/?period=2026-Q3").content.decode()
    assert "Equality: referrals and separation by group" in body
    assert "figure=eq%3A" not in body and "figures/parents" not in body
    for parent in equality_world["people"].values():
        assert parent.family_name not in body
    section = body[body.index('id="equality"') : body.index('id="partners"')]
    cells = re.findall(r'govuk-table__cell--numeric">(.*?)</td>', section)
    assert cells, "the section's tables are on the page"
    for cell in cells:
        assert cell.strip() not in {"1", "2"}


@time_machine.travel(NOW, tick=False)
def test_a_team_manager_follows_an_equality_figure_to_the_parents(
    client_for, manager, equality_world
):
    client = client_for(manager)
    page = client.get("/staff/figures/?period=2026-Q3").content.decode()
    assert "figure=eq%3Aethnic%3Awhite:referred" in page
    response = client.get("/staff/figures/parents/?period=2026-Q3&figure=eq:ethnic:white:referred")
    body = response.content.decode()
    people = equality_world["people"]
    for name in ("m0", "m1", "m2"):
        assert people[name].display_name in body
    for name in ("m3", "m7", "f0"):
        assert people[name].display_name not in body
    assert AuditEvent.objects.filter(
        action="figures.parents_listed",
        detail={"figure": "eq:ethnic:white:referred", "period": "2026-Q3", "count": 3},
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_only_a_team_manager_may_follow_an_equality_figure(
    client_for, analyst, council_admin, pa, equality_world
):
    url = "/staff/figures/parents/?period=2026-Q3&figure=eq:disability:no:separated"
    for user in (analyst, council_admin, pa):
        assert client_for(user).get(url).status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_figures_page_costs_the_same_queries_however_many_answers(client_for, manager, pa):
    small, large = CouncilFactory(), CouncilFactory()
    with scope(council=small.pk):
        build_equality_world(small, pa)
    with scope(council=large.pk):
        build_equality_world(large, pa)
        for index in range(30):
            parent = ParentFactory(council=large)
            answer(large, parent, ethnic_group="mixed_other" if index % 2 else "other_arab")

    def queries(council):
        manager.council = council
        manager.save()
        client = client_for(manager)
        with CaptureQueriesContext(connection) as context:
            assert client.get("/staff/figures/?period=2026-Q3").status_code == 200
        return len(context)

    assert queries(small) == queries(large)


@time_machine.travel(NOW, tick=False)
def test_an_approved_committee_report_keeps_the_equality_figures_as_they_were(
    hillford, equality_world
):
    """The committee report freezes the figures as JSON on approval and shows this section
    from what it stored: counts, states and rates survive the round trip, with no links."""
    stored = json.loads(json.dumps(snapshot.freeze(_figures(hillford)["equality"])))
    thawed = snapshot.thaw(stored)
    white = next(row for row in thawed["tables"][0]["rows"] if row[1] == "White")
    assert [cell.value for cell in white[2]] == [10, 3, 0]
    assert [rate.percent for rate in white[3]] == [30, 0]
    html = render_to_string("figures/_equality.html", {"equality": thawed, "can_drill": False})
    assert "30%" in html and "figures/parents" not in html
    assert "2026 quarter 3" in html
