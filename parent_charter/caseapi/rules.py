"""Permissions of the case-records API's pages, built from the role predicates in accounts.rules.

Creating a key opens the council's records to another system, so only the council
administrator creates, lists and revokes them. What a key may then do is its scopes' business
(`caseapi.models.Scope`), checked on every call.
"""

import rules

from parent_charter.accounts.rules import belongs_to_council, is_council_admin

PERMISSIONS = {
    "caseapi.manage_clients": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
