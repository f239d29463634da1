"""The "Referrals" section of a parent's page: each referral, its status and progress.

One query however many referrals the parent has; no audit row (the page records
`parent.viewed`).
"""

from .selectors import referrals_of


def referrals_section(request, parent) -> dict:
    referrals = referrals_of(parent)
    return {
        "parent": parent,
        "referrals": referrals,
        "can_refer": request.user.has_perm("referrals.make_referral"),
    }
