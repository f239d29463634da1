"""Permissions of the concerns area, built from the role predicates in accounts.rules.

Case workers (personal advisers, team managers, social workers) read and record concerns and
everything around them; support items change the parent's plan, so they are for the people
who change plans; the list of every open concern in the council is a manager's oversight.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_case_worker,
    is_personal_adviser,
    is_team_manager,
)

PERMISSIONS: dict = {
    "concerns.view_concern": belongs_to_council & is_case_worker,
    "concerns.change_concern": belongs_to_council & is_case_worker,
    "concerns.add_support": belongs_to_council & (is_personal_adviser | is_team_manager),
    "concerns.view_open_concerns": belongs_to_council & is_team_manager,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
