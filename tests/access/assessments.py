"""Access-matrix rows for assessments and the sealed care history.

Case workers read assessments; social workers and managers record them. The care history opens
normally only for the parent's own adviser (Priya is Jamie's) and the team managers: the
assessor reaching the page gets 403 (she must give a reason first), and the reason form itself
sends Priya and Morgan straight through to the history (302).
"""

from tests.assessments_care_history.factories import (
    CareHistoryEntryFactory,
    CareHistoryFactory,
    ParentingAssessmentFactory,
)

from . import CASE_WORKERS

RECORDERS = {"manager", "assessor"}
NORMAL_OPENERS = {"pa", "manager"}

ROWS = {
    "assessments:add": ("assessments.record_assessment", RECORDERS, {"kwargs": "sealed_parent"}),
    "assessments:detail": ("assessments.view_assessment", CASE_WORKERS, {"kwargs": "assessment"}),
    "assessments:edit": ("assessments.record_assessment", RECORDERS, {"kwargs": "assessment"}),
    "assessments:care_history": (
        "assessments.open_care_history",
        NORMAL_OPENERS,
        {"kwargs": "sealed_parent"},
    ),
    "assessments:break_glass": (
        "assessments.open_care_history",
        CASE_WORKERS,
        {"kwargs": "sealed_parent"},
    ),
    "assessments:openings": (
        "assessments.view_care_history_openings",
        CASE_WORKERS,
        {"kwargs": "sealed_parent"},
    ),
    "assessments:add_entry": (
        "assessments.change_care_history",
        NORMAL_OPENERS,
        {"kwargs": "care_history_kind"},
    ),
    "assessments:edit_entry": (
        "assessments.change_care_history",
        NORMAL_OPENERS,
        {"kwargs": "care_history_entry"},
    ),
}


def make_targets(ctx) -> dict:
    assessments, entries = {}, {}
    for which in ("hillford", "eastmere"):
        parent = ctx[f"{which}_parent"]
        assessments[which] = ParentingAssessmentFactory(parent=parent)
        entries[which] = CareHistoryEntryFactory(history=CareHistoryFactory(parent=parent))
    parents = {which: ctx[f"{which}_parent"].public_id for which in ("hillford", "eastmere")}
    return {
        "assessment": {k: {"public_id": a.public_id} for k, a in assessments.items()},
        "sealed_parent": {k: {"parent_id": p} for k, p in parents.items()},
        "care_history_kind": {k: {"parent_id": p, "kind": "period"} for k, p in parents.items()},
        "care_history_entry": {k: {"public_id": e.public_id} for k, e in entries.items()},
    }
