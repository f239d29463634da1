"""Permissions of the entitlements area, built from the role predicates in accounts.rules.

The guide is public; a parent reads their own through the portal (`portal.use_portal`); a
council administrator keeps the council's own offers.
"""

import rules

from parent_charter.accounts.rules import belongs_to_council, is_council_admin

PERMISSIONS = {
    "entitlements.manage_local": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
