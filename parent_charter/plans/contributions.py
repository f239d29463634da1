"""What the plans app adds to a parent's page (owned by the parents app), registered in
apps.py: the plan and reviews sections. Each reads a fixed number of rows and writes no audit
row: the parent's page records one `parent.viewed`.
"""

from . import selectors


def plan_section(request, parent) -> dict:
    return {"parent": parent, "plan_summary": selectors.plan_summary(parent)}


def reviews_section(request, parent) -> dict:
    return {
        "parent": parent,
        "review_summary": selectors.reviews_summary(parent),
        "can_record_review": request.user.has_perm("plans.change_plan"),
    }
