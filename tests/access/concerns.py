"""Access-matrix rows for concerns: case workers record them, plan changers add support, team
managers see the council's open concerns, and the parent reads their own in the portal."""

from tests.concerns.factories import (
    ConcernFactory,
    ConcernOfferFactory,
    ConcernRequestFactory,
    ConcernSummaryFactory,
)

CASE_WORKERS = {"pa", "manager", "assessor"}
ON_CONCERN = {"kwargs": "concern"}

ROWS = {
    "concerns:list": ("concerns.view_open_concerns", {"manager"}, {}),
    "concerns:create": ("concerns.change_concern", CASE_WORKERS, {"kwargs": "concern_parent"}),
    "concerns:detail": ("concerns.view_concern", CASE_WORKERS, ON_CONCERN),
    "concerns:edit": ("concerns.change_concern", CASE_WORKERS, ON_CONCERN),
    "concerns:close": ("concerns.change_concern", CASE_WORKERS, ON_CONCERN),
    "concerns:summary": ("concerns.change_concern", CASE_WORKERS, ON_CONCERN),
    "concerns:summary_shared": (
        "concerns.change_concern",
        CASE_WORKERS,
        {"kwargs": "concern_summary"},
    ),
    "concerns:offer_add": ("concerns.change_concern", CASE_WORKERS, ON_CONCERN),
    "concerns:offer_answer": ("concerns.change_concern", CASE_WORKERS, {"kwargs": "concern_offer"}),
    "concerns:request_add": ("concerns.change_concern", CASE_WORKERS, ON_CONCERN),
    "concerns:request_decide": (
        "concerns.change_concern",
        CASE_WORKERS,
        {"kwargs": "concern_request"},
    ),
    "concerns:view_add": ("concerns.change_concern", CASE_WORKERS, ON_CONCERN),
    "concerns:support_add": ("concerns.add_support", {"pa", "manager"}, ON_CONCERN),
    # The parent's own page names no record: it shows the signed-in parent's concerns.
    "concerns_portal:index": ("portal.use_portal", {"parent"}, {}),
    "concerns_portal:acknowledge": ("portal.use_portal", {"parent"}, {"method": "post"}),
}


def make_targets(ctx) -> dict:
    concerns, summaries, offers, requests = {}, {}, {}, {}
    for which in ("hillford", "eastmere"):
        concern = ConcernFactory(parent=ctx[f"{which}_parent"])
        concerns[which] = concern
        summaries[which] = ConcernSummaryFactory(concern=concern, number=1)
        offers[which] = ConcernOfferFactory(concern=concern)
        requests[which] = ConcernRequestFactory(concern=concern)

    def nested(records, name):
        return {
            which: {"public_id": record.concern.public_id, name: record.public_id}
            for which, record in records.items()
        }

    return {
        "concern": {which: {"public_id": c.public_id} for which, c in concerns.items()},
        "concern_parent": {
            which: {"parent_id": ctx[f"{which}_parent"].public_id}
            for which in ("hillford", "eastmere")
        },
        "concern_summary": nested(summaries, "summary_id"),
        "concern_offer": nested(offers, "offer_id"),
        "concern_request": nested(requests, "request_id"),
    }
