"""Permissions of the directory area, built from the role predicates in accounts.rules.

The public search, service pages and open API need no permission (they show no personal data).
"""

import rules

from parent_charter.accounts.rules import belongs_to_council, is_council_admin

PERMISSIONS: dict = {
    # Council administrators keep their council's directory: organisations, services,
    # locations, opening times and exceptions, contacts, costs and needs.
    "directory.manage_directory": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
