"""Contact arrangements, sessions and letter-box dates, through the pages advisers use."""

import datetime
import uuid

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from parent_charter.apart.models import (
    ContactArrangement,
    ContactSession,
    GriefFollowUp,
    LetterBoxExchange,
)
from tests.factories import ChildCircumstanceFactory, ChildFactory, ChildParentFactory
from tests.helpers import date_fields, events, today

from .factories import (
    ContactArrangementFactory,
    ContactSessionFactory,
    CostClaimFactory,
    GriefSupportOfferFactory,
    LetterBoxExchangeFactory,
    ProceedingFactory,
    ReceiptFactory,
    child_apart,
)
from .helpers import error_of, fresh, make


@pytest.fixture
def freya(hillford, hillford_parent):
    return make(hillford, child_apart, parent=hillford_parent)


def _page(parent) -> str:
    return f"/staff/living-apart/parent/{parent.public_id}/"


def _add_form(for_child, **overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "child": str(for_child.public_id),
        "kind": "supervised",
        "frequency": "fortnightly",
        **date_fields("next_date", today() + datetime.timedelta(days=10)),
        "next_place": "Family contact centre",
        "arranged_by": "Contact centre support worker",
        **date_fields("started_on", today() - datetime.timedelta(days=30)),
        "notes": "Bring the picture books.",
    }
    data.update(overrides)
    return data


def _arrangements(parent):
    with scopes_disabled():
        return list(ContactArrangement.objects.filter(parent=parent).order_by("pk"))


def test_an_adviser_adds_an_arrangement_for_a_child_in_foster_care(
    client_for, pa, hillford_parent, freya
):
    client = client_for(pa)
    response = client.get(f"{_page(hillford_parent)}arrangements/add/")
    assert response.status_code == 200
    assert "Freya" in response.content.decode()
    assert events("apart.page.viewed")[-1].detail == {"form": "apart.arrangement.add"}

    response = client.post(f"{_page(hillford_parent)}arrangements/add/", _add_form(freya))

    assert response.status_code == 302
    assert response["Location"] == f"{_page(hillford_parent)}#contact"
    [arrangement] = _arrangements(hillford_parent)
    assert (arrangement.child, arrangement.kind, arrangement.frequency) == (
        freya,
        "supervised",
        "fortnightly",
    )
    assert arrangement.next_date == today() + datetime.timedelta(days=10)
    assert arrangement.created_by == pa and arrangement.council == hillford_parent.council
    [event] = events("apart.arrangement.added")
    assert event.actor == pa and event.object_id == str(arrangement.public_id)
    assert event.detail == {"kind": "supervised", "frequency": "fortnightly"}


def test_a_double_submit_adds_one_arrangement(client_for, pa, hillford_parent, freya):
    data, client = _add_form(freya), client_for(pa)
    url = f"{_page(hillford_parent)}arrangements/add/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert len(_arrangements(hillford_parent)) == 1
    assert len(events("apart.arrangement.added")) == 1


def test_a_child_living_with_the_parent_cannot_be_chosen(
    client_for, pa, hillford, hillford_parent, freya
):
    with scope(council=hillford.pk):
        at_home = ChildFactory(council=hillford, due_date=None, date_of_birth=today())
        ChildParentFactory(child=at_home, parent=hillford_parent)
        ChildCircumstanceFactory(child=at_home, lives_with="both_parents")
    response = client_for(pa).post(f"{_page(hillford_parent)}arrangements/add/", _add_form(at_home))
    assert response.status_code == 200
    assert "Select the child" in error_of(response.content.decode(), "child")
    assert _arrangements(hillford_parent) == []


