"""Permissions of the parent portal: a parent whose sign-in is joined to their record."""

import rules

from parent_charter.accounts.rules import is_parent


@rules.predicate
def has_portal_account(user):
    if not user.is_authenticated:
        return False
    from .models import PortalAccount

    # The reverse one-to-one reads through the plain base manager, so this check works with or
    # without a council scope active.
    try:
        return user.portal_account is not None
    except PortalAccount.DoesNotExist:
        return False


PERMISSIONS = {
    "portal.use_portal": is_parent & has_portal_account,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
