"""The team manager's view: each adviser's caseload in figures, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.audit.models import AuditEvent
from tests.factories import ParentFactory, UserFactory

from . import builders as b

URL = "/staff/team/"


def _adviser(council, name):
    return UserFactory(council=council, full_name=name, roles=[Role.PERSONAL_ADVISER])


def _row(response, adviser):
    [row] = [a for a in response.context["overview"].advisers if a.pk == adviser.pk]
    return row


def test_each_adviser_with_their_figures(client_for, manager, hillford, pa, eastmere):
    second = _adviser(hillford, "Pat Second")
    _adviser(eastmere, "Elsewhere Adviser")
    end_soon = b.days(60)
    with scope(council=hillford.pk):
        ash = ParentFactory(council=hillford, personal_adviser=pa)
        b.item(ash, due=b.days(-1))
        b.item(ash, due=b.days(-9))
        b.item(ash, due=b.days(-9), status="delivered")
        b.item(ash, due=b.days(3))
        b.plan_for(ash, created_days_ago=400)  # never reviewed: overdue
        birch = ParentFactory(
            council=hillford,
            personal_adviser=pa,
            date_of_birth=end_soon.replace(year=end_soon.year - 25),
        )
        b.review(birch, held_on=b.days(-20), by=pa)
        cedar = ParentFactory(council=hillford, personal_adviser=second)
        b.review(cedar, held_on=b.days(-190), by=second)  # overdue
        b.item(cedar, due=b.days(-2), closed=True)
        ParentFactory.create_batch(3, council=hillford, personal_adviser=None)
    response = client_for(manager).get(URL)
    assert response.status_code == 200
    overview = response.context["overview"]
    assert [a.full_name for a in overview.advisers] == ["Pat Second", "Priya Adviser"]
    priya = _row(response, pa)
    assert (priya.parents, priya.overdue_items, priya.overdue_reviews, priya.support_ending) == (
        2,
        2,
        1,
        1,
    )
    pat = _row(response, second)
    assert (pat.parents, pat.overdue_items, pat.overdue_reviews, pat.support_ending) == (1, 0, 1, 0)
    assert overview.unallocated == 3 and overview.total_parents == 6
    body = response.content.decode()
    assert f"/staff/caseload/?adviser={pa.public_id}" in body
    assert "/staff/caseload/?adviser=none" in body
    assert "Elsewhere Adviser" not in body


def test_viewing_is_audited(client_for, manager, pa):
    client_for(manager).get(URL)
    [event] = AuditEvent.objects.filter(action="team.viewed")
    assert event.actor == manager and event.detail == {"advisers": 1}


def test_query_count_is_the_same_for_2_and_20_advisers(client_for, manager, hillford):
    client = client_for(manager)

    def add_advisers(start, stop):
        with scope(council=hillford.pk):
            for n in range(start, stop):
                adviser = _adviser(hillford, f"Adviser {n:02d}")
                b.busy_parent(hillford, adviser, n)
                b.busy_parent(hillford, adviser, n + 1)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    add_advisers(0, 2)
    few = count()
    add_advisers(2, 20)
    assert count() == few
    assert len(client.get(URL).context["overview"].advisers) == 20


@pytest.mark.parametrize("who", ["pa", "assessor", "partner_worker", "analyst", "council_admin"])
def test_only_a_team_manager_may_see_it(client_for, cast, who):
    assert client_for(cast[who]).get(URL).status_code == 403
