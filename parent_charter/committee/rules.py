"""Permissions of the committee reports, built from the role predicates in accounts.rules.

Team managers write the officer's sections, approve a report and correct an approved one.
Committee members and analysts, and council administrators, read approved reports and fetch
their PDF. A report holds counts only, with small numbers protected, never a name.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_analyst,
    is_council_admin,
    is_team_manager,
)

PERMISSIONS = {
    "committee.view_report": belongs_to_council & (is_team_manager | is_analyst | is_council_admin),
    "committee.change_report": belongs_to_council & is_team_manager,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
