"""The demo's committee reports: an approved one for the last full quarter and a draft for the
quarter in progress, made once however often the demo is seeded."""

import time_machine
from django_scopes import scope

from parent_charter.committee.models import CommitteeReport
from parent_charter.demo.stories import committee as demo_data
from tests.committee.conftest import NOW


@time_machine.travel(NOW, tick=False)
def test_the_demo_has_an_approved_report_and_a_draft(hillford, manager, world):
    summary = demo_data.seed(hillford)
    assert summary == "approved report for 2026-Q3, draft report for 2026-Q4"
    with scope(council=hillford.pk):
        reports = dict(CommitteeReport.objects.values_list("quarter", "status"))
        approved = CommitteeReport.objects.get(quarter="2026-Q3")
    assert reports == {"2026-Q3": "approved", "2026-Q4": "draft"}
    assert approved.approved_by == manager
    assert approved.recommendation.startswith("Members are asked")
    with scope(council=hillford.pk):
        assert not approved.pdfs.exists()  # built when a reader asks for them
    assert demo_data.seed(hillford) == ""
