"""Permissions of the assessments area, built from the role predicates in accounts.rules.

Assessments are read by every case worker and recorded by social workers and team managers.

The care history is sealed (docs/adr/0013-sealed-care-history.md). Any case worker may come to
its door (`assessments.open_care_history`), but only the parent's own personal adviser and the
team managers go in without a reason: `normal_access_role` says whether, and in which role.
Everyone else at the door is offered the break-glass form.
"""

import rules

from parent_charter.accounts.roles import Role
from parent_charter.accounts.rules import (
    belongs_to_council,
    is_case_worker,
    is_personal_adviser,
    is_social_worker,
    is_team_manager,
)

PERMISSIONS = {
    "assessments.view_assessment": belongs_to_council & is_case_worker,
    "assessments.record_assessment": belongs_to_council & (is_social_worker | is_team_manager),
    "assessments.open_care_history": belongs_to_council & is_case_worker,
    "assessments.change_care_history": belongs_to_council & (is_personal_adviser | is_team_manager),
    "assessments.view_care_history_openings": belongs_to_council & is_case_worker,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)


def normal_access_role(user, parent) -> str | None:
    """The role in which `user` opens `parent`'s care history without a reason, or None.

    A team manager oversees every case; a personal adviser only their own parents, whose
    pathway plans draw on that history. A worker of another council never gets this far: the
    parent is not found.
    """
    if not (user.is_authenticated and user.is_active and user.council_id == parent.council_id):
        return None
    if user.has_role(Role.TEAM_MANAGER):
        return Role.TEAM_MANAGER
    if user.has_role(Role.PERSONAL_ADVISER) and parent.personal_adviser_id == user.pk:
        return Role.PERSONAL_ADVISER
    return None


def break_glass_role(user) -> str:
    """The case-work role someone opens a history in when they must give a reason."""
    for role in (Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER, Role.TEAM_MANAGER):
        if user.has_role(role):
            return role
    return Role.SOCIAL_WORKER
