"""Access-matrix rows for the council figures: team managers, committee members and analysts,
and council administrators see the figures; only team managers see the parents behind one;
only council administrators change the threshold."""

ROWS = {
    "figures:index": ("figures.view_figures", {"manager", "analyst", "council_admin"}, {}),
    "figures:parents": ("figures.view_figure_parents", {"manager"}, {}),
    "figures:settings": ("figures.change_settings", {"council_admin"}, {}),
}
