"""The report's charts, drawn on the server as SVG by pygal, each with its table and a text
alternative.

Only counts that the figures show are plotted: a suppressed count is a gap (None), never its
value, and the value axis is labelled in steps of five or more, so no number from 1 to 4 is
drawn. Series differ by pattern and shade as well as colour (solid black, hatched, light grey,
dotted; lines solid, dashed, dotted and dash-dotted), and every bar carries its value, so a
chart reads in greyscale.

On the web page the chart's styles come from the static `committee/charts.css` (the Content
Security Policy refuses inline styles) and its patterns from one hidden SVG on the page; in the
PDF each chart carries both inside itself.
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pygal
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from parent_charter.figures.templatetags.figures import count as show_count
from parent_charter.figures.templatetags.figures import share as show_share

CSS_FILE = Path(__file__).parent / "static" / "committee" / "charts.css"
PATTERNS = (
    '<pattern id="committee-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
    '<rect width="3" height="8" fill="#0b0c0c"/></pattern>'
    '<pattern id="committee-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.6" fill="#0b0c0c"/>'
    "</pattern>"
)

STYLE = Style(
    font_family="Arial, 'Liberation Sans', Helvetica, sans-serif",
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    colors=("#0b0c0c", "url(#committee-hatch)", "#b1b4b6", "url(#committee-dots)"),
    value_colors=("#ffffff", "#0b0c0c", "#0b0c0c", "#0b0c0c"),
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    legend_font_size=14,
)


@dataclass
class Chart:
    key: str
    title: str
    text: str  # the text alternative
    svg_web: str
    svg_pdf: str
    columns: list[str]
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


def _steps(values) -> list[int]:
    """Labels for the value axis: from 0 in steps of 5, 10, 25, 50, … (never 1 to 4)."""
    top = max([v for v in values if v is not None] or [0])
    for step in (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000):
        if top / step <= 6:
            break
    else:
        step = 10 ** math.ceil(math.log10(top / 6))
    last = max(step, math.ceil(top / step) * step)
    return list(range(0, last + step, step))


def _config(values, *, percent=False, **extra):
    labels = [0, 25, 50, 75, 100] if percent else _steps(values)
    config = {
        "js": [],
        "disable_xml_declaration": True,
        "no_prefix": True,
        "style": STYLE,
        "width": 800,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "print_values": True,
        "y_labels": labels,
        "range": (0, labels[-1]),
        "truncate_label": -1,
        "truncate_legend": -1,
        "show_minor_y_labels": True,
        "value_formatter": (lambda x: f"{x:.0f}%") if percent else (lambda x: f"{x:,.0f}"),
    }
    config.update(extra)
    return config


def _finish(chart, *, key: str, title: str) -> tuple[str, str]:
    """The rendered SVG for the page and for the PDF: named for assistive technology, without
    comments, the tooltip's inline style or axis positions that read like numbers."""
    svg = chart.render(is_unicode=True)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = svg.replace(' style="opacity: 0"', "")
    svg = re.sub(r"<title>[\d.]+</title>", "", svg)
    svg = re.sub(r' id="chart-[0-9a-f-]+"', "", svg)
    svg = re.sub(r' id="activate-serie-\d+"', "", svg)
    named = f'<svg role="img" aria-label="{escape(title)}" id="chart-{key}" '
    svg = svg.replace("<svg ", named, 1)
    inner_style = re.compile(r"<style[^>]*>.*?</style>", re.S)
    web = inner_style.sub("", svg)
    web = web.replace("<defs></defs>", "").replace("<defs />", "")
    pdf = inner_style.sub(
        lambda _m: f'<style type="text/css">{CSS_FILE.read_text()}</style>{PATTERNS}', svg
    )
    return mark_safe(web), mark_safe(pdf)  # noqa: S308 - pygal's own output, labels escaped


def _value(cell):
    return cell.value if cell.shown else None


def _short(label: str, limit: int = 48) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def promises_chart(figures) -> Chart:
    rows = figures["promises"]["rows"]
    title = _("Promises kept: the share of parents to whom each promise applied who had it")
    values = [row["kept"].percent for row in rows]
    chart = pygal.HorizontalBar(
        **_config(values, percent=True, height=max(260, 70 + 48 * len(rows)), show_legend=False)
    )
    chart.x_labels = [_short(row["title"]) for row in rows]
    chart.add(_("Kept"), values)
    web, pdf = _finish(chart, key="promises", title=title)
    shown = [(row["title"], row["kept"].percent) for row in rows if row["kept"].percent is not None]
    if shown:
        least = min(shown, key=lambda item: item[1])
        most = max(shown, key=lambda item: item[1])
        text = _(
            "A bar for each promise of the council's offer. Kept least: “%(least)s”, "
            "%(least_share)s%%. Kept most: “%(most)s”, %(most_share)s%%."
        ) % {
            "least": least[0],
            "least_share": least[1],
            "most": most[0],
            "most_share": most[1],
        }
    else:
        text = _("No promise had enough parents in the quarter for its share to be shown.")
    if len(shown) < len(rows):
        text += " " + _(
            "Promises with too few parents for a share to be shown have no bar; the table says why."
        )
    return Chart(
        key="promises",
        title=title,
        text=text,
        svg_web=web,
        svg_pdf=pdf,
        columns=[_("Promise"), _("Applies to"), _("Delivered"), _("Kept")],
        rows=[
            (
                row["title"],
                [
                    show_count(row["cells"]["applies"]),
                    show_count(row["cells"]["delivered"]),
                    show_share(row["kept"]),
                ],
            )
            for row in rows
        ],
    )


