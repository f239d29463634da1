"""The referral's page, the managers' list, the parent-page sections and notices told."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from parent_charter.childrens_services.contributions import notices_section, referrals_section
from parent_charter.notifications.models import ParentNotice
from tests.factories import ParentFactory
from tests.helpers import events

from .factories import ParentNoticeFactory, ReferralFactory
from .helpers import CLEAN, FLAGGED, submit


def _page(client, parent) -> str:
    response = client.get(f"/staff/parents/{parent.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str, anchor: str) -> str:
    start = body.index(f'id="{anchor}"')
    return body[start : body.index("</section>", start)]


def test_a_case_worker_reads_a_referral_and_the_read_is_audited(
    client_for, pa, assessor, hillford_parent
):
    referral = submit(hillford_parent, pa, CLEAN, FLAGGED)
    response = client_for(assessor).get(f"/staff/safeguarding/{referral.public_id}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Held for a manager&#x27;s decision" in body
    assert "Evidence 2" in body and "Words flagged" in body
    assert "Make a decision" not in body  # only managers decide
    [event] = events("safeguards.referral.viewed")
    assert event.actor == assessor and event.object_id == str(referral.public_id)


def test_the_manager_sees_a_decide_button_on_a_held_referral(
    client_for, pa, manager, hillford_parent
):
    referral = submit(hillford_parent, pa, FLAGGED)
    body = client_for(manager).get(f"/staff/safeguarding/{referral.public_id}/").content.decode()
    assert f'href="/staff/safeguarding/{referral.public_id}/decide/"' in body


def test_the_list_puts_held_referrals_first_and_is_audited(client_for, pa, manager, hillford):
    with scope(council=hillford.pk):
        parents = [ParentFactory(council=hillford, given_name=f"P{i}") for i in range(3)]
    sent = submit(parents[0], pa, CLEAN)
    held = submit(parents[1], pa, FLAGGED)
    with scope(council=hillford.pk):
        returned = ReferralFactory(parent=parents[2], created_by=pa, status="returned")
    body = client_for(manager).get("/staff/safeguarding/").content.decode()
    positions = [body.index(str(r.public_id)) for r in (held, returned, sent)]
    assert positions == sorted(positions)
    assert f"/staff/safeguarding/{held.public_id}/decide/" in body
    [event] = events("safeguards.referral.list.viewed")
    assert event.detail == {"shown": 3, "page": 1}


def _many(hillford, pa, count):
    with scope(council=hillford.pk):
        for index in range(count):
            parent = ParentFactory(council=hillford)
            ReferralFactory(parent=parent, created_by=pa, status="held" if index % 2 else "sent")


def test_the_list_costs_the_same_queries_for_one_or_many(client_for, pa, manager, hillford):
    client = client_for(manager)
    _many(hillford, pa, 1)
    client.get("/staff/safeguarding/")  # warm caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/safeguarding/").status_code == 200
        return len(queries)

    one = count()
    _many(hillford, pa, 12)
    assert count() == one


def test_the_parent_page_lists_referrals_with_their_status(
    client_for, pa, assessor, hillford_parent
):
    held = submit(hillford_parent, pa, FLAGGED)
    sent = submit(hillford_parent, pa, CLEAN, kind="pre_birth")
    mine = _section(_page(client_for(assessor), hillford_parent), "childrens-services")
    assert f"/staff/safeguarding/{held.public_id}/" in mine
    assert f"/staff/safeguarding/{sent.public_id}/" in mine
    assert "Request for a pre-birth assessment" in mine and "Sent" in mine
    assert f"/staff/safeguarding/new/{hillford_parent.public_id}/" in mine
    assert len(events("parent.viewed")) == 1
    assert events("safeguards.referral.viewed") == []


def test_things_to_tell_lists_untold_notices_and_records_telling(client_for, pa, hillford_parent):
    submit(hillford_parent, pa, FLAGGED)
    client = client_for(pa)
    section = _section(_page(client, hillford_parent), "things-to-tell")
    assert "Things to tell Jamie Rivers" in section
    assert "held for a manager to check that it is based on what is happening now" in section
    with scopes_disabled():
        [notice] = ParentNotice.objects.all()
    response = client.post(f"/staff/safeguarding/notices/{notice.public_id}/told/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/parents/{hillford_parent.public_id}/#things-to-tell"
    with scopes_disabled():
        notice.refresh_from_db()
    assert notice.told_at is not None
    [event] = events("parent_notice.told")
    assert event.actor == pa and event.object_id == str(hillford_parent.public_id)
    section = _section(_page(client, hillford_parent), "things-to-tell")
    assert "Nothing waiting to be passed on." in section


def test_telling_needs_a_post(client_for, pa, hillford_parent):
    with scope(council=hillford_parent.council_id):
        notice = ParentNoticeFactory(parent=hillford_parent)
    response = client_for(pa).get(f"/staff/safeguarding/notices/{notice.public_id}/told/")
    assert response.status_code == 405


def test_assessors_do_not_get_the_things_to_tell_section(client_for, assessor, hillford_parent):
    assert 'id="things-to-tell"' not in _page(client_for(assessor), hillford_parent)


@pytest.mark.parametrize("section", [notices_section, referrals_section])
def test_the_sections_cost_the_same_queries_for_one_or_many(pa, hillford, section):
    with scope(council=hillford.pk):
        one, many = ParentFactory(council=hillford), ParentFactory(council=hillford)
        for parent, count in ((one, 1), (many, 8)):
            for _index in range(count):
                ReferralFactory(parent=parent, created_by=pa, status="held")
                ParentNoticeFactory(parent=parent)
    request = RequestFactory().get("/")
    request.user = pa

    def count(parent):
        with scope(council=hillford.pk), CaptureQueriesContext(connection) as queries:
            section(request, parent)
        return len(queries)

    count(one)  # warm the permission cache
    assert count(one) == count(many)


def test_the_dashboard_shows_managers_the_held_count(client_for, pa, manager, hillford_parent):
    submit(hillford_parent, pa, FLAGGED)
    body = client_for(manager).get("/staff/").content.decode()
    assert 'href="/staff/safeguarding/"' in body and 'href="/staff/safeguarding/figures/"' in body
    adviser = client_for(pa).get("/staff/").content.decode()
    assert 'href="/staff/safeguarding/"' not in adviser