def test_a_parent_with_no_child_apart_is_told_so(client_for, pa, hillford_parent):
    response = client_for(pa).get(f"{_page(hillford_parent)}arrangements/add/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "No child of this parent lives apart from them now" in body
    assert 'name="kind"' not in body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select the kind of contact"),
        ({"kind": "carrier_pigeon"}, "kind", "Select the kind of contact"),
        ({"frequency": ""}, "frequency", "Select how often contact happens"),
        (
            {"next_date_day": "31", "next_date_month": "2", "next_date_year": "2027"},
            "next_date",
            "Enter a real date",
        ),
        (
            date_fields("next_date", today() + datetime.timedelta(days=800)),
            "next_date",
            "within the next 2 years",
        ),
        ({"next_place": "x" * 201}, "next_place", "200 characters or fewer"),
        ({"child": str(uuid.uuid4())}, "child", "Select the child"),
    ],
)
def test_bad_input_is_shown_next_to_the_field(
    client_for, pa, hillford_parent, freya, overrides, field, message
):
    response = client_for(pa).post(
        f"{_page(hillford_parent)}arrangements/add/", _add_form(freya, **overrides)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in error_of(body, field)
    assert "Bring the picture books." in body, "what was typed is kept"
    assert _arrangements(hillford_parent) == []


def _edit_form(arrangement, **overrides):
    data = {
        "version": str(arrangement.version),
        "kind": arrangement.kind,
        "frequency": arrangement.frequency,
        **date_fields("next_date", arrangement.next_date),
        "next_place": arrangement.next_place,
        "arranged_by": arrangement.arranged_by,
        **date_fields("started_on", arrangement.started_on),
        **date_fields("ended_on", arrangement.ended_on),
        "notes": arrangement.notes,
    }
    data.update(overrides)
    return data


def test_ending_an_arrangement_keeps_it_with_its_end_date(client_for, pa, hillford_parent):
    arrangement = make(hillford_parent.council, ContactArrangementFactory, parent=hillford_parent)
    url = f"/staff/living-apart/arrangements/{arrangement.public_id}/edit/"
    response = client_for(pa).post(
        url, _edit_form(arrangement, **date_fields("ended_on", today()), notes="Moved away")
    )
    assert response.status_code == 302
    saved = fresh(arrangement)
    assert saved.ended_on == today() and saved.notes == "Moved away" and saved.version == 2
    [event] = events("apart.arrangement.updated")
    assert event.detail == {"fields": ["ended_on", "notes"], "ended": True}


def test_an_ended_arrangement_cannot_keep_a_later_next_date(client_for, pa, hillford_parent):
    arrangement = make(
        hillford_parent.council,
        ContactArrangementFactory,
        parent=hillford_parent,
        next_date=today() + datetime.timedelta(days=3),
    )
    response = client_for(pa).post(
        f"/staff/living-apart/arrangements/{arrangement.public_id}/edit/",
        _edit_form(arrangement, **date_fields("ended_on", today())),
    )
    assert response.status_code == 200
    assert "has no next date" in error_of(response.content.decode(), "next_date")
    assert fresh(arrangement).ended_on is None


def test_a_concurrent_edit_is_shown_and_nothing_is_overwritten(
    client_for, pa, manager, hillford_parent
):
    arrangement = make(hillford_parent.council, ContactArrangementFactory, parent=hillford_parent)
    url = f"/staff/living-apart/arrangements/{arrangement.public_id}/edit/"
    first = client_for(manager).post(url, _edit_form(arrangement, next_place="Library"))
    assert first.status_code == 302
    second = client_for(pa).post(url, _edit_form(arrangement, next_place="Leisure centre"))
    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed this record" in body
    assert "Library" in body and "Leisure centre" in body
    assert fresh(arrangement).next_place == "Library"


def _session_form(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        **date_fields("held_on", today() - datetime.timedelta(days=1)),
        "outcome": "cancelled_placement",
        "notes": "The carer's car broke down.",
    }
    data.update(overrides)
    return data


def test_sessions_are_logged_with_who_cancelled(client_for, pa, hillford_parent):
    arrangement = make(hillford_parent.council, ContactArrangementFactory, parent=hillford_parent)
    url = f"/staff/living-apart/arrangements/{arrangement.public_id}/sessions/add/"
    response = client_for(pa).post(url, _session_form())
    assert response.status_code == 302
    with scopes_disabled():
        [session] = ContactSession.objects.filter(arrangement=arrangement)
    assert session.outcome == "cancelled_placement" and session.recorded_by == pa
    assert events("apart.session.logged")[0].detail["outcome"] == "cancelled_placement"
    page = client_for(pa).get(_page(hillford_parent)).content.decode()
    assert "Cancelled by the child&#x27;s placement" in page
    assert "The carer&#x27;s car broke down." in page


def test_a_session_cannot_have_taken_place_in_the_future(client_for, pa, hillford_parent):
    arrangement = make(hillford_parent.council, ContactArrangementFactory, parent=hillford_parent)
    url = f"/staff/living-apart/arrangements/{arrangement.public_id}/sessions/add/"
    tomorrow = date_fields("held_on", today() + datetime.timedelta(days=1))
    refused = client_for(pa).post(url, _session_form(outcome="attended", **tomorrow))
    assert "today or in the past" in error_of(refused.content.decode(), "held_on")
    # A cancellation may be known in advance.
    assert client_for(pa).post(url, _session_form(**tomorrow)).status_code == 302


def test_letter_box_has_no_sessions_and_visits_have_no_letters(client_for, pa, hillford_parent):
    visits = make(hillford_parent.council, ContactArrangementFactory, parent=hillford_parent)
    letters = make(
        hillford_parent.council,
        ContactArrangementFactory,
        parent=hillford_parent,
        child=visits.child,
        kind="letter_box",
    )
    client = client_for(pa)
    assert (
        client.get(
            f"/staff/living-apart/arrangements/{letters.public_id}/sessions/add/"
        ).status_code
        == 404
    )
    assert (
        client.get(f"/staff/living-apart/arrangements/{visits.public_id}/letters/add/").status_code
        == 404
    )


def test_a_letter_box_date_is_added_then_marked_sent(client_for, pa, hillford_parent):
    letters = make(
        hillford_parent.council,
        ContactArrangementFactory,
        parent=hillford_parent,
        kind="letter_box",
    )
    client = client_for(pa)
    due = today() + datetime.timedelta(days=20)
    response = client.post(
        f"/staff/living-apart/arrangements/{letters.public_id}/letters/add/",
        {
            "form_token": str(uuid.uuid4()),
            **date_fields("due_on", due),
            **date_fields("sent_on", None),
            **date_fields("received_on", None),
            "goes_through": "Adoption agency",
            "notes": "",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        [exchange] = LetterBoxExchange.objects.filter(arrangement=letters)
    assert exchange.due_on == due and exchange.sent_on is None
    response = client.post(
        f"/staff/living-apart/letters/{exchange.public_id}/edit/",
        {
            "version": "1",
            **date_fields("due_on", due),
            **date_fields("sent_on", today()),
            **date_fields("received_on", None),
            "goes_through": "Adoption agency",
            "notes": "Sent with two drawings.",
        },
    )
    assert response.status_code == 302
    assert fresh(exchange).sent_on == today()
    assert [e.detail for e in events("apart.letter_box.updated")] == [
        {"fields": ["notes", "sent_on"]}
    ]


def test_the_page_is_audited_and_shows_everything_per_child(
    client_for, assessor, hillford_parent, freya
):
    council = hillford_parent.council
    visits = make(council, ContactArrangementFactory, parent=hillford_parent, child=freya)
    letters = make(
        council, ContactArrangementFactory, parent=hillford_parent, child=freya, kind="letter_box"
    )
    make(council, ContactSessionFactory, arrangement=visits, notes="Lovely visit")
    make(council, LetterBoxExchangeFactory, arrangement=letters, due_on=today())
    response = client_for(assessor).get(_page(hillford_parent))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Freya" in body and "Supervised" in body and "Letter-box" in body
    assert "Lovely visit" in body and "Not sent yet" in body
    # A social worker reads, but neither records nor sees claims.
    assert "Add a contact arrangement" not in body and 'id="money"' not in body
    [event] = events("apart.page.viewed")
    assert event.actor == assessor and event.object_id == str(hillford_parent.public_id)


def test_another_councils_parent_is_not_found(client_for, pa, eastmere_parent):
    assert client_for(pa).get(_page(eastmere_parent)).status_code == 404


def _fill(parent, children: int, claimant):
    council = parent.council
    with scope(council=council.pk):
        for index in range(children):
            child = child_apart(parent, name=f"Child{index}")
            visits = ContactArrangementFactory(parent=parent, child=child)
            letters = ContactArrangementFactory(parent=parent, child=child, kind="letter_box")
            for day in range(3):
                ContactSessionFactory(arrangement=visits, held_on=datetime.date(2026, 1, day + 1))
                LetterBoxExchangeFactory(
                    arrangement=letters, due_on=datetime.date(2026, 2, day + 1)
                )
            claim = CostClaimFactory(parent=parent, arrangement=visits, claimed_by=claimant)
            ReceiptFactory(claim=claim)
            CostClaimFactory(parent=parent, claimed_by=claimant)
            ProceedingFactory(parent=parent, child=child)
            offer = GriefSupportOfferFactory(parent=parent)
            GriefFollowUp.objects.create(
                council=council, offer=offer, on=datetime.date(2026, 5, 1), note="Asked again"
            )


def test_the_page_costs_the_same_queries_however_much_is_on_it(client_for, pa, hillford):
    from tests.factories import ParentFactory

    with scope(council=hillford.pk):
        small, large = ParentFactory(council=hillford), ParentFactory(council=hillford)
    _fill(small, 1, pa)
    _fill(large, 6, pa)
    client = client_for(pa)
    client.get(_page(small))  # warm the session and permission caches

    def count(parent):
        # The query log is a bounded deque: once full, counts read zero. Start empty.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_page(parent)).status_code == 200
        return len(queries)

    small_count = count(small)
    assert small_count == count(large) and small_count > 0
