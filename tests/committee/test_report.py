"""The committee report against Hillford's known figures (tests/figures/conftest.py, published
with the default threshold of 5): the draft reads them live, approval freezes them, a correction
is a new version with its reason, and no count from 1 to 4 reaches the page or a chart."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.committee import selectors, services
from parent_charter.committee.models import CommitteeReport, ReportStatus
from parent_charter.parents.models import Parent
from tests.committee.conftest import NOW, Q3, known_world
from tests.factories import CouncilFactory, ParentFactory
from tests.figures.conftest import at


def _page(client, report, language="en"):
    url = f"/staff/committee/{report.public_id}/"
    if language == "cy":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def more_mothers(council, count):
    """Mothers aged 22 supported since August 2026, recorded after the report's approval."""
    made = [
        ParentFactory(
            council=council, parent_role="mother", date_of_birth=datetime.date(2004, 5, 17)
        )
        for _ in range(count)
    ]
    Parent.objects.filter(pk__in=[p.pk for p in made]).update(created_at=at(2026, 8, 1))


def _supported(figures):
    return figures["parents"]["headline"][0][2][0]


@time_machine.travel(NOW, tick=False)
def test_the_draft_shows_the_known_figures_in_plain_words(client_for, manager, draft):
    body = _page(client_for(manager), draft)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
    assert "the council supported 15 parents" in text
    assert "support started for fewer than 5" in text  # the four fathers
    assert "Children separated from both birth parents: 5 of 12 (42%)" in text
    assert "This is a draft" in text
    for title in (
        "The chart's figures: Promises kept",
        "The chart's figures: The last four quarters",
        "The chart's figures: Referrals and pre-birth requests",
        "The chart's figures: Where the children of the parents supported lived",
    ):
        assert title in text
    assert body.count('<svg role="img"') == 4


@time_machine.travel(NOW, tick=False)
def test_no_count_from_1_to_4_reaches_the_page_or_the_charts_data(client_for, analyst, approved):
    body = _page(client_for(analyst), approved)
    cells = re.findall(r'govuk-table__cell--numeric">(.*?)</td>', body)
    assert cells
    for cell in cells:
        number = cell.replace(",", "")
        if number.isdigit():
            assert int(number) == 0 or int(number) >= 5, cell
    plotted = re.findall(r'<desc class="value">(.*?)</desc>', body)
    assert plotted, "the charts plot the counts that are shown"
    for value in plotted:
        number = value.replace(",", "").rstrip("%")
        if not value.endswith("%"):
            assert int(number) == 0 or int(number) >= 5, value
    axis = re.findall(r'<text[^>]*class="(?:major|)"[^>]*>(\d+)</text>', body)
    assert all(int(label) % 5 == 0 for label in axis)
    assert "fewer than 5" in body


@time_machine.travel(NOW, tick=False)
def test_approval_freezes_the_figures_and_later_casework_does_not_change_them(
    client_for, analyst, manager, hillford, approved
):
    assert approved.status == ReportStatus.APPROVED
    assert approved.figures.keys() == {"en", "cy"}
    stored = approved.figures
    with scope(council=hillford.pk):
        # Ten more mothers supported since January: the live figures move, the report does not.
        more_mothers(hillford, 10)
        report = CommitteeReport.objects.get(pk=approved.pk)
        assert report.figures == stored
        assert _supported(selectors.report_figures(report)).value == 15
        from parent_charter.figures.selectors import council_figures

        assert _supported(council_figures(council=hillford, period=Q3)).value != 15
    text = re.sub(r"<[^>]+>", " ", _page(client_for(analyst), report))
    assert "the council supported 15 parents" in re.sub(r"\s+", " ", text)
    assert AuditEvent.objects.filter(action="committee.report.approved").count() == 1
    with scope(council=hillford.pk), pytest.raises(services.ReportRefused):
        services.sections_update(
            report=report,
            actor=manager,
            expected_version=report.version,
            services_changes="Changed after approval",
            financial_implications="",
            recommendation="",
        )


@time_machine.travel(NOW, tick=False)
def test_the_welsh_page_shows_the_welsh_figures_stored_at_approval(client_for, analyst, approved):
    body = _page(client_for(analyst), approved, "cy")
    assert "Crynodeb" in body
    assert "llai na 5" in body
    assert "Ffigurau&#x27;r siart" in body or "Ffigurau'r siart" in body


