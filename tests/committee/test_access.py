"""Who may do what with a committee report, beyond the access matrix: drafts are for team
managers only; committee members, analysts and administrators read approved reports; another
council's report is not found; a refused attempt is audited."""

import time_machine
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.committee import services
from parent_charter.committee.models import CommitteeReport
from tests.committee.conftest import NOW, Q3

READERS = ("manager", "analyst", "council_admin")
OTHERS = ("pa", "assessor", "partner_worker", "coordinator", "other_pa")


def _draft(council, actor=None):
    with scope(council=council.pk):
        return services.create_draft(council=council, actor=actor, period=Q3)


def _approved(council, actor=None):
    report = _draft(council, actor)
    with scope(council=council.pk):
        services.approve(report=report, actor=actor, expected_version=report.version)
    return report


@time_machine.travel(NOW, tick=False)
def test_every_member_of_the_cast_on_an_approved_report(cast, client_for, hillford):
    report = _approved(hillford)
    url = f"/staff/committee/{report.public_id}/"
    for who, user in cast.items():
        status = client_for(user).get(url).status_code
        if who in READERS:
            assert status == 200, who
        else:  # the wrong role is refused before any lookup, in any council
            assert status == 403, who
    assert AuditEvent.objects.filter(action="access.denied").count() == len(OTHERS)


@time_machine.travel(NOW, tick=False)
def test_a_draft_is_for_team_managers_only(cast, client_for, hillford):
    report = _draft(hillford)
    url = f"/staff/committee/{report.public_id}/"
    assert client_for(cast["manager"]).get(url).status_code == 200
    for who in ("analyst", "council_admin"):
        assert client_for(cast[who]).get(url).status_code == 404, who
        listing = client_for(cast[who]).get("/staff/committee/").content.decode()
        assert str(report.public_id) not in listing
    listing = client_for(cast["manager"]).get("/staff/committee/").content.decode()
    assert str(report.public_id) in listing


@time_machine.travel(NOW, tick=False)
def test_another_councils_report_is_not_found(cast, client_for, eastmere):
    report = _approved(eastmere)
    for who in READERS:
        client = client_for(cast[who])
        assert client.get(f"/staff/committee/{report.public_id}/").status_code == 404, who
        assert client.get(f"/staff/committee/{report.public_id}/pdf/en/").status_code == 404
        assert client.post(f"/staff/committee/{report.public_id}/pdf/en/build/").status_code == 404
    manager = client_for(cast["manager"])
    assert manager.post(f"/staff/committee/{report.public_id}/approve/").status_code == 404
    assert manager.get(f"/staff/committee/{report.public_id}/correct/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_only_team_managers_write_approve_and_correct(cast, client_for, hillford):
    report = _draft(hillford)
    for who in ("analyst", "council_admin", "pa"):
        client = client_for(cast[who])
        assert client.post("/staff/committee/start/", {"quarter": "2026-Q2"}).status_code == 403
        assert client.get(f"/staff/committee/{report.public_id}/sections/").status_code == 403
        assert client.post(f"/staff/committee/{report.public_id}/approve/").status_code == 403
    manager = client_for(cast["manager"])
    response = manager.post("/staff/committee/start/", {"quarter": "2026-Q2"})
    assert response.status_code == 302
    with scope(council=hillford.pk):
        assert CommitteeReport.objects.filter(quarter="2026-Q2").count() == 1
    created = AuditEvent.objects.get(action="committee.report.created", detail__quarter="2026-Q2")
    assert created.actor_id == cast["manager"].pk


@time_machine.travel(NOW, tick=False)
def test_the_staff_start_page_and_the_figures_page_link_to_the_reports(cast, client_for):
    for who in READERS:
        client = client_for(cast[who])
        assert 'href="/staff/committee/"' in client.get("/staff/").content.decode(), who
        assert 'href="/staff/committee/"' in client.get("/staff/figures/").content.decode()
    assert 'href="/staff/committee/"' not in client_for(cast["pa"]).get("/staff/").content.decode()
