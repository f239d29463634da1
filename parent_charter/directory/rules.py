"""Permissions of the directory area, built from the role predicates in accounts.rules."""

import rules  # noqa: F401

from parent_charter.accounts.rules import belongs_to_council, is_case_worker  # noqa: F401

PERMISSIONS: dict = {}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
