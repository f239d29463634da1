"""Permissions of retention and disposal.

Team managers and the council administrator see what is due and decide disposals (one proposes,
another approves); the council administrator sets the schedule; advisers and team managers
record the day support for a parent ended.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_council_admin,
    is_personal_adviser,
    is_team_manager,
)

PERMISSIONS = {
    "retention.manage_disposal": belongs_to_council & (is_team_manager | is_council_admin),
    "retention.view_schedule": belongs_to_council & (is_team_manager | is_council_admin),
    "retention.change_schedule": belongs_to_council & is_council_admin,
    "retention.record_support_end": belongs_to_council & (is_personal_adviser | is_team_manager),
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
