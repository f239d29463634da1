"""Permissions of the case-import area, built from the role predicates in accounts.rules.

Importing creates and changes many parents' records at once, from a file only the council's
systems team holds, so it is the council administrator's alone.
"""

import rules

from parent_charter.accounts.rules import belongs_to_council, is_council_admin

PERMISSIONS = {
    "caseimport.import_cases": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
