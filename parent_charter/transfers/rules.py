"""Permissions of moving between councils, built from the role predicates in accounts.rules.

The parent's adviser or a team manager of the sending council proposes a move, records the
parent's answer and can withdraw it; a team manager or the council administrator of the
receiving council sees what is coming in and accepts or declines it (the administrator, as
some councils route new arrivals through a central team).
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_council_admin,
    is_personal_adviser,
    is_team_manager,
)

PERMISSIONS = {
    "transfers.propose": belongs_to_council & (is_personal_adviser | is_team_manager),
    "transfers.decide": belongs_to_council & (is_team_manager | is_council_admin),
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
