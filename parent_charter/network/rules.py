"""Permissions of the network view, built from the role predicates in accounts.rules.

Network coordinators span councils and see the sign-up map and the comparison, which hold no
personal record. A council's administrator decides whether its figures join the comparison.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_council_admin,
    is_network_coordinator,
)

PERMISSIONS = {
    "network.view_network": is_network_coordinator,
    "network.change_sharing": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
