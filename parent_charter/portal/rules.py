"""Permissions of the parent portal, and of the staff pages that answer parents.

A parent uses the portal when their sign-in is joined to their record. Advisers and team
managers invite parents and answer their challenges; a council administrator sets how many
working days the council gives itself to answer.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_council_admin,
    is_parent,
    is_personal_adviser,
    is_team_manager,
)


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
    "portal.invite_parent": belongs_to_council & (is_personal_adviser | is_team_manager),
    "portal.handle_challenges": belongs_to_council & (is_personal_adviser | is_team_manager),
    "portal.change_settings": belongs_to_council & is_council_admin,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
