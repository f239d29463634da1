"""Permissions of the council figures, built from the role predicates in accounts.rules.

Team managers, committee members and analysts, and council administrators see the figures,
which are counts only with small numbers protected. Only team managers, who hold casework,
follow a figure to the parents behind it; analysts and administrators never see a name.
Council administrators set how small a count must be to be protected.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_analyst,
    is_council_admin,
    is_team_manager,
)

PERMISSIONS = {
    "figures.view_figures": belongs_to_council & (is_team_manager | is_analyst | is_council_admin),
    "figures.view_figure_parents": belongs_to_council & is_team_manager,
    "figures.change_settings": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
