"""Access-matrix rows for the parent portal and the staff pages that answer parents.

Portal pages are for the parent alone (`portal.use_portal`); staff get 403. A portal page that
names a record fetches it through the signed-in parent, so Jamie (Hillford) gets 404 on
Eastmere's parent's record. The ways in (invitation, email link, recovery) are public.
"""

from parent_charter.plans.models import SupportPlan
from tests.access import EVERYONE
from tests.factories import PlanItemFactory
from tests.portal.factories import ChallengeFactory

PARENT = {"parent"}
ANSWERERS = {"pa", "manager"}

ROWS = {
    # The parent's own pages.
    "portal:home": ("portal.use_portal", PARENT, {}),
    "portal:plan": ("portal.use_portal", PARENT, {}),
    "portal:messages": ("portal.use_portal", PARENT, {}),
    "portal:plan_item": ("portal.use_portal", PARENT, {"kwargs": "portal_item"}),
    "portal:challenges": ("portal.use_portal", PARENT, {}),
    "portal:challenge_new": ("portal.use_portal", PARENT, {}),
    "portal:challenge": ("portal.use_portal", PARENT, {"kwargs": "portal_challenge"}),
    "portal:my_data": ("portal.use_portal", PARENT, {}),
    "portal:my_data_json": ("portal.use_portal", PARENT, {}),
    "portal:my_data_html": ("portal.use_portal", PARENT, {}),
    # The ways in: public, and without personal data.
    "portal:accept_invitation": ("public", EVERYONE, {}),
    "portal:email_sign_in": ("public", EVERYONE, {}),
    "portal:email_sign_in_sent": ("public", EVERYONE, {}),
    "portal:use_sign_in_link": ("public", EVERYONE, {}),
    "portal:recover": ("public", EVERYONE, {}),
    "portal:recover_sent": ("public", EVERYONE, {}),
    "portal:reset_password": ("public", EVERYONE, {}),
    # Staff: invitations, challenges, the council's setting.
    "portal_staff:invite": ("portal.invite_parent", ANSWERERS, {"kwargs": "portal_parent"}),
    "portal_staff:disable": ("portal.invite_parent", ANSWERERS, {"kwargs": "portal_parent"}),
    "portal_staff:challenges": ("portal.handle_challenges", ANSWERERS | {"other_pa"}, {}),
    "portal_staff:challenge": (
        "portal.handle_challenges",
        ANSWERERS,
        {"kwargs": "staff_challenge"},
    ),
    "portal_staff:settings": ("portal.change_settings", {"council_admin"}, {}),
}


def make_targets(ctx) -> dict:
    parents = {"hillford": ctx["hillford_parent"], "eastmere": ctx["eastmere_parent"]}
    # Another area may have given these parents a plan already: one plan per parent.
    plans = {
        which: SupportPlan.objects.get_or_create(parent=p, defaults={"council": p.council})[0]
        for which, p in parents.items()
    }
    items = {which: PlanItemFactory(plan=plan) for which, plan in plans.items()}
    challenges = {
        which: ChallengeFactory(parent=parents[which], plan_item=item)
        for which, item in items.items()
    }
    return {
        "portal_item": {w: {"item_id": item.public_id} for w, item in items.items()},
        "portal_challenge": {w: {"challenge_id": c.public_id} for w, c in challenges.items()},
        "staff_challenge": {w: {"challenge_id": c.public_id} for w, c in challenges.items()},
        "portal_parent": {w: {"parent_id": p.public_id} for w, p in parents.items()},
    }
