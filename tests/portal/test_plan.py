"""The parent's home and their plan in plain words; their own view on an item, version-checked;
nobody else's records reachable; constant query counts; the audit rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.notifications.models import ParentNotice, StaffNotification
from parent_charter.notifications.services import notify_parent
from parent_charter.plans.models import PlanItem
from parent_charter.plans.services_items import item_update
from tests.factories import (
    ParentFactory,
    PlanItemFactory,
    PlanItemStatusFactory,
    SupportPlanFactory,
)
from tests.helpers import page


def item_url(item) -> str:
    return f"/my/plan/{item.public_id}/"


# --- Home -------------------------------------------------------------------------------------


def test_home_shows_the_adviser_and_how_to_reach_them(parent_client, pa, hillford, item):
    body = page(parent_client.get("/my/"))
    assert "Hello, Jamie" in body
    assert "Priya Adviser" in body and pa.email in body
    assert hillford.phone in body
    assert "Your plan" in body and "Challenge the council" in body
    events = AuditEvent.objects.filter(action="portal.home_viewed")
    assert events.count() == 1 and events.get().actor.username == "jamie@parent.example"


def test_home_shows_notices_once_as_new(parent_client, hillford, hillford_parent):
    with scope(council=hillford.pk):
        notify_parent(parent=hillford_parent, kind="portal.challenge_responded")
    first = page(parent_client.get("/my/"))
    assert "The council has responded to your challenge" in first and ">New<" in first
    with scope(council=hillford.pk):
        assert ParentNotice.objects.get().seen_at is not None
    assert ">New<" not in page(parent_client.get("/my/"))


def test_home_costs_the_same_however_much_the_parent_has(
    parent_client, hillford, hillford_parent, plan, pa
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert parent_client.get("/my/").status_code == 200
        return len(queries)

    with scope(council=hillford.pk):
        PlanItemFactory(plan=plan)
        notify_parent(parent=hillford_parent, kind="portal.challenge_responded")
    one = count()
    with scope(council=hillford.pk):
        for number in range(12):
            PlanItemFactory(plan=plan, status="delivered" if number % 2 else "offered")
            notify_parent(parent=hillford_parent, kind="portal.challenge_responded")
    assert count() == one


# --- The plan ----------------------------------------------------------------------------------


def test_plan_in_plain_words(parent_client, plan, item, hillford):
    with scope(council=hillford.pk):
        done = PlanItemFactory(
            plan=plan, status="delivered", evidence="Card seen at the home visit"
        )
        PlanItemStatusFactory(item=done, status="delivered")
        PlanItemFactory(plan=plan, status="not_needed")
        PlanItemFactory(
            plan=plan,
            closed_at=timezone.now(),
            closed_reason="system:closed:stage:before_parenthood",
        )
    body = page(parent_client.get("/my/plan/"))
    assert "What is next" in body and "What has been done" in body
    assert "We pay for the first scan" in body
    assert "We will pay for a private scan at 12 weeks." in body
    assert "Offered to you" in body  # not the workers' "Offered"
    assert "Done" in body and "Card seen at the home visit" in body
    assert "Not needed" in body
    assert "Promises that no longer apply to you" in body
    assert f"{item.due_date:%-d %B %Y}" in body
    assert AuditEvent.objects.filter(action="portal.plan_viewed").count() == 1


def test_plan_in_welsh(parent_client, item):
    parent_client.cookies["parent_charter_language"] = "cy"
    body = page(parent_client.get("/my/plan/"))
    assert "Rydym yn talu am y sgan cyntaf" in body
    assert "Byddwn yn talu am sgan preifat yn 12 wythnos." in body
    assert "Eich cynllun" in body


def test_plan_page_query_count_does_not_grow(parent_client, plan, item, hillford):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert parent_client.get("/my/plan/").status_code == 200
        return len(queries)

    one = count()
    with scope(council=hillford.pk):
        for number in range(15):
            extra = PlanItemFactory(plan=plan, status="delivered" if number % 3 else "accepted")
            PlanItemStatusFactory(item=extra, status=extra.status)
    assert count() == one


def test_parent_adds_and_changes_their_view(parent_client, item, pa, hillford):
    form = page(parent_client.get(item_url(item)))
    assert "Your view, in your own words" in form
    response = parent_client.post(
        item_url(item), {"parent_view": "The scan was booked, thank you.", "version": item.version}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/my/plan/#item-{item.public_id}"
    with scope(council=hillford.pk):
        item.refresh_from_db()
        assert item.parent_view == "The scan was booked, thank you."
        assert item.version == 2
        # The adviser is told, and sees it on the staff plan.
        notice = StaffNotification.objects.get(recipient=pa, kind="portal.parent_view")
        assert notice.url == f"/staff/plans/items/{item.public_id}/"
    event = AuditEvent.objects.get(action="plan.item.parent_view_saved")
    assert event.detail["by_parent"] is True and "scan" not in str(event.detail)
    changed = parent_client.post(item_url(item), {"parent_view": "Now booked.", "version": 2})
    assert changed.status_code == 302
    with scope(council=hillford.pk):
        item.refresh_from_db()
    assert item.parent_view == "Now booked." and item.version == 3


def test_the_adviser_sees_the_parents_view(parent_client, client_for, pa, item):
    parent_client.post(item_url(item), {"parent_view": "Booked for Tuesday.", "version": 1})
    assert "Booked for Tuesday." in page(
        client_for(pa).get(f"/staff/plans/items/{item.public_id}/")
    )


def test_a_workers_concurrent_edit_is_not_overwritten(parent_client, item, pa, hillford):
    opened_at = item.version
    with scope(council=hillford.pk):
        item_update(
            item=PlanItem.objects.get(pk=item.pk),
            actor=pa,
            expected_version=opened_at,
            status="accepted",
            owner=pa,
            due_date=item.due_date,
            parent_view="She said yes to the scan.",
        )
    response = parent_client.post(
        item_url(item), {"parent_view": "My own words.", "version": opened_at}
    )
    assert response.status_code == 409
    body = page(response)
    assert "Your adviser changed this while you were writing" in body
    assert "She said yes to the scan." in body  # what is saved now
    assert "My own words." in body  # what the parent typed is kept
    assert f'name="version" value="{opened_at + 1}"' in body
    with scope(council=hillford.pk):
        item.refresh_from_db()
    assert item.parent_view == "She said yes to the scan." and item.status == "accepted"
    # Saving again, having seen it, is a deliberate choice and works.
    again = parent_client.post(item_url(item), {"parent_view": "My own words.", "version": 2})
    assert again.status_code == 302


def test_a_closed_item_cannot_be_changed(parent_client, item, hillford):
    with scope(council=hillford.pk):
        PlanItem.objects.filter(pk=item.pk).update(
            closed_at=timezone.now(), closed_reason="system:closed:offer"
        )
    response = parent_client.post(item_url(item), {"parent_view": "x", "version": 1})
    assert response.status_code == 409
    assert "no longer applies to you" in page(response)


def test_a_view_that_is_too_long_gets_a_message(parent_client, item):
    response = parent_client.post(item_url(item), {"parent_view": "x" * 5001, "version": 1})
    assert response.status_code == 200
    assert "Your view must be 5000 characters or fewer" in page(response)


def test_another_parents_item_is_not_found(
    parent_client, hillford, eastmere, eastmere_parent, item
):
    with scope(council=hillford.pk):
        neighbour = ParentFactory(council=hillford)
        theirs = PlanItemFactory(plan=SupportPlanFactory(parent=neighbour))
    with scope(council=eastmere.pk):
        other_council = PlanItemFactory(plan=SupportPlanFactory(parent=eastmere_parent))
    for other in (theirs, other_council):
        assert parent_client.get(item_url(other)).status_code == 404
        response = parent_client.post(item_url(other), {"parent_view": "x", "version": 1})
        assert response.status_code == 404
    with scopes_disabled():
        assert PlanItem.objects.get(pk=theirs.pk).parent_view == ""


def test_a_parent_of_another_council_sees_only_their_own(client_for, eastmere_parent_user, item):
    client = client_for(eastmere_parent_user)
    assert client.get("/my/").status_code == 200
    assert "Jamie" not in page(client.get("/my/plan/"))
    assert client.get(item_url(item)).status_code == 404


@pytest.mark.parametrize("url", ["/my/", "/my/plan/", "/my/challenges/", "/my/my-information/"])
def test_staff_cannot_use_the_portal(client_for, pa, manager, url):
    for user in (pa, manager):
        assert client_for(user).get(url).status_code == 403


def test_a_parent_role_without_an_account_gets_403(client_for, hillford):
    from parent_charter.accounts.roles import Role
    from tests.factories import UserFactory

    loner = UserFactory(council=hillford, roles=[Role.PARENT])
    assert client_for(loner).get("/my/").status_code == 403


def test_dates_in_the_future_are_not_late(parent_client, item, hillford):
    with scope(council=hillford.pk):
        PlanItem.objects.filter(pk=item.pk).update(
            due_date=timezone.localdate() - datetime.timedelta(days=1)
        )
    assert "Late" in page(parent_client.get("/my/plan/"))
