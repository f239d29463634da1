"""The councils' hex maps (HexJSON in `data/`), laid out as hexagons for an inline SVG.

A HexJSON file gives each council a column `q` and a row `r` on an "odd-r" grid: rows count
upwards from the south, and odd rows sit half a hexagon to the right. The hexagons here are
"pointy-top", `SIZE` from centre to corner, so a row is 1.5 sizes below the one above it.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from parent_charter.authorities.models import Nation

DATA = Path(__file__).resolve().parent / "data"
# One panel a file: the two files use separate grids.
PANELS = (
    ("england", Nation.ENGLAND, "england-upper-tier-authorities.hexjson"),
    ("wales", Nation.WALES, "wales-unitary-authorities.hexjson"),
)
SIZE = 12.0
WIDTH = math.sqrt(3) * SIZE
PAD = 2.0


@dataclass(frozen=True)
class MapCouncil:
    code: str
    name: str
    name_cy: str
    nation: str
    q: int
    r: int


@functools.cache
def read(file_name: str) -> tuple[str, tuple[MapCouncil, ...]]:
    """The layout and the councils of one HexJSON file, read once per process."""
    data = json.loads((DATA / file_name).read_text(encoding="utf-8"))
    if data.get("layout") != "odd-r":
        raise ValueError(f"{file_name}: only the odd-r layout is drawn, not {data.get('layout')}")
    nation = next(n for _key, n, f in PANELS if f == file_name)
    return data["layout"], tuple(
        MapCouncil(code, hexagon["n"], hexagon.get("cy", ""), nation, hexagon["q"], hexagon["r"])
        for code, hexagon in data["hexes"].items()
    )


def map_councils() -> dict[str, MapCouncil]:
    """Every council on the maps, by GSS code."""
    return {c.code: c for _key, _nation, file_name in PANELS for c in read(file_name)[1]}


def centre(q: int, r: int, *, q_min: int, r_max: int) -> tuple[float, float]:
    """The centre of hexagon (q, r) in SVG units: north at the top, odd rows shifted right."""
    x = PAD + WIDTH / 2 + (q - q_min) * WIDTH + (WIDTH / 2 if r % 2 else 0)
    y = PAD + SIZE + (r_max - r) * 1.5 * SIZE
    return x, y


def corners(x: float, y: float) -> str:
    """The six corners of a pointy-top hexagon around (x, y), as SVG polygon points."""
    points = []
    for k in range(6):
        angle = math.radians(60 * k - 30)
        points.append(f"{x + SIZE * math.cos(angle):.2f},{y + SIZE * math.sin(angle):.2f}")
    return " ".join(points)


@functools.cache
def layout(file_name: str) -> MappingProxyType:
    """The SVG's size and each council's hexagon, by GSS code. Geometry of a file that never
    changes while the process runs, so it is worked out once per process, not on every page
    (about 1,750 corners); read-only, as every page shares it."""
    _layout, councils = read(file_name)
    q_min = min(c.q for c in councils)
    q_max = max(c.q for c in councils)
    r_min = min(c.r for c in councils)
    r_max = max(c.r for c in councils)
    width = 2 * PAD + (q_max - q_min + 1) * WIDTH + WIDTH / 2
    height = 2 * PAD + 2 * SIZE + (r_max - r_min) * 1.5 * SIZE
    hexes = {c.code: corners(*centre(c.q, c.r, q_min=q_min, r_max=r_max)) for c in councils}
    return MappingProxyType(
        {
            "width": f"{width:.2f}",
            "height": f"{height:.2f}",
            "hexes": MappingProxyType(hexes),
        }
    )
