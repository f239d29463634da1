"""Permissions of notifications: each member of council staff reads their own."""

import rules

from parent_charter.accounts.rules import is_council_staff

PERMISSIONS = {
    "notifications.view_own": is_council_staff,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
