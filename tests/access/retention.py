"""Access-matrix rows for retention and disposal.

Team managers and the council administrator see what is due and decide disposals; only the
council administrator changes the schedule; advisers and team managers record the day support
ended. A record of another council is 404.
"""

from parent_charter.retention.models import DisposalRequest

DECIDERS = {"manager", "council_admin"}

ROWS = {
    "retention:due": ("retention.manage_disposal", DECIDERS, {}),
    "retention:propose": (
        "retention.manage_disposal",
        DECIDERS,
        {"kwargs": "retention_propose", "method": "post"},
    ),
    "retention:approve": (
        "retention.manage_disposal",
        DECIDERS,
        {"kwargs": "retention_disposal", "method": "post"},
    ),
    "retention:decline": (
        "retention.manage_disposal",
        DECIDERS,
        {"kwargs": "retention_disposal", "method": "post"},
    ),
    "retention:schedule": ("retention.view_schedule", DECIDERS, {}),
    "retention:edit_rule": ("retention.change_schedule", {"council_admin"}, {}),
    "retention:support_end": (
        "retention.record_support_end",
        {"pa", "manager"},
        {"kwargs": "retention_parent"},
    ),
}


def make_targets(ctx) -> dict:
    parents = {"hillford": ctx["hillford_parent"], "eastmere": ctx["eastmere_parent"]}
    proposals = {
        which: DisposalRequest.objects.create(
            council=parent.council,
            parent=parent,
            kind="care_history",
            due_on=parent.created_at.date(),
            proposed_by=ctx["pa"] if which == "hillford" else ctx["other_pa"],
        )
        for which, parent in parents.items()
    }
    return {
        "retention_propose": {
            w: {"parent_id": p.public_id, "kind": "parent_record"} for w, p in parents.items()
        },
        "retention_disposal": {w: {"disposal_id": d.public_id} for w, d in proposals.items()},
        "retention_parent": {w: {"parent_id": p.public_id} for w, p in parents.items()},
    }
