"""Access-matrix rows for the committee reports: team managers write, approve and correct;
committee members and analysts, and council administrators, read approved reports and fetch
their PDFs; another council's report is not found."""

from django_scopes import scope

from parent_charter.committee import services
from parent_charter.figures import periods

READERS = {"manager", "analyst", "council_admin"}
WRITERS = {"manager"}

ROWS = {
    "committee:index": ("committee.view_report", READERS, {}),
    "committee:create": ("committee.change_report", WRITERS, {"method": "post"}),
    "committee:report": ("committee.view_report", READERS, {"kwargs": "committee_report"}),
    "committee:edit": ("committee.change_report", WRITERS, {"kwargs": "committee_report"}),
    "committee:approve": (
        "committee.change_report",
        WRITERS,
        {"kwargs": "committee_report", "method": "post"},
    ),
    "committee:correct": ("committee.change_report", WRITERS, {"kwargs": "committee_report"}),
    "committee:build_pdf": (
        "committee.view_report",
        READERS,
        {"kwargs": "committee_pdf", "method": "post"},
    ),
    "committee:download": ("committee.view_report", READERS, {"kwargs": "committee_pdf"}),
}


def make_targets(ctx) -> dict:
    """An approved report in each council (its PDFs queued, not built)."""
    reports = {}
    for which in ("hillford", "eastmere"):
        council = ctx[which]
        with scope(council=council.pk):
            report = services.create_draft(
                council=council, actor=None, period=periods.parse("2026-Q2")
            )
            services.approve(report=report, actor=None, expected_version=report.version)
        reports[which] = report
    return {
        "committee_report": {k: {"public_id": r.public_id} for k, r in reports.items()},
        "committee_pdf": {
            k: {"public_id": r.public_id, "language": "en"} for k, r in reports.items()
        },
    }