@time_machine.travel(NOW, tick=False)
def test_a_correction_is_a_new_version_with_its_reason_and_the_old_one_is_kept(
    client_for, manager, hillford, approved
):
    client = client_for(manager)
    response = client.post(
        f"/staff/committee/{approved.public_id}/correct/",
        {"reason": "Three referrals were recorded against the wrong quarter."},
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        correction = CommitteeReport.objects.get(number=2)
        assert correction.replaces_id == approved.pk
        assert correction.status == ReportStatus.DRAFT
        assert correction.correction_reason.startswith("Three referrals")
        assert correction.recommendation == approved.recommendation
        # The approved version stays in force until the correction is approved.
        approved.refresh_from_db()
        assert approved.status == ReportStatus.APPROVED
        more_mothers(hillford, 10)
    response = client.post(
        f"/staff/committee/{correction.public_id}/approve/", {"version": correction.version}
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        approved.refresh_from_db()
        correction.refresh_from_db()
        assert approved.status == ReportStatus.REPLACED
        assert _supported(selectors.report_figures(approved)).value == 15
        assert _supported(selectors.report_figures(correction)).value == 25
    old = _page(client, approved)
    assert "This version was replaced by a correction" in old
    new = _page(client, correction)
    assert "Three referrals were recorded against the wrong quarter." in new
    assert AuditEvent.objects.filter(action="committee.report.corrected").count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_correction_needs_a_reason(client_for, manager, approved):
    response = client_for(manager).post(
        f"/staff/committee/{approved.public_id}/correct/", {"reason": ""}
    )
    assert response.status_code == 200
    assert "Enter why the report needs correcting" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_officers_sections_are_saved_at_their_version_and_audited(
    client_for, manager, hillford, draft
):
    client = client_for(manager)
    url = f"/staff/committee/{draft.public_id}/sections/"
    data = {
        "version": draft.version,
        "services_changes": "A plan meeting within ten working days.",
        "financial_implications": "Met from the leaving care budget.",
        "recommendation": "Members are asked to note the report.",
    }
    assert client.post(url, data).status_code == 302
    # A second editor who opened the form at the same version is shown the conflict, and
    # nothing of theirs is saved.
    response = client.post(url, {**data, "recommendation": "Something else entirely."})
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    with scope(council=hillford.pk):
        draft.refresh_from_db()
    assert draft.recommendation == "Members are asked to note the report."
    assert draft.version == 2
    event = AuditEvent.objects.get(action="committee.report.updated")
    assert set(event.detail["fields"]) == {
        "services_changes",
        "financial_implications",
        "recommendation",
    }


@time_machine.travel(NOW, tick=False)
def test_a_stale_approval_is_refused(client_for, manager, hillford, draft):
    client = client_for(manager)
    response = client.post(
        f"/staff/committee/{draft.public_id}/approve/", {"version": draft.version + 5}
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    assert draft.figures is None


@time_machine.travel(NOW, tick=False)
def test_starting_a_report_twice_for_a_quarter_is_refused_with_a_message(
    client_for, manager, draft
):
    response = client_for(manager).post("/staff/committee/start/", {"quarter": "2026-Q3"})
    assert response.status_code == 200
    assert "There is already a report for 2026 quarter 3." in response.content.decode()
    response = client_for(manager).post("/staff/committee/start/", {"quarter": "1999-Q1"})
    assert "Select the quarter the report covers" in response.content.decode()


@pytest.mark.parametrize("approve", [False, True])
def test_the_report_page_costs_the_same_queries_however_many_parents(
    client_for, manager, pa, approve
):
    def queries(extra):
        council = CouncilFactory()
        with scope(council=council.pk):
            known_world(council, pa, extra_parents=extra)
            report = services.create_draft(council=council, actor=manager, period=Q3)
            if approve:
                services.approve(report=report, actor=manager, expected_version=report.version)
        manager.council = council
        manager.save()
        client = client_for(manager)
        url = f"/staff/committee/{report.public_id}/"
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    with time_machine.travel(NOW, tick=False):
        assert queries(0) == queries(25)
