"""Access-matrix rows for caseloads, the team overview, reassignment and the timeline."""

ROWS = {
    "caseload:mine": ("parents.view_caseload", {"pa", "manager", "other_pa"}, {}),
    "caseload:team": ("parents.view_team", {"manager"}, {}),
    "caseload:reassign": ("parents.reassign_parent", {"manager"}, {"kwargs": "caseload_parent"}),
    "caseload:timeline": (
        "parents.view_timeline",
        {"pa", "manager", "assessor"},
        {"kwargs": "caseload_parent"},
    ),
}


def make_targets(ctx):
    return {
        "caseload_parent": {
            council: {"parent_id": ctx[f"{council}_parent"].public_id}
            for council in ("hillford", "eastmere")
        }
    }
