"""The parent's side: their concerns in the portal, acknowledging the summary, the panel on their
home page, and their subject-access export. The name of whoever raised a concern never shows."""

import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from parent_charter.concerns import contributions, services_summary
from parent_charter.concerns.contributions import subject_access_export
from parent_charter.concerns.models import ConcernSummary
from parent_charter.core.registries.subject_access import export_for
from parent_charter.notifications.models import StaffNotification
from parent_charter.plans.services_items import add_support_item
from tests.helpers import events
from tests.helpers import page as text

from .factories import (
    ConcernFactory,
    ConcernOfferFactory,
    ConcernRequestFactory,
    ConcernSummaryFactory,
    ParentViewFactory,
)
from .helpers import (
    THIRD_PARTY_NAME,
    portal_user,
    raise_concern,
    second_hillford_parent,
    with_child,
)

INDEX = reverse("concerns_portal:index")
ACKNOWLEDGE = reverse("concerns_portal:acknowledge")


@pytest.fixture
def concern(hillford, hillford_parent, pa):
    with_child(hillford_parent)
    return raise_concern(hillford_parent, pa)


def write_summary(concern, actor, what="The health visitor is worried about missed clinics."):
    with scope(council=concern.council_id):
        return services_summary.summary_write(
            concern=concern,
            actor=actor,
            form_token=uuid.uuid4(),
            what_is_happening=what,
            the_plan="We will meet on Monday and plan the next clinic visit together.",
        )


def test_the_parent_reads_the_summary_and_acknowledges_it(
    client_for, parent_user, pa, hillford, concern
):
    summary = write_summary(concern, pa)
    client = client_for(parent_user)
    response = client.get(INDEX)
    assert response.status_code == 200
    page = text(response)
    assert "The health visitor is worried about missed clinics." in page
    assert "I have read this" in page
    assert events("concern.portal.viewed")[-1].actor == parent_user

    response = client.post(ACKNOWLEDGE, {"summary": str(summary.public_id)})
    assert response["Location"] == INDEX
    with scope(council=hillford.pk):
        summary.refresh_from_db()
        assert summary.acknowledged_at is not None
        assert StaffNotification.objects.get(recipient=pa).kind == ("concerns.summary_acknowledged")
    event = events("concern.summary.acknowledged")[-1]
    assert event.actor == parent_user and event.detail == {"version": 1}
    page = text(client.get(INDEX))
    assert "You said you had read this on" in page
    assert "I have read this" not in page
    # Saying so twice changes nothing.
    client.post(ACKNOWLEDGE, {"summary": str(summary.public_id)})
    assert len(events("concern.summary.acknowledged")) == 1


def test_a_new_version_needs_a_new_acknowledgement(client_for, parent_user, pa, hillford, concern):
    first = write_summary(concern, pa)
    client = client_for(parent_user)
    client.post(ACKNOWLEDGE, {"summary": str(first.public_id)})
    second = write_summary(concern, pa, what="After the meeting, the plan has changed.")
    request = RequestFactory().get("/")
    request.user = parent_user
    with scope(council=hillford.pk):
        assert contributions.portal_panel(request, concern.parent)["to_acknowledge"] == 1
    page = text(client.get(INDEX))
    assert "After the meeting, the plan has changed." in page and "I have read this" in page
    # The old version cannot stand in for the new one.
    client.post(ACKNOWLEDGE, {"summary": str(first.public_id)})
    with scope(council=hillford.pk):
        second.refresh_from_db()
        assert second.acknowledged_at is None
    client.post(ACKNOWLEDGE, {"summary": str(second.public_id)})
    with scope(council=hillford.pk):
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.acknowledged_at is not None and second.acknowledged_at is not None
        assert first.acknowledged_at < second.acknowledged_at
        assert contributions.portal_panel(request, concern.parent)["to_acknowledge"] == 0


def test_a_summary_read_online_before_it_was_shared_counts_as_shared(
    client_for, parent_user, pa, hillford, hillford_parent
):
    with_child(hillford_parent)
    with scope(council=hillford.pk):
        summary = ConcernSummaryFactory(concern=ConcernFactory(parent=hillford_parent), number=1)
    client_for(parent_user).post(ACKNOWLEDGE, {"summary": str(summary.public_id)})
    with scope(council=hillford.pk):
        summary.refresh_from_db()
    assert summary.shared_how == "portal" and summary.shared_on is not None


def test_another_parents_summary_is_not_found(
    client_for, parent_user, eastmere_parent_user, hillford, pa, concern
):
    summary = write_summary(concern, pa)
    robin = portal_user(second_hillford_parent(hillford), "robin@parent.example")
    for other in (eastmere_parent_user, robin):
        client = client_for(other)
        assert client.post(ACKNOWLEDGE, {"summary": str(summary.public_id)}).status_code == 404
        page = text(client.get(INDEX))
        assert "The health visitor is worried" not in page
        assert "No concern has been raised about your parenting." in page
    with scope(council=hillford.pk):
        summary.refresh_from_db()
    assert summary.acknowledged_at is None


def test_an_unreadable_summary_id_is_answered_kindly(client_for, parent_user, concern):
    response = client_for(parent_user).post(ACKNOWLEDGE, {"summary": "not-an-id"})
    assert response.status_code == 302
    assert "Choose the summary you have read." in text(client_for(parent_user).get(INDEX))


