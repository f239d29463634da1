"""Named permissions as django-rules predicates: which role may do what.

Every view names one of these permissions (core.permissions.requires). Council walls are not
here: they are enforced by the scoped managers, so a record of another council is never found.
The role predicates live here; the permissions of the areas added later (referrals,
safeguards, concerns and the rest) are in each app's own `rules.py`, built from these
predicates, and `tests/test_access_matrix.py` lists every one of them against the cast.
"""

import rules

from .roles import Role


def _has_role(*roles):
    @rules.predicate(name="has_role:" + ",".join(roles))
    def predicate(user):
        return user.is_authenticated and user.is_active and user.has_role(*roles)

    return predicate


is_personal_adviser = _has_role(Role.PERSONAL_ADVISER)
is_team_manager = _has_role(Role.TEAM_MANAGER)
is_social_worker = _has_role(Role.SOCIAL_WORKER)
is_partner_worker = _has_role(Role.PARTNER_WORKER)
is_analyst = _has_role(Role.ANALYST)
is_council_admin = _has_role(Role.COUNCIL_ADMIN)
is_network_coordinator = _has_role(Role.NETWORK_COORDINATOR)
is_parent = _has_role(Role.PARENT)


@rules.predicate
def belongs_to_council(user):
    return user.is_authenticated and user.council_id is not None


is_case_worker = is_personal_adviser | is_team_manager | is_social_worker


@rules.predicate
def is_council_staff(user):
    return (
        user.is_authenticated
        and user.is_active
        and user.council_id is not None
        and user.is_staff_member
    )


PERMISSIONS = {
    # Personal records of parents.
    "parents.view_parent": belongs_to_council & is_case_worker,
    "parents.add_parent": belongs_to_council & (is_personal_adviser | is_team_manager),
    "parents.change_parent": belongs_to_council & (is_personal_adviser | is_team_manager),
    "parents.manage_consent": belongs_to_council & (is_personal_adviser | is_team_manager),
    # Caseloads and oversight.
    "parents.view_caseload": belongs_to_council & (is_personal_adviser | is_team_manager),
    "parents.view_team": belongs_to_council & is_team_manager,
    "parents.reassign_parent": belongs_to_council & is_team_manager,
    "parents.view_timeline": belongs_to_council & is_case_worker,
    # Children of the parents we support.
    "children.change_child": belongs_to_council & (is_personal_adviser | is_team_manager),
    # Support plans and their reviews.
    "plans.view_plan": belongs_to_council & is_case_worker,
    "plans.change_plan": belongs_to_council & (is_personal_adviser | is_team_manager),
    # The audit trail of a record.
    "audit.view_trail": belongs_to_council & is_team_manager,
    # The council's local offer, contacts and opening hours.
    "offers.change_offer": belongs_to_council & is_council_admin,
    # Any signed-in member of staff may see their own start page.
    "core.view_dashboard": is_council_staff | is_network_coordinator,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
