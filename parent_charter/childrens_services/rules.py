"""Permissions of the safeguards area, built from the role predicates in accounts.rules.

Case workers (advisers, social workers and assessors, team managers) make and read referrals
to children's services; only a team manager decides on one the guard has held. Managers and
analysts see the guard's figures, which are counts only. Advisers and managers pass notices on
to parents.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_analyst,
    is_case_worker,
    is_personal_adviser,
    is_team_manager,
)

PERMISSIONS = {
    "safeguards.make_referral": belongs_to_council & is_case_worker,
    "safeguards.view_referral": belongs_to_council & is_case_worker,
    "safeguards.decide_referral": belongs_to_council & is_team_manager,
    "safeguards.view_guard_figures": belongs_to_council & (is_team_manager | is_analyst),
    "safeguards.tell_parent": belongs_to_council & (is_personal_adviser | is_team_manager),
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
