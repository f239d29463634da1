"""Access-matrix rows for the support plan pages."""

from tests.factories import PlanItemFactory, SupportPlanFactory

VIEWERS = {"pa", "manager", "assessor"}
CHANGERS = {"pa", "manager"}

ROWS = {
    "plans:plan": ("plans.view_plan", VIEWERS, {"kwargs": "plan_parent"}),
    "plans:item": ("plans.view_plan", VIEWERS, {"kwargs": "plan_item"}),
    "plans:review_add": ("plans.change_plan", CHANGERS, {"kwargs": "plan_parent"}),
}


def make_targets(ctx) -> dict:
    parents = {"hillford": ctx["hillford_parent"], "eastmere": ctx["eastmere_parent"]}
    items = {
        which: PlanItemFactory(plan=SupportPlanFactory(parent=parent))
        for which, parent in parents.items()
    }
    return {
        "plan_parent": {which: {"parent_id": p.public_id} for which, p in parents.items()},
        "plan_item": {which: {"public_id": item.public_id} for which, item in items.items()},
    }