# The trend measures drawn as lines (all of them are in the table).
TREND_LINES = (0, 3, 6, 7)


def trend_chart(figures) -> Chart:
    quarters = [q.label for q in figures["quarters"]]
    trend = figures["trend"]
    title = _("The last four quarters")
    lines = [trend[index] for index in TREND_LINES if index < len(trend)]
    values = [_value(cell) for _label, cells in lines for cell in cells]
    chart = pygal.Line(**_config(values, height=460, dots_size=7, allow_interruptions=True))
    chart.x_labels = quarters
    for label, cells in lines:
        chart.add(str(label), [_value(cell) for cell in cells])
    web, pdf = _finish(chart, key="trend", title=title)
    parts = []
    for label, cells in lines:
        first, last = cells[0], cells[-1]
        parts.append(
            _("%(measure)s: %(first)s in %(start)s, %(last)s in %(end)s")
            % {
                "measure": label,
                "first": show_count(first),
                "start": quarters[0],
                "last": show_count(last),
                "end": quarters[-1],
            }
        )
    text = _("A line for each measure across the four quarters.") + " " + "; ".join(parts) + "."
    return Chart(
        key="trend",
        title=title,
        text=text,
        svg_web=web,
        svg_pdf=pdf,
        columns=[_("Measure"), *quarters],
        rows=[(label, [show_count(cell) for cell in cells]) for label, cells in trend],
    )


def _pair_chart(*, key, title, rows, figures, height_per_row=64) -> tuple[str, str]:
    period, previous = figures["period"].label, figures["previous"].label
    values = [_value(cell) for _label, cells in rows for cell in cells]
    chart = pygal.HorizontalBar(
        **_config(values, height=max(300, 110 + height_per_row * len(rows)))
    )
    # pygal draws the first label at the bottom; reversed, the chart reads as the table does.
    ordered = list(reversed(rows))
    chart.x_labels = [_short(label) for label, _cells in ordered]
    chart.add(str(period), [_value(cells[0]) for _label, cells in ordered])
    chart.add(str(previous), [_value(cells[1]) for _label, cells in ordered])
    return _finish(chart, key=key, title=title)


def _pair_text(rows, figures, lead) -> str:
    period, previous = figures["period"].label, figures["previous"].label
    parts = [
        _("%(measure)s: %(now)s (%(before)s before)")
        % {"measure": label, "now": show_count(cells[0]), "before": show_count(cells[1])}
        for label, cells in rows
    ]
    return (
        lead
        + " "
        + _("Bars for %(period)s, solid, and %(previous)s, hatched.")
        % {"period": period, "previous": previous}
        + " "
        + "; ".join(parts)
        + "."
    )


def _quarters_chart(*, key, title, rows, figures, lead, first_column) -> Chart:
    """A chart of this quarter beside the one before, with its words and its table."""
    web, pdf = _pair_chart(key=key, title=title, rows=rows, figures=figures)
    return Chart(
        key=key,
        title=title,
        text=_pair_text(rows, figures, lead),
        svg_web=web,
        svg_pdf=pdf,
        columns=[first_column, figures["period"].label, figures["previous"].label],
        rows=[(label, [show_count(cell) for cell in cells]) for label, cells in rows],
    )


def referrals_chart(figures) -> Chart:
    title = _("Referrals and pre-birth requests to children's services")
    rows = [(label, [cells[0][-1][0], cells[1][-1][0]]) for label, cells in _cs_rows(figures)]
    return _quarters_chart(
        key="referrals",
        title=title,
        rows=rows,
        figures=figures,
        lead=_("What happened to referrals and requests, all kinds."),
        first_column=_("Measure"),
    )


def _cs_rows(figures):
    return figures["childrens_services"]["rows"]


def separation_chart(figures) -> Chart:
    title = _("Where the children of the parents supported lived at the end of the quarter")
    rows = figures["separation"]["rows"]
    return _quarters_chart(
        key="separation",
        title=title,
        rows=rows,
        figures=figures,
        lead=_("Where the children lived."),
        first_column=_("Where the child lived"),
    )


def report_charts(figures) -> dict[str, Chart]:
    drawn = [
        promises_chart(figures),
        trend_chart(figures),
        referrals_chart(figures),
        separation_chart(figures),
    ]
    return {chart.key: chart for chart in drawn}
