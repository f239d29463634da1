"""Permissions of the contact area, built from the role predicates in accounts.rules.

Anyone may ask who to contact now (those pages hold no personal data). Advisers and managers,
whom parents may be told to call, keep their own working hours and leave; a council
administrator keeps them for all of the council's advisers and managers.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_council_admin,
    is_personal_adviser,
    is_team_manager,
)

PERMISSIONS = {
    "contact.change_own_hours": belongs_to_council & (is_personal_adviser | is_team_manager),
    "contact.manage_staff_hours": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
