"""Access-matrix rows for who to contact now: public pages, and staff members' hours.

The public pages name a council by its slug (the offer's target); they hold no personal data.
Advisers and managers keep their own hours; council administrators keep everyone's.
"""

from tests.access import EVERYONE

OWN_HOURS = {"pa", "manager", "other_pa"}
ADMIN = {"council_admin"}

ROWS = {
    "contact:index": ("public", EVERYONE, {}),
    "contact:now": ("public", EVERYONE, {"kwargs": "offer"}),
    "contact:card": ("public", EVERYONE, {"kwargs": "offer"}),
    "contact:my_hours": ("contact.change_own_hours", OWN_HOURS, {}),
    "contact:my_leave_add": ("contact.change_own_hours", OWN_HOURS, {"method": "post"}),
    "contact:my_leave_remove": ("contact.change_own_hours", OWN_HOURS, {"method": "post"}),
    "contact:staff_list": ("contact.manage_staff_hours", ADMIN, {}),
    "contact:staff_hours": ("contact.manage_staff_hours", ADMIN, {"kwargs": "staff_member"}),
    "contact:staff_leave_add": (
        "contact.manage_staff_hours",
        ADMIN,
        {"kwargs": "staff_member", "method": "post"},
    ),
    "contact:staff_leave_remove": (
        "contact.manage_staff_hours",
        ADMIN,
        {"kwargs": "staff_member", "method": "post"},
    ),
}


def make_targets(ctx) -> dict:
    return {
        "staff_member": {
            "hillford": {"user_id": ctx["pa"].public_id},
            "eastmere": {"user_id": ctx["other_pa"].public_id},
        }
    }
