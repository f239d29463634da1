"""Permissions of research exports, built from the role predicates in accounts.rules.

Council administrators record data-sharing agreements and ask for exports; a file of an
export is handed only to the approver the agreement names (checked on the record in the view,
as the permission alone cannot know who that is). Advisers and team managers record a
parent's objection to research use; every case worker can see whether there is one.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_case_worker,
    is_council_admin,
    is_personal_adviser,
    is_team_manager,
)

PERMISSIONS = {
    "research.manage_agreement": belongs_to_council & is_council_admin,
    "research.download_export": belongs_to_council & is_council_admin,
    "research.view_objection": belongs_to_council & is_case_worker,
    "research.record_objection": belongs_to_council & (is_personal_adviser | is_team_manager),
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
