"""Permissions of messaging: the parent changes their own choice through the portal's
permission (portal.use_portal); staff see messages with the parent's page."""

import rules

from parent_charter.accounts.rules import belongs_to_council, is_case_worker

PERMISSIONS = {
    "messaging.view_messages": belongs_to_council & is_case_worker,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
