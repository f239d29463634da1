"""What the living-apart records add elsewhere: the parent page, the portal, subject access."""

import datetime

import pytest
from django.db import connection, reset_queries
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.apart.contributions import parent_section, portal_panel, subject_access
from parent_charter.core.registries import portal_sections
from parent_charter.core.registries import subject_access as portal_subject_access
from tests.factories import ChildCircumstanceFactory, ChildFactory, ChildParentFactory
from tests.helpers import events, today

from .factories import (
    ContactArrangementFactory,
    CostClaimFactory,
    GriefSupportOfferFactory,
    LetterBoxExchangeFactory,
    ProceedingFactory,
    ReceiptFactory,
    child_apart,
)
from .helpers import make


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _parent_page(client, parent) -> str:
    response = client.get(f"/staff/parents/{parent.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str) -> str:
    start = body.index('id="living-apart"')
    return body[start : body.index("</section>", start)]


def _story(parent):
    """A child in foster care with visits next week and a letter due, as the demo has."""
    council = parent.council
    with scope(council=council.pk):
        child = child_apart(parent)
        visits = ContactArrangementFactory(
            parent=parent,
            child=child,
            next_date=today() + datetime.timedelta(days=4),
            next_place="Family contact centre",
        )
        letters = ContactArrangementFactory(parent=parent, child=child, kind="letter_box")
        LetterBoxExchangeFactory(arrangement=letters, due_on=today() + datetime.timedelta(days=9))
        LetterBoxExchangeFactory(
            arrangement=letters,
            due_on=today() - datetime.timedelta(days=90),
            sent_on=today() - datetime.timedelta(days=91),
        )
    return child, visits


def test_the_parent_page_shows_the_next_dates_per_child(client_for, pa, hillford_parent):
    _story(hillford_parent)
    section = _section(_parent_page(client_for(pa), hillford_parent))
    next_visit = (today() + datetime.timedelta(days=4)).strftime("%-d %B %Y")
    next_letter = (today() + datetime.timedelta(days=9)).strftime("%-d %B %Y")
    assert "Freya" in section and "In foster or residential care" in section
    assert next_visit in section and "Family contact centre" in section
    assert f"Due by {next_letter}" in section and "Overdue" not in section
    assert f"/staff/living-apart/parent/{hillford_parent.public_id}/" in section
    # The page records one view of the parent; the section adds none.
    assert events("apart.page.viewed") == []
    assert len(events("parent.viewed")) == 1


def test_an_unsent_letter_past_its_date_is_marked_overdue(client_for, pa, hillford_parent):
    letters = make(
        hillford_parent.council,
        ContactArrangementFactory,
        parent=hillford_parent,
        kind="letter_box",
    )
    make(
        hillford_parent.council,
        LetterBoxExchangeFactory,
        arrangement=letters,
        due_on=today() - datetime.timedelta(days=2),
    )
    assert "Overdue" in _section(_parent_page(client_for(pa), hillford_parent))


def test_a_child_apart_without_an_arrangement_is_flagged(client_for, assessor, hillford_parent):
    make(hillford_parent.council, child_apart, parent=hillford_parent, lives_with="adopted")
    section = _section(_parent_page(client_for(assessor), hillford_parent))
    assert "No arrangement recorded" in section


def test_no_section_when_every_child_lives_with_the_parent(client_for, pa, hillford_parent):
    with scope(council=hillford_parent.council_id):
        child = ChildFactory(council=hillford_parent.council, due_date=None, date_of_birth=today())
        ChildParentFactory(child=child, parent=hillford_parent)
        ChildCircumstanceFactory(child=child, lives_with="both_parents")
    assert 'id="living-apart"' not in _parent_page(client_for(pa), hillford_parent)


@pytest.mark.parametrize("panel", ["section", "portal"])
def test_the_section_and_panel_cost_the_same_queries_for_many_children(pa, hillford, panel):
    from tests.factories import ParentFactory

    with scope(council=hillford.pk):
        one, many = ParentFactory(council=hillford), ParentFactory(council=hillford)
    _story(one)
    for _ in range(5):
        _story(many)
    request = _request(pa)
    function = parent_section if panel == "section" else portal_panel

    def count(parent):
        # The query log is a bounded deque: once full, counts read zero. Start empty.
        reset_queries()
        with scope(council=hillford.pk), CaptureQueriesContext(connection) as queries:
            context = function(request, parent)
        return len(queries), len(context["rows"])

    count(one)
    (few, rows_one), (lots, rows_many) = count(one), count(many)
    assert (rows_one, rows_many) == (1, 5)
    assert few == lots and few > 0


def test_the_portal_panel_shows_only_for_a_parent_living_apart(pa, hillford, hillford_parent):
    request = _request(pa)
    with scope(council=hillford.pk):
        assert portal_panel(request, hillford_parent) is None
    _story(hillford_parent)
    with scope(council=hillford.pk):
        context = portal_panel(request, hillford_parent)
    [row] = context["rows"]
    assert row.label == "Freya"
    assert row.next_contact.next_date == today() + datetime.timedelta(days=4)
    assert row.next_letter.due_on == today() + datetime.timedelta(days=9)


def test_the_portal_panel_and_exporter_are_registered():
    assert portal_sections._SECTIONS["living_apart"].order == 40
    assert portal_sections._SECTIONS["living_apart"].context is portal_panel
    assert portal_subject_access._EXPORTERS["living_apart"] == (40, subject_access)


def test_the_portal_panel_template_reads_well(pa, hillford, hillford_parent):
    from django.template.loader import render_to_string

    _story(hillford_parent)
    with scope(council=hillford.pk):
        context = portal_panel(_request(pa), hillford_parent)
    html = render_to_string("apart/portal_panel.html", {"section": context})
    assert "Seeing your child" in html and "Freya" in html
    assert "Family contact centre" in html
    assert (today() + datetime.timedelta(days=9)).strftime("Due by %-d %B %Y") in html


def test_subject_access_holds_the_parents_records_but_not_other_peoples_names(
    pa, manager, hillford, hillford_parent
):
    child, visits = _story(hillford_parent)
    with scope(council=hillford.pk):
        claim = CostClaimFactory(parent=hillford_parent, arrangement=visits, claimed_by=pa)
        ReceiptFactory(claim=claim)
        ProceedingFactory(
            parent=hillford_parent,
            child=child,
            supporters=["adviser", "other"],
            other_supporter="Auntie Carol Jones",
            outcome="Next hearing in May",
        )
        GriefSupportOfferFactory(parent=hillford_parent, notes="Would like a peer group")
        parts = subject_access(hillford_parent)
    titles = [str(part.title) for part in parts]
    assert titles == [
        "Keeping in touch with your child",
        "Letter-box contact",
        "Claims for the costs of contact",
        "Hearings and meetings",
        "Support with grief and loss",
    ]
    text = repr([(part.records, part.withheld) for part in parts])
    assert "Family contact centre" in text and "£7.40" in text and "bus-ticket.png" in text
    assert "Next hearing in May" in text and "Would like a peer group" in text
    assert "someone else you chose" in text
    # Third-party names are left out, and each part that left something out says so.
    for name in ("Auntie Carol Jones", "Contact centre team", "Adoption agency"):
        assert name not in text
    withheld = {str(part.title): part.withheld for part in parts}
    assert "left out" in withheld["Keeping in touch with your child"]
    assert "left out" in withheld["Hearings and meetings"]
    assert "left out" in withheld["Letter-box contact"]


def test_subject_access_is_empty_for_a_parent_with_nothing_recorded(hillford, hillford_parent):
    with scope(council=hillford.pk):
        assert subject_access(hillford_parent) == []


def test_the_parent_sees_the_panel_on_their_portal_home(client_for, parent_user, hillford_parent):
    client = client_for(parent_user)
    home = client.get("/my/")
    assert home.status_code == 200
    assert "Seeing your child" not in home.content.decode()
    _story(hillford_parent)
    body = client.get("/my/").content.decode()
    panel = body[body.index('id="seeing-your-child"') :]
    assert "Freya" in panel and "Family contact centre" in panel
    assert "Contact centre team" not in panel, "who supervises is not shown to the parent"


def test_the_parent_reads_their_living_apart_records_in_their_information(
    client_for, parent_user, hillford_parent
):
    _story(hillford_parent)
    body = client_for(parent_user).get("/my/my-information/").content.decode()
    assert "Keeping in touch with your child" in body and "Letter-box contact" in body
    assert "Family contact centre" in body
    assert "Contact centre team" not in body and "are left out" in body
