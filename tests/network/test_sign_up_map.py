"""The sign-up map: every council's status and date, counted by nation, drawn as hexagons."""

import json
import re
from pathlib import Path

import pytest
from django.utils import translation

from parent_charter.network import hexmap, selectors

DATA = Path(hexmap.__file__).parent / "data"


def _page(client_for, coordinator, language="en"):
    client = client_for(coordinator)
    response = client.get("/staff/network/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _hexes(body, panel):
    svg = re.search(rf'<svg class="app-hexmap"[^>]*hexmap-{panel}-title.*?</svg>', body, re.S)
    assert svg, f"no {panel} panel"
    return svg.group(0), re.findall(
        r'<g class="app-hexmap__council" data-gss="(\w+)" data-status="(\w+)"><title>(.*?)</title>',
        svg.group(0),
    )


def test_the_repository_holds_the_maps_and_their_licence():
    england = json.loads((DATA / "england-upper-tier-authorities.hexjson").read_text())
    wales = json.loads((DATA / "wales-unitary-authorities.hexjson").read_text())
    assert england["layout"] == wales["layout"] == "odd-r"
    assert len(england["hexes"]) == 153 and len(wales["hexes"]) == 22
    # The changes since 2020 are applied: no council split or merged away is left.
    assert not {"E10000021", "E10000006", "E10000023", "E10000027"} & set(england["hexes"])
    assert {"E06000061", "E06000062", "E06000063", "E06000064"} <= set(england["hexes"])
    places = [(h["q"], h["r"]) for h in england["hexes"].values()]
    assert len(places) == len(set(places)), "two councils share a hexagon"
    assert "MIT License" in (DATA / "LICENSE-hexmaps-MIT.txt").read_text()


def test_councils_are_counted_by_nation_from_the_data(welsh_councils, hillford, eastmere):
    overview = selectors.sign_up_overview()
    nations = {n["key"]: n for n in overview["nations"]}
    wales = nations["wales"]
    assert (wales["total"], wales["joined"]) == (22, 2)
    assert {key: count for key, _label, count in wales["counts"]} == {
        "signed_up": 1,
        "engaged": 1,
        "not_yet": 19,
        "withdrawn": 1,
    }
    # England: the 153 councils on the map, and the two test councils that are not on it.
    england = nations["england"]
    assert (england["total"], england["joined"]) == (155, 0)
    assert "scotland" not in nations


def test_the_page_says_how_many_councils_joined_in_each_nation(
    client_for, coordinator, welsh_councils
):
    body = _page(client_for, coordinator)
    assert "2 of 22 councils in Wales have signed up or are actively engaged" in body
    assert "0 of 153 councils in England have signed up or are actively engaged" in body


def test_the_map_draws_one_hexagon_per_council_in_each_file(
    client_for, coordinator, welsh_councils
):
    body = _page(client_for, coordinator)
    for panel, file_name in (
        ("england", "england-upper-tier-authorities.hexjson"),
        ("wales", "wales-unitary-authorities.hexjson"),
    ):
        codes = set(json.loads((DATA / file_name).read_text())["hexes"])
        svg, hexes = _hexes(body, panel)
        assert [code for code, *_rest in hexes].count(next(iter(codes))) == 1
        assert {code for code, *_rest in hexes} == codes and len(hexes) == len(codes)
        assert svg.count("<polygon") == len(codes)
        assert 'role="img"' in svg
        title_id = re.search(r'aria-labelledby="([\w-]+)"', svg).group(1)
        assert re.search(rf'<title id="{title_id}">Map of the councils in \w+', svg)


def test_each_hexagon_names_its_council_status_and_date(client_for, coordinator, welsh_councils):
    _svg, hexes = _hexes(_page(client_for, coordinator), "wales")
    by_code = {code: (status, title) for code, status, title in hexes}
    assert by_code["W06000015"] == ("signed_up", "Cardiff Council: Signed up, 3 June 2024")
    assert by_code["W06000011"] == ("engaged", "Swansea Council: Actively engaged, 1 February 2025")
    assert by_code["W06000022"] == (
        "withdrawn",
        "Newport City Council: Withdrawn, 1 September 2025",
    )
    # A council on the map without a record in the system has not signed up yet.
    assert by_code["W06000002"] == ("not_yet", "Gwynedd: Not yet")


def test_each_status_is_a_pattern_as_well_as_a_colour(client_for, coordinator, welsh_councils):
    body = _page(client_for, coordinator)
    for status in ("signed_up", "engaged", "not_yet", "withdrawn"):
        assert f'<pattern id="hex-fill-{status}"' in body
    _svg, hexes = _hexes(body, "wales")
    assert 'fill="url(#hex-fill-engaged)"' in body
    # The key names every status, beside a swatch of its pattern.
    for label in ("Signed up", "Actively engaged", "Not yet", "Withdrawn"):
        assert f'<span class="govuk-body govuk-!-margin-0">{label}</span>' in body


def test_the_table_beside_the_map_lists_every_council(
    client_for, coordinator, welsh_councils, hillford
):
    body = _page(client_for, coordinator)
    rows = re.findall(r'<tr class="govuk-table__row" data-gss="(\w+)">', body)
    assert len(rows) == len(set(rows)) == 153 + 22 + 1
    assert "E06000901" in rows  # Hillford: in the system, not on the map
    cardiff = re.search(r'data-gss="W06000015">(.*?)</tr>', body, re.S).group(1)
    assert "Cardiff Council" in cardiff and "Signed up" in cardiff and "3 June 2024" in cardiff


def test_the_map_in_welsh_uses_welsh_names(client_for, coordinator, welsh_councils):
    client = client_for(coordinator)
    client.post("/i18n/set-language/", {"language": "cy", "next": "/staff/network/"})
    body = client.get("/staff/network/").content.decode()
    translation.activate("en")
    assert 'lang="cy"' in body
    _svg, hexes = _hexes(body, "wales")
    titles = {code: title for code, _status, title in hexes}
    assert titles["W06000002"].startswith("Gwynedd:")
    assert titles["W06000001"].startswith("Ynys Môn:")


def test_the_maps_geometry_is_worked_out_once_and_no_page_can_change_it():
    for _key, _nation, file_name in hexmap.PANELS:
        drawn = hexmap.layout(file_name)
        assert hexmap.layout(file_name) is drawn
        code = next(iter(drawn["hexes"]))
        with pytest.raises(TypeError):
            drawn["hexes"][code] = "0,0"
        with pytest.raises(TypeError):
            drawn["width"] = "1"
