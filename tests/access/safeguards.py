"""Access-matrix rows for referrals to children's services, the guard's figures and notices.

Case workers make and read referrals; only team managers decide on held ones and see the
list; managers and analysts see the figures; advisers and managers record notices as told.
"""

from tests.access import CASE_WORKERS
from tests.childrens_services.factories import ParentNoticeFactory, ReferralFactory

ROWS = {
    "safeguards:list": ("safeguards.decide_referral", {"manager"}, {}),
    "safeguards:figures": ("safeguards.view_guard_figures", {"manager", "analyst"}, {}),
    "safeguards:create": (
        "safeguards.make_referral",
        CASE_WORKERS,
        {"kwargs": "safeguards_parent"},
    ),
    "safeguards:detail": (
        "safeguards.view_referral",
        CASE_WORKERS,
        {"kwargs": "safeguards_held"},
    ),
    "safeguards:decide": ("safeguards.decide_referral", {"manager"}, {"kwargs": "safeguards_held"}),
    "safeguards:rewrite": (
        "safeguards.make_referral",
        CASE_WORKERS,
        {"kwargs": "safeguards_returned"},
    ),
    "safeguards:notice_told": (
        "safeguards.tell_parent",
        {"pa", "manager"},
        {"kwargs": "safeguards_notice", "method": "post"},
    ),
}


def make_targets(ctx) -> dict:
    held, returned, notices = {}, {}, {}
    for which, worker in (("hillford", ctx["pa"]), ("eastmere", ctx["other_pa"])):
        parent = ctx[f"{which}_parent"]
        held[which] = ReferralFactory(parent=parent, created_by=worker, status="held")
        returned[which] = ReferralFactory(parent=parent, created_by=worker, status="returned")
        notices[which] = ParentNoticeFactory(parent=parent)
    return {
        "safeguards_parent": {
            which: {"parent_id": ctx[f"{which}_parent"].public_id}
            for which in ("hillford", "eastmere")
        },
        "safeguards_held": {w: {"public_id": r.public_id} for w, r in held.items()},
        "safeguards_returned": {w: {"public_id": r.public_id} for w, r in returned.items()},
        "safeguards_notice": {w: {"public_id": n.public_id} for w, n in notices.items()},
    }
