"""What the parent will see: the portal panel of who opened their care history and why, and
their subject-access download (the care history itself included: it is their own record)."""

from django.test import RequestFactory
from django.utils import timezone
from django_scopes import scope

from parent_charter.assessments_care_history.contributions import export_for_parent, portal_panel
from parent_charter.core.registries import portal_sections, subject_access

from .factories import CareHistoryAccessFactory, ParentingAssessmentFactory
from .helpers import MARKER, REASON, sealed_history


def _panel(parent):
    request = RequestFactory().get("/my/")
    with scope(council=parent.council_id):
        return portal_panel(request, parent)


def _export(parent):
    with scope(council=parent.council_id):
        return {str(part.title): part for part in export_for_parent(parent)}


def test_the_panel_and_exporter_are_registered():
    assert portal_sections._SECTIONS["care-history-openings"].order == 90
    assert subject_access._EXPORTERS["assessments"] == (90, export_for_parent)


def test_no_panel_without_a_history_or_openings(hillford_parent):
    assert _panel(hillford_parent) is None


def test_the_panel_lists_every_opening_with_its_reason(assessor, pa, hillford_parent):
    sealed_history(hillford_parent)
    assert _panel(hillford_parent)["openings"] == []
    with scope(council=hillford_parent.council_id):
        CareHistoryAccessFactory(parent=hillford_parent, opened_by=pa)
        CareHistoryAccessFactory(
            parent=hillford_parent,
            opened_by=assessor,
            role="social_worker",
            kind="break_glass",
            reason=REASON,
            expires_at=timezone.now(),
        )
    panel = _panel(hillford_parent)
    assert [o.opened_by for o in panel["openings"]] == [assessor, pa]
    assert panel["openings_total"] == 2


def test_the_panel_template_speaks_to_the_parent(assessor, hillford_parent):
    from django.template.loader import render_to_string

    sealed_history(hillford_parent)
    with scope(council=hillford_parent.council_id):
        CareHistoryAccessFactory(
            parent=hillford_parent,
            opened_by=assessor,
            role="social_worker",
            kind="break_glass",
            reason=REASON,
            expires_at=timezone.now(),
        )
    html = render_to_string("assessments/portal_panel.html", {"section": _panel(hillford_parent)})
    assert "Who has looked at your care history" in html
    assert "Sian Assessor" in html and "GP records can be matched" in html
    assert MARKER not in html


def test_the_download_holds_the_history_assessments_and_openings(assessor, pa, hillford_parent):
    sealed_history(hillford_parent)
    with scope(council=hillford_parent.council_id):
        ParentingAssessmentFactory(parent=hillford_parent, assessor=assessor)
        CareHistoryAccessFactory(
            parent=hillford_parent,
            opened_by=assessor,
            role="social_worker",
            kind="break_glass",
            reason=REASON,
            expires_at=timezone.now(),
        )
    parts = _export(hillford_parent)
    history = parts["Your care history"]
    [entry] = history.records
    assert ("Details", MARKER) in entry and ("Type of placement", "Foster care") in entry
    assert history.withheld == ""
    [opening] = parts["Who has opened your care history, and why"].records
    assert ("Who", "Sian Assessor") in opening and ("Reason they gave", REASON) in opening
    assert ("Their role", "Social worker or assessor") in opening
    [assessment] = parts["Your parenting assessments"].records
    assert ("Assessor", "Sian Assessor") in assessment


def test_another_parents_records_are_not_in_the_download(assessor, hillford, hillford_parent):
    from tests.factories import ParentFactory

    with scope(council=hillford.pk):
        other = ParentFactory(council=hillford)
    sealed_history(other)
    parts = _export(hillford_parent)
    assert parts["Your care history"].records == []
    assert parts["Who has opened your care history, and why"].records == []


def test_the_parent_reads_who_looked_in_their_portal(
    client_for, parent_user, assessor, hillford_parent
):
    sealed_history(hillford_parent)
    with scope(council=hillford_parent.council_id):
        CareHistoryAccessFactory(
            parent=hillford_parent,
            opened_by=assessor,
            role="social_worker",
            kind="break_glass",
            reason=REASON,
            expires_at=timezone.now(),
        )
    client = client_for(parent_user)
    home = client.get("/my/")
    assert home.status_code == 200
    body = home.content.decode()
    panel = body[body.index('id="care-history-openings"') :]
    assert "Who has looked at your care history" in panel
    assert "Sian Assessor" in panel and "GP records can be matched" in panel
    assert MARKER not in body
    # Their own care history is in what they can read and download about themselves.
    mine = client.get("/my/my-information/").content.decode()
    assert MARKER in mine and "Who has opened your care history, and why" in mine
