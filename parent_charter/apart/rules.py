"""Permissions of the living-apart area, built from the role predicates in accounts.rules.

Case workers read a parent's contact and support; advisers and managers record it. Claims
for money and their receipts are open to advisers and managers only (a social worker
assessing the family has no need of them), and only a team manager decides a claim.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_case_worker,
    is_personal_adviser,
    is_team_manager,
)

PERMISSIONS = {
    "apart.view_living_apart": belongs_to_council & is_case_worker,
    "apart.record_living_apart": belongs_to_council & (is_personal_adviser | is_team_manager),
    "apart.view_claims": belongs_to_council & (is_personal_adviser | is_team_manager),
    "apart.decide_claim": belongs_to_council & is_team_manager,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
