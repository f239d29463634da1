"""Permissions of the referrals area, built from the role predicates in accounts.rules.

Case workers read the council's referrals; advisers and managers make them. A partner worker
reads and updates referrals to their own organisation only: the views fetch referrals through
`user.partner_organisation`, so another organisation's referral is not found (404), and a
partner worker with no organisation holds neither permission.
"""

import rules

from parent_charter.accounts.rules import (
    belongs_to_council,
    is_case_worker,
    is_partner_worker,
    is_personal_adviser,
    is_team_manager,
)


@rules.predicate
def has_partner_organisation(user):
    return user.is_authenticated and user.partner_organisation_id is not None


is_partners_worker = belongs_to_council & is_partner_worker & has_partner_organisation

PERMISSIONS: dict = {
    "referrals.view_referral": belongs_to_council & is_case_worker,
    "referrals.make_referral": belongs_to_council & (is_personal_adviser | is_team_manager),
    "referrals.partner_view": is_partners_worker,
    "referrals.partner_update": is_partners_worker,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
