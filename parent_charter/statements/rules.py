"""Permissions of the statements: the council administrator keeps the council's details for
its privacy notice (the data protection officer) and its Welsh name."""

import rules

from parent_charter.accounts.rules import belongs_to_council, is_council_admin

PERMISSIONS = {
    "statements.change_details": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