def test_staff_cannot_use_the_parents_pages(client_for, pa, concern):
    assert client_for(pa).get(INDEX).status_code == 403


def test_the_name_of_who_raised_it_never_reaches_the_parent(
    client_for, parent_user, pa, hillford, hillford_parent, concern
):
    write_summary(concern, pa)
    with scope(council=hillford.pk):
        ConcernOfferFactory(concern=concern, answer="accepted", note="NYAS advocate")
        ConcernRequestFactory(concern=concern, decision="agreed", decided_on=concern.raised_on)
        ParentViewFactory(concern=concern, words="I missed clinic because the bus was late.")
        add_support_item(
            parent=hillford_parent, actor=pa, title="Bus pass for clinic", concern=concern
        )
    page = text(client_for(parent_user).get(INDEX))
    assert THIRD_PARTY_NAME not in page
    assert "Health visitor, Hillford health visiting team" in page
    assert "Bus pass for clinic" in page
    assert "I missed clinic because the bus was late." in page

    with scope(council=hillford.pk):
        parts = [part for part in export_for(hillford_parent) if "Concerns" in str(part.title)]
    assert len(parts) == 1
    part = parts[0]
    exported = repr(part.records)
    assert THIRD_PARTY_NAME not in exported
    assert "The baby was not brought to two booked clinic appointments." in exported
    assert "Bus pass for clinic" in exported
    assert "information about someone else" in part.withheld


def test_the_export_says_nothing_is_withheld_when_no_name_was_recorded(hillford, hillford_parent):
    with scope(council=hillford.pk):
        ConcernFactory(parent=hillford_parent, raised_by_name="", raised_by_role="midwife")
        (part,) = subject_access_export(hillford_parent)
    assert part.withheld == ""
    with scope(council=hillford.pk):
        assert subject_access_export(second_hillford_parent(hillford_parent.council)) == []


NEIGHBOUR = "Neighbour at 3 Oak Court"


@pytest.mark.parametrize(
    "role", ["anonymous", "member_of_public", "family_or_friend", "housing", "other"]
)
def test_a_third_party_reporter_never_reaches_the_parent(
    client_for, parent_user, pa, hillford, hillford_parent, role
):
    """Whichever field the reporter's details were typed in, the parent sees only the kind of
    person: on the concerns page, the information page and both downloads."""
    with_child(hillford_parent)
    concern = raise_concern(
        hillford_parent,
        pa,
        raised_by_role=role,
        raised_by_organisation=NEIGHBOUR,
        raised_by_name="Pat Oakley",
        evidence_what=f"{NEIGHBOUR} heard the baby crying for hours.",
        evidence_source=f"Phone call from {NEIGHBOUR}",
    )
    write_summary(concern, pa, what="Someone was worried the baby was left crying.")
    client = client_for(parent_user)
    for url in (
        INDEX,
        "/my/my-information/",
        "/my/my-information/download.json",
        "/my/my-information/download.html",
    ):
        page = text(client.get(url))
        assert "Oak Court" not in page and "Pat Oakley" not in page, url
        assert str(concern.get_raised_by_role_display()) in page, url
        assert "Someone was worried the baby was left crying." in page, url
    document = text(client.get("/my/my-information/download.json"))
    assert "Anything that could identify them is left out" in document
    # Staff still see everything that was recorded.
    staff_page = text(client_for(pa).get(reverse("concerns:detail", args=[concern.public_id])))
    assert NEIGHBOUR in staff_page


def test_a_professionals_role_and_organisation_are_shown(
    client_for, parent_user, pa, hillford_parent, concern
):
    page = text(client_for(parent_user).get("/my/my-information/download.html"))
    assert "Health visitor, Hillford health visiting team" in page
    assert "The baby was not brought to two booked clinic appointments." in page
    assert "Anything that could identify them" not in page


def test_the_panel_shows_only_for_a_parent_with_a_concern(parent_user, hillford, pa, concern):
    request = RequestFactory().get("/")
    request.user = parent_user
    robin = second_hillford_parent(hillford)
    with scope(council=hillford.pk):
        assert contributions.portal_panel(request, robin) is None
        assert contributions.portal_panel(request, concern.parent) == {
            "open_concerns": 1,
            "to_acknowledge": 0,
        }


def test_the_portal_page_costs_the_same_however_much_is_recorded(
    client_for, parent_user, pa, hillford, hillford_parent
):
    with_child(hillford_parent)
    client = client_for(parent_user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    with scope(council=hillford.pk):
        ConcernSummaryFactory(concern=ConcernFactory(parent=hillford_parent), number=1)
    count()
    few = count()
    with scope(council=hillford.pk):
        for _ in range(4):
            concern = ConcernFactory(parent=hillford_parent)
            for number in (1, 2):
                ConcernSummaryFactory(concern=concern, number=number)
            ConcernOfferFactory(concern=concern)
            ConcernRequestFactory(concern=concern)
            ParentViewFactory(concern=concern)
    assert count() == few
    with scope(council=hillford.pk):
        assert ConcernSummary.objects.filter(concern__parent=hillford_parent).count() == 9
