"""The children section of a parent's page: where each child lives, seen from this parent."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.children.contributions import children_section
from parent_charter.children.selectors import age_in_words
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    ParentFactory,
)
from tests.helpers import events, today

from .helpers import add_child, other_parent


def _page(client, parent) -> str:
    response = client.get(f"/staff/parents/{parent.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str) -> str:
    start = body.index('id="children"')
    return body[start : body.index("</section>", start)]


def test_children_are_shown_relative_to_this_parent(client_for, pa, hillford, hillford_parent):
    alex = other_parent(hillford)
    robin = add_child(
        hillford_parent,
        pa,
        given_name="Robin",
        due_date=None,
        date_of_birth=today() - datetime.timedelta(days=400),
        other_parent=alex,
        lives_with="one_parent",
        lives_with_which="other",
        legal_status="child_in_need",
    )
    add_child(hillford_parent, pa, due_date=today() + datetime.timedelta(days=60))

    mine = _section(_page(client_for(pa), hillford_parent))
    assert "Robin" in mine and "Unborn baby" in mine
    assert "With the other parent" in mine and "Child in need" in mine
    assert "13 months" in mine and "Expected" in mine and "Born" in mine
    due = (today() + datetime.timedelta(days=60)).strftime("%-d %B %Y")
    assert f"Due {due}" in mine
    assert f"/staff/children/{robin.public_id}/" in mine
    assert f"/staff/children/add/{hillford_parent.public_id}/" in mine

    theirs = _section(_page(client_for(pa), alex))
    assert "With this parent" in theirs and "Unborn baby" not in theirs


def test_the_section_writes_no_audit_row_of_its_own(client_for, pa, hillford_parent):
    add_child(hillford_parent, pa)
    _page(client_for(pa), hillford_parent)
    assert events("child.viewed") == []
    assert len(events("parent.viewed")) == 1


def test_readers_who_cannot_change_children_get_no_add_link(client_for, assessor, hillford_parent):
    section = _section(_page(client_for(assessor), hillford_parent))
    assert "No children recorded" in section
    assert "/staff/children/add/" not in section


def test_a_parent_without_children_is_offered_the_add_link(client_for, pa, hillford_parent):
    section = _section(_page(client_for(pa), hillford_parent))
    assert "No children recorded" in section
    assert f"/staff/children/add/{hillford_parent.public_id}/" in section


def _make_children(parent, count):
    with scope(council=parent.council_id):
        for index in range(count):
            child = ChildFactory(council=parent.council, date_of_birth=datetime.date(2025, 1, 1))
            link = ChildParentFactory(child=child, parent=parent)
            ChildParentFactory(child=child, other_parent_name=f"Other {index}")
            ChildCircumstanceFactory(child=child, lives_with="both_parents")
            ChildCircumstanceFactory(
                child=child,
                lives_with="one_parent",
                lives_with_parent=link,
                from_date=datetime.date(2026, 2, 1),
            )


@pytest.mark.parametrize("via", ["section", "page"])
def test_the_query_count_does_not_grow_with_children(client_for, pa, hillford, via):
    with scope(council=hillford.pk):
        one, ten = ParentFactory(council=hillford), ParentFactory(council=hillford)
    _make_children(one, 1)
    _make_children(ten, 10)
    client = client_for(pa)
    request = RequestFactory().get("/")
    request.user = pa

    def count(parent):
        with CaptureQueriesContext(connection) as queries:
            if via == "page":
                assert "With this parent" in _section(_page(client, parent))
            else:
                with scope(council=hillford.pk):
                    rows = children_section(request, parent)["children_rows"]
                assert {row.home for row in rows} == {"With this parent"}
        return len(queries)

    count(one)  # warm caches (permissions, sessions)
    assert count(one) == count(ten)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, "0 days"), (1, "1 day"), (13, "13 days"), (20, "2 weeks"), (70, "2 months")],
)
def test_age_in_words(days, expected):
    born = datetime.date(2026, 1, 10)
    assert age_in_words(born, born + datetime.timedelta(days=days)) == expected


def test_age_in_words_counts_years_from_the_second_birthday():
    born = datetime.date(2023, 5, 17)
    assert age_in_words(born, datetime.date(2025, 5, 16)) == "23 months"
    assert age_in_words(born, datetime.date(2025, 5, 17)) == "2 years"
