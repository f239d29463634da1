"""The charts and the stored figures, without a database: a suppressed count is a gap in a
chart, never its value; the value axis never reads 1 to 4; series differ by pattern as well as
colour; the figures survive being stored as JSON."""

import re
from decimal import Decimal

from django.utils.translation import gettext_lazy

from parent_charter.committee import charts, snapshot
from parent_charter.figures import periods
from parent_charter.figures.disclosure import FEWER, HIDDEN, Count, Share

Q3 = periods.parse("2026-Q3")


def test_the_value_axis_is_labelled_in_steps_of_five_or_more():
    for top in [*range(0, 300), 999, 4321, 123456]:
        labels = charts._steps([top, None])
        assert labels[0] == 0 and labels[-1] >= top
        assert all(label % 5 == 0 for label in labels), top


def test_a_suppressed_count_is_a_gap_and_series_differ_by_pattern():
    rows = [
        ("Made", [Count(None, FEWER), Count(12)]),
        ("Held", [Count(None, HIDDEN), Count(0)]),
        ("Sent", [Count(25), Count(30)]),
    ]
    web, pdf = charts._pair_chart(
        key="test", title="A test", rows=rows, figures={"period": Q3, "previous": Q3.previous}
    )
    plotted = sorted(int(v) for v in re.findall(r'<desc class="value">(\d+)</desc>', web))
    assert plotted == [0, 12, 25, 30]
    assert '<svg role="img" aria-label="A test" id="chart-test"' in web
    # On the page the styles and patterns come from the static stylesheet and one hidden SVG
    # (the Content Security Policy refuses inline styles); the PDF's chart carries both.
    assert "<style" not in web and "style=" not in web and "<!--" not in web
    assert "url(#committee-hatch)" in pdf and '<pattern id="committee-hatch"' in pdf
    assert "color-0" in web and "color-1" in web
    css = charts.CSS_FILE.read_text()
    assert ".color-1" in css and "url(#committee-hatch)" in css
    assert "stroke-dasharray" in css  # the trend lines differ by dash, not by colour alone


def test_the_figures_survive_being_stored_as_json():
    figures = {
        "period": Q3,
        "rows": [(gettext_lazy("Made"), [Count(7), Count(None, FEWER, 5)])],
        "share": Share(42),
        "none": Share(None),
        "money": Decimal("22.20"),
    }
    import json

    stored = json.loads(json.dumps(snapshot.freeze(figures)))
    assert stored["rows"][0][1][1] == {"__count__": [None, "fewer", 5]}  # no value kept
    back = snapshot.thaw(stored)
    assert back["period"] == Q3
    assert back["rows"] == [["Made", [Count(7), Count(None, FEWER, 5)]]]
    assert back["share"] == Share(42) and back["none"] == Share(None)
    assert back["money"] == Decimal("22.20")
