"""A parent's timeline: every source, newest first, in sentences, a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.audit.models import AuditEvent
from parent_charter.parents.models import ConsentRecord, StageChange
from tests.factories import ChildCircumstanceFactory, ChildParentFactory, UserFactory

from . import builders as b


def _url(parent):
    return f"/staff/parents/{parent.public_id}/timeline/"


def _at(day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 1, day, hour, 0))


def _history(parent, pa):
    """One event from each source, on different days of January 2026."""
    council = parent.council
    StageChange.objects.create(
        council=council,
        parent=parent,
        stage="expecting_or_parenting",
        entered=True,
        at=_at(5),
        reason="expecting a child",
        by=pa,
    )
    link = ChildParentFactory(child__council=council, child__given_name="Ada", parent=parent)
    ChildCircumstanceFactory(
        child=link.child,
        lives_with="foster_care",
        legal_status="looked_after",
        from_date=datetime.date(2026, 1, 10),
        recorded_by=pa,
    )
    scan = b.item(parent, key="first-scan", owner=pa)
    b.status(scan, status="offered", at=_at(15), by=pa, note="Booked for Tuesday")
    b.review(parent, held_on=datetime.date(2026, 1, 20), by=pa, summary="Went well.")
    ConsentRecord.objects.create(
        council=council,
        parent=parent,
        share_with="Home-Start Hillford",
        information="Contact details",
        given_on=datetime.date(2026, 1, 25),
        recorded_by=pa,
        withdrawn_on=datetime.date(2026, 1, 28),
        withdrawn_by=pa,
    )


EXPECTED_NEWEST_FIRST = [
    "Personal adviser changed from Priya Adviser to Pat Second",
    "Consent to share information with Home-Start Hillford withdrawn",
    "Consent given to share information with Home-Start Hillford",
    "Plan review held. Took part in person.",
    "Plan item “The first pregnancy scan”: Offered",
    "Where Ada lives: Foster care or residential care. Legal position: Looked after.",
    "Stage began: When you are expecting or parenting",
]


def test_every_source_appears_newest_first(client_for, manager, pa, hillford, hillford_parent):
    second = UserFactory(council=hillford, full_name="Pat Second", roles=[Role.PERSONAL_ADVISER])
    with scope(council=hillford.pk):
        _history(hillford_parent, pa)
    reassigned = client_for(manager).post(
        f"/staff/parents/{hillford_parent.public_id}/reassign/",
        {"personal_adviser": second.pk, "reason": "Caseloads rebalanced", "version": "1"},
    )
    assert reassigned.status_code == 302
    response = client_for(pa).get(_url(hillford_parent))
    assert response.status_code == 200
    body = response.content.decode()
    positions = [body.index(text) for text in EXPECTED_NEWEST_FIRST]
    assert positions == sorted(positions), "entries are not newest first"
    kinds = [entry.kind for entry in response.context["entries"]]
    assert set(kinds) >= {"record", "consent", "review", "plan_item", "circumstances", "stage"}
    # Who, when and why are readable too.
    for text in ("Caseloads rebalanced", "Booked for Tuesday", "Went well.", "by Priya Adviser"):
        assert text in body
    assert "15 January 2026" in body and "At 12:00, by Priya Adviser" in body


def test_a_plan_made_at_once_is_one_entry(client_for, pa, hillford, hillford_parent):
    with scope(council=hillford.pk):
        for key in ("first-scan", "healthy-start", "gp-registration"):
            made = b.item(hillford_parent, key=key)
            b.status(made, status="to_discuss", at=_at(3), note="Added to the plan")
    body = client_for(pa).get(_url(hillford_parent)).content.decode()
    assert "3 plan items: To discuss" in body and "Apply for Healthy Start" in body
    assert "At 12:00, recorded automatically" in body


def test_query_count_does_not_grow_with_history(client_for, pa, hillford, hillford_parent):
    client = client_for(pa)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(hillford_parent)).status_code == 200
        return len(queries)

    with scope(council=hillford.pk):
        _history(hillford_parent, pa)
    few = count()
    with scope(council=hillford.pk):
        for _n in range(10):
            _history(hillford_parent, pa)
    assert count() == few


def test_viewing_is_audited(client_for, assessor, hillford_parent):
    assert client_for(assessor).get(_url(hillford_parent)).status_code == 200
    [event] = AuditEvent.objects.filter(action="parent.timeline.viewed")
    assert event.actor == assessor and event.object_id == str(hillford_parent.public_id)
    assert not AuditEvent.objects.filter(action="parent.viewed").exists()


def test_another_councils_parent_is_not_found(client_for, pa, eastmere_parent):
    assert client_for(pa).get(_url(eastmere_parent)).status_code == 404


@pytest.mark.parametrize("who", ["partner_worker", "analyst", "council_admin"])
def test_other_roles_are_refused(client_for, cast, hillford_parent, who):
    assert client_for(cast[who]).get(_url(hillford_parent)).status_code == 403
