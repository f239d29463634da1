"""The staff pages of concerns: who may use them, what they record and audit, bad input, edit
conflicts and query counts."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from parent_charter.concerns import contributions, selectors, services, services_rights
from parent_charter.concerns.models import Concern, ConcernOffer, ConcernRequest, ParentView
from parent_charter.notifications.models import ParentNotice, StaffNotification
from parent_charter.plans.models import ItemSource, PlanItem
from parent_charter.plans.services_items import add_support_item
from tests.factories import ParentFactory
from tests.helpers import date_fields, events, today
from tests.helpers import page as text

from .factories import (
    ConcernFactory,
    ConcernOfferFactory,
    ConcernRequestFactory,
    ConcernSummaryFactory,
    ParentViewFactory,
)
from .helpers import THIRD_PARTY_NAME, portal_user, raise_concern, with_child


def url(name, *args):
    return reverse(f"concerns:{name}", args=args)


def raise_form(**overrides) -> dict:
    data = {
        "form_token": str(uuid.uuid4()),
        "raised_by_role": "midwife",
        "raised_by_organisation": "Hillford maternity unit",
        "raised_by_name": THIRD_PARTY_NAME,
        **date_fields("raised_on", today()),
        "evidence_what": "Missed the last three antenatal appointments.",
        **date_fields("evidence_when", today() - datetime.timedelta(days=2)),
        "evidence_source": "Maternity unit appointment records",
    }
    data.update(overrides)
    return data


@pytest.fixture
def concern(hillford, hillford_parent, pa):
    with_child(hillford_parent)
    return raise_concern(hillford_parent, pa)


# --- Raising a concern --------------------------------------------------------------------------


def test_a_social_worker_raises_a_concern_and_the_adviser_is_told(
    client_for, assessor, pa, hillford, hillford_parent
):
    with_child(hillford_parent)
    page = client_for(assessor).get(url("create", hillford_parent.public_id))
    assert page.status_code == 200
    assert "Record a concern" in text(page)
    assert events("parent.viewed")[-1].detail == {"form": "concern.raise"}
    data = raise_form()
    response = client_for(assessor).post(url("create", hillford_parent.public_id), data)
    with scope(council=hillford.pk):
        concern = Concern.objects.get()
        assert response["Location"] == url("detail", concern.public_id)
        assert concern.raised_by_name == THIRD_PARTY_NAME
        assert concern.status == "open" and concern.recorded_by == assessor
        notice = StaffNotification.objects.get(recipient=pa)
        assert notice.kind == "concerns.raised"
        assert notice.url == url("detail", concern.public_id)
    event = events("concern.raised")[-1]
    assert event.actor == assessor
    assert event.detail == {
        "parent": str(hillford_parent.public_id),
        "raised_by_role": "midwife",
        "named": True,
    }
    # Sent again (a double click): nothing is added twice.
    again = client_for(assessor).post(url("create", hillford_parent.public_id), data)
    assert again["Location"] == url("detail", concern.public_id)
    with scope(council=hillford.pk):
        assert Concern.objects.count() == 1


def test_the_adviser_is_not_told_of_their_own_concern(client_for, pa, hillford, hillford_parent):
    client_for(pa).post(url("create", hillford_parent.public_id), raise_form())
    with scope(council=hillford.pk):
        assert Concern.objects.count() == 1
        assert not StaffNotification.objects.exists()


def test_a_concern_without_evidence_is_refused_next_to_the_fields(client_for, pa, hillford_parent):
    response = client_for(pa).post(
        url("create", hillford_parent.public_id),
        raise_form(
            evidence_what="   ",
            evidence_source="",
            raised_by_role="",
            **date_fields("raised_on", today() + datetime.timedelta(days=1)),
            **date_fields("evidence_when", None),
        ),
    )
    assert response.status_code == 200
    page = text(response)
    for message in (
        "Enter what was seen or reported",
        "Enter where the information came from",
        "Select who raised the concern",
        "The date must be today or in the past",
        "Enter when it was seen or happened",
    ):
        assert message in page
    assert 'class="govuk-error-summary"' in page
    assert "No child is recorded for this parent." in page
    with scope(council=hillford_parent.council_id):
        assert not Concern.objects.exists()


def test_evidence_cannot_come_after_the_concern(client_for, pa, hillford_parent):
    response = client_for(pa).post(
        url("create", hillford_parent.public_id),
        raise_form(
            **date_fields("raised_on", today() - datetime.timedelta(days=5)),
            **date_fields("evidence_when", today()),
        ),
    )
    assert "The date must be on or before the date the concern was raised" in text(response)


def test_roles_that_cannot_raise_a_concern(client_for, partner_worker, analyst, hillford_parent):
    for user in (partner_worker, analyst):
        assert client_for(user).get(url("create", hillford_parent.public_id)).status_code == 403
    assert events("access.denied")[-1].detail["permission"] == "concerns.change_concern"


def test_another_councils_parent_is_not_found(client_for, pa, eastmere_parent):
    response = client_for(pa).post(url("create", eastmere_parent.public_id), raise_form())
    assert response.status_code == 404


# --- The concern page --------------------------------------------------------------------------


def test_the_concern_page_shows_everything_to_staff_and_is_audited(
    client_for, assessor, pa, hillford, concern
):
    with scope(council=hillford.pk):
        ConcernSummaryFactory(concern=concern, number=1, shared_on=today(), shared_how="phone")
        ConcernOfferFactory(concern=concern, answer="declined", answered_on=today())
        ConcernRequestFactory(
            concern=concern,
            decision="refused",
            reasons="Recording equipment is not allowed at the family centre.",
            decided_by_name="Morgan Manager",
            decided_on=today(),
        )
        ParentViewFactory(concern=concern, words="I want to be judged on how I am now.")
    response = client_for(assessor).get(url("detail", concern.public_id))
    assert response.status_code == 200
    page = text(response)
    assert THIRD_PARTY_NAME in page
    assert "Not shown to the parent" in page
    assert "The baby was not brought to two booked clinic appointments." in page
    assert "Recording equipment is not allowed at the family centre." in page
    assert "I want to be judged on how I am now." in page
    assert "Summary version 1 shared with the parent: By phone" in page  # the timeline
    event = events("concern.viewed")[-1]
    assert event.actor == assessor and event.object_id == str(concern.public_id)
    assert event.detail == {}


def test_the_concern_page_costs_the_same_however_much_is_recorded(
    client_for, pa, hillford, hillford_parent, concern
):
    with scope(council=hillford.pk):
        bare = ConcernFactory(parent=hillford_parent)
        for number in range(1, 6):
            ConcernSummaryFactory(concern=concern, number=number)
            ConcernOfferFactory(concern=concern, answer="accepted", answered_on=today())
            ConcernRequestFactory(concern=concern)
            ParentViewFactory(concern=concern)
            add_support_item(
                parent=hillford_parent, actor=pa, title=f"Support {number}", concern=concern
            )
    client = client_for(pa)

    def count(record):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("detail", record.public_id)).status_code == 200
        return len(queries)

    count(bare)
    assert count(bare) == count(concern)


def test_an_accepted_offer_links_to_the_referral(client_for, pa, hillford, concern):
    with scope(council=hillford.pk):
        ConcernOfferFactory(concern=concern, kind="legal_advice", answer="accepted")
        ConcernOfferFactory(concern=concern, kind="advocacy", answer="not_yet_decided")
    page = text(client_for(pa).get(url("detail", concern.public_id)))
    referral = reverse("referrals:create", kwargs={"parent_id": concern.parent.public_id})
    assert f"{referral}?kind=legal_advice" in page
    assert f"{referral}?kind=advocacy" not in page
    assert "Make the referral for legal advice" in page


def test_the_referral_link_waits_for_the_referrals_page(hillford_parent, monkeypatch):
    from django.urls import NoReverseMatch

    def missing(*args, **kwargs):
        raise NoReverseMatch("referrals:create")

    monkeypatch.setattr(selectors, "reverse", missing)
    assert selectors.referral_url(hillford_parent, "advocacy") == ""


def test_another_councils_concern_is_not_found(client_for, other_pa, concern):
    for name in ("detail", "edit", "close", "summary", "offer_add", "view_add", "support_add"):
        assert client_for(other_pa).get(url(name, concern.public_id)).status_code == 404


# --- Changing and closing ---------------------------------------------------------------------


def edit_form(concern, **overrides) -> dict:
    data = {
        "version": str(concern.version),
        "status": concern.status,
        "raised_by_role": concern.raised_by_role,
        "raised_by_organisation": concern.raised_by_organisation,
        "raised_by_name": concern.raised_by_name,
        **date_fields("raised_on", concern.raised_on),
        "evidence_what": concern.evidence_what,
        **date_fields("evidence_when", concern.evidence_when),
        "evidence_source": concern.evidence_source,
    }
    data.update(overrides)
    return data


def test_editing_saves_and_audits_changed_fields(client_for, manager, hillford, concern):
    response = client_for(manager).post(
        url("edit", concern.public_id),
        edit_form(concern, status="under_assessment", evidence_source="Health visitor's notes"),
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        concern.refresh_from_db()
    assert concern.status == "under_assessment" and concern.version == 2
    # Saved again unchanged: nothing is written and the worker is told so.
    with scope(council=hillford.pk):
        concern.refresh_from_db()
    client_for(manager).post(url("edit", concern.public_id), edit_form(concern))
    assert len(events("concern.updated")) == 1
    assert "Nothing was changed" in text(client_for(manager).get(url("detail", concern.public_id)))
    assert events("concern.updated")[-1].detail == {
        "fields": ["evidence_source", "status"],
        "status": "under_assessment",
    }


def test_an_edit_made_meanwhile_is_shown_not_overwritten(
    client_for, pa, manager, hillford, concern
):
    stale = edit_form(concern, evidence_source="My version")
    client_for(manager).post(
        url("edit", concern.public_id), edit_form(concern, evidence_source="Their version")
    )
    response = client_for(pa).post(url("edit", concern.public_id), stale)
    assert response.status_code == 200
    page = text(response)
    assert "Someone else changed this record while you were editing it" in page
    assert "Their version" in page and "My version" in page
    with scope(council=hillford.pk):
        concern.refresh_from_db()
    assert concern.evidence_source == "Their version"


def test_closing_needs_an_outcome_and_a_date_after_raising(client_for, pa, hillford, concern):
    response = client_for(pa).post(
        url("close", concern.public_id),
        {
            "version": str(concern.version),
            "outcome": "other",
            "outcome_detail": "",
            **date_fields("closed_on", concern.raised_on - datetime.timedelta(days=1)),
        },
    )
    page = text(response)
    assert "Say what the outcome was" in page
    assert "when it was raised" in page
    response = client_for(pa).post(
        url("close", concern.public_id),
        {
            "version": str(concern.version),
            "outcome": "support_agreed",
            "outcome_detail": "Housing support and a course agreed.",
            **date_fields("closed_on", today()),
        },
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        concern.refresh_from_db()
    assert concern.status == "closed" and concern.closed_by == pa
    assert concern.outcome == "support_agreed" and concern.closed_on == today()
    # A closed concern's record is kept as it was closed.
    response = client_for(pa).get(url("edit", concern.public_id))
    assert response.status_code == 302
    assert client_for(pa).get(url("close", concern.public_id)).status_code == 302
    with scope(council=hillford.pk), pytest.raises(services.ConcernClosed):
        services.concern_update(
            concern=concern, actor=pa, expected_version=concern.version, status="open"
        )


# --- The summary ------------------------------------------------------------------------------


def test_a_summary_for_a_parent_without_an_account_is_shared_by_the_adviser(
    client_for, pa, hillford, concern
):
    form = client_for(pa).get(url("summary", concern.public_id))
    assert "How to write it in plain words" in text(form)
    assert events("concern.viewed")[-1].detail == {"form": "concern.summary"}
    client_for(pa).post(
        url("summary", concern.public_id),
        {
            "form_token": str(uuid.uuid4()),
            "what_is_happening": "The midwife is worried about missed appointments.",
            "the_plan": "We will find times that suit you and pay your bus fares.",
        },
    )
    with scope(council=hillford.pk):
        summary = concern.summaries.get()
        assert summary.number == 1 and not summary.is_shared
        assert not ParentNotice.objects.exists()
    page = text(client_for(pa).get(url("detail", concern.public_id)))
    shared_url = url("summary_shared", concern.public_id, summary.public_id)
    assert "Not yet shared" in page and shared_url in page

    response = client_for(pa).post(
        shared_url, {**date_fields("shared_on", today()), "shared_how": "", "shared_note": ""}
    )
    assert "Select how you shared it" in text(response)
    response = client_for(pa).post(
        shared_url,
        {**date_fields("shared_on", today()), "shared_how": "in_person", "shared_note": "At home"},
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        summary.refresh_from_db()
        assert summary.shared_how == "in_person" and summary.shared_recorded_by == pa
        assert ParentNotice.objects.get().kind == "concerns.summary_shared"
    assert events("concern.summary.shared")[-1].detail == {"version": 1, "how": "in_person"}
    # Recorded once only.
    assert client_for(pa).get(shared_url).status_code == 302


def test_a_new_version_is_shared_online_with_a_parent_who_has_an_account(
    client_for, pa, hillford, hillford_parent, concern
):
    portal_user(hillford_parent, "jamie.online@parent.example")
    for what in ("First version.", "Second version, after the meeting."):
        client_for(pa).post(
            url("summary", concern.public_id),
            {"form_token": str(uuid.uuid4()), "what_is_happening": what, "the_plan": "The plan."},
        )
    with scope(council=hillford.pk):
        first, second = concern.summaries.order_by("number")
        assert (first.number, second.number) == (1, 2)
        assert second.shared_how == "portal" and second.shared_on == today()
        assert ParentNotice.objects.filter(kind="concerns.summary_shared").count() == 2
    assert [e.detail["version"] for e in events("concern.summary.written")] == [1, 2]
    # The form for a new version starts from the latest.
    assert "Second version, after the meeting." in text(
        client_for(pa).get(url("summary", concern.public_id))
    )


def test_a_summary_needs_both_parts(client_for, pa, concern):
    response = client_for(pa).post(
        url("summary", concern.public_id),
        {"form_token": str(uuid.uuid4()), "what_is_happening": "", "the_plan": " "},
    )
    assert "Say what is happening" in text(response)
    assert "Say what the plan is" in text(response)


# --- Offers, requests, views, support ---------------------------------------------------------


def test_offers_are_recorded_and_answered_later(client_for, pa, hillford, concern):
    response = client_for(pa).post(
        url("offer_add", concern.public_id),
        {
            "form_token": str(uuid.uuid4()),
            "kind": "advocacy",
            **date_fields("offered_on", today()),
            "answer": "not_yet_decided",
            **date_fields("answered_on", None),
            "note": "Wants to think about it",
        },
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        offer = ConcernOffer.objects.get()
        assert offer.answered_on is None
    assert events("concern.offer.recorded")[-1].detail == {
        "offer": str(offer.public_id),
        "kind": "advocacy",
        "answer": "not_yet_decided",
    }
    answer_url = url("offer_answer", concern.public_id, offer.public_id)
    response = client_for(pa).post(
        answer_url,
        {
            "version": str(offer.version),
            "answer": "accepted",
            **date_fields("answered_on", None),
            "note": "Wants NYAS",
        },
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        offer.refresh_from_db()
    assert offer.answer == "accepted" and offer.answered_on == today()
    assert events("concern.offer.updated")[-1].detail["answer"] == "accepted"
    # A stale answer form is shown the saved answer, not written over it.
    response = client_for(pa).post(
        answer_url,
        {"version": "1", "answer": "declined", **date_fields("answered_on", None), "note": ""},
    )
    assert "Someone else changed this record" in text(response)


def test_an_offer_from_another_concern_is_not_found(client_for, pa, hillford, concern):
    with scope(council=hillford.pk):
        elsewhere = ConcernOfferFactory(concern=ConcernFactory(parent=concern.parent))
    response = client_for(pa).get(url("offer_answer", concern.public_id, elsewhere.public_id))
    assert response.status_code == 404


def test_a_refusal_needs_reasons_and_the_parent_is_told(client_for, manager, hillford, concern):
    client_for(manager).post(
        url("request_add", concern.public_id),
        {
            "form_token": str(uuid.uuid4()),
            "kind": "independent_social_worker",
            "detail": "",
            **date_fields("requested_on", today()),
            "asked_by": "advocate",
        },
    )
    with scope(council=hillford.pk):
        record = ConcernRequest.objects.get()
    assert events("concern.request.recorded")[-1].detail["asked_by"] == "advocate"
    decide_url = url("request_decide", concern.public_id, record.public_id)
    assert text(client_for(manager).get(decide_url)).count("Morgan Manager") >= 1
    base = {
        "version": str(record.version),
        "decided_by_name": "Morgan Manager, team manager",
        **date_fields("decided_on", today()),
    }
    response = client_for(manager).post(decide_url, {**base, "decision": "refused", "reasons": ""})
    assert response.status_code == 200
    assert "Give the reasons for refusing the request" in text(response)
    response = client_for(manager).post(decide_url, {**base, "decision": "partly", "reasons": ""})
    assert "Give the reasons for not agreeing to all of it" in text(response)
    with scope(council=hillford.pk):
        record.refresh_from_db()
        assert record.decision == "pending"
        assert not ParentNotice.objects.exists()
    reasons = "An independent assessment is already booked with another team."
    response = client_for(manager).post(
        decide_url, {**base, "decision": "refused", "reasons": reasons}
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        record.refresh_from_db()
        assert record.decision == "refused" and record.reasons == reasons
        assert record.decision_recorded_by == manager
        assert ParentNotice.objects.get().kind == "concerns.request_refused"
    assert events("concern.request.decided")[-1].detail == {
        "request": str(record.public_id),
        "kind": "independent_social_worker",
        "decision": "refused",
    }
    with scope(council=hillford.pk), pytest.raises(services_rights.ReasonsRequired):
        services_rights.request_decide(
            request=record,
            actor=manager,
            expected_version=record.version,
            decision="refused",
            decided_by_name="x",
            decided_on=today(),
        )


def test_something_else_must_say_what(client_for, pa, concern):
    response = client_for(pa).post(
        url("request_add", concern.public_id),
        {
            "form_token": str(uuid.uuid4()),
            "kind": "other",
            "detail": "",
            **date_fields("requested_on", today()),
            "asked_by": "parent",
        },
    )
    assert "Say what the parent asked for" in text(response)


def test_the_parents_views_are_kept_over_time(client_for, pa, hillford, concern):
    for days, words in ((10, "I am scared they will take my baby."), (1, "The plan feels fair.")):
        client_for(pa).post(
            url("view_add", concern.public_id),
            {
                "form_token": str(uuid.uuid4()),
                "words": words,
                **date_fields("given_on", today() - datetime.timedelta(days=days)),
            },
        )
    with scope(council=hillford.pk):
        assert ParentView.objects.filter(concern=concern).count() == 2
    page = text(client_for(pa).get(url("detail", concern.public_id)))
    assert page.index("The plan feels fair.") < page.index("I am scared they will take my baby.")
    assert len(events("concern.parent_view.recorded")) == 2


def test_support_is_added_to_the_plan_from_the_concern(
    client_for, pa, manager, assessor, hillford, hillford_parent, concern
):
    assert client_for(assessor).get(url("support_add", concern.public_id)).status_code == 403
    response = client_for(pa).post(
        url("support_add", concern.public_id),
        {
            "form_token": str(uuid.uuid4()),
            "area": "mental_health",
            "title": "Counselling with Hillford Mind",
            "detail": "Six sessions, self-referral supported by the adviser.",
            "owner": str(manager.pk),
            **date_fields("due_date", today() + datetime.timedelta(days=30)),
        },
    )
    assert response.status_code == 302
    with scope(council=hillford.pk):
        item = PlanItem.objects.get(source=ItemSource.SUPPORT)
    assert item.concern == concern and item.owner == manager
    assert item.support_area == "mental_health"
    page = text(client_for(pa).get(url("detail", concern.public_id)))
    assert "Counselling with Hillford Mind" in page and "Mental health or counselling" in page
    response = client_for(pa).post(
        url("support_add", concern.public_id),
        {"form_token": str(uuid.uuid4()), "area": "", "title": ""},
    )
    assert "Select the kind of support" in text(response)
    assert "Enter the support in a few words" in text(response)


# --- The council's open concerns, the parent page and the start page --------------------------


def test_managers_see_the_councils_open_concerns_in_a_fixed_number_of_queries(
    client_for, manager, pa, hillford
):
    client = client_for(manager)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("list"))
        assert response.status_code == 200
        return len(queries), text(response)

    with scope(council=hillford.pk):
        first = ConcernFactory(parent=ParentFactory(council=hillford, given_name="Avery"))
        ConcernSummaryFactory(concern=first, number=1, shared_on=today())
        ConcernFactory(
            parent=ParentFactory(council=hillford, given_name="Closedname"),
            status="closed",
            outcome="no_further_action",
            closed_on=today(),
        )
    count()
    few, page = count()
    assert "Avery" in page and "Closedname" not in page
    assert "Shared, not yet acknowledged" in page
    with scope(council=hillford.pk):
        for _index in range(6):
            ConcernFactory(parent=ParentFactory(council=hillford))
    many, _page = count()
    assert few == many
    assert events("concern.list.viewed")[-1].detail == {"shown": 7, "page": 1}
    assert client_for(pa).get(url("list")).status_code == 403


def test_the_start_page_links_managers_to_open_concerns(client_for, manager, pa, hillford):
    with scope(council=hillford.pk):
        ConcernFactory(parent=ParentFactory(council=hillford))
    page = text(client_for(manager).get(reverse("core:dashboard")))
    assert url("list") in page and "Open concerns" in page
    assert url("list") not in text(client_for(pa).get(reverse("core:dashboard")))


def test_the_parent_page_lists_their_concerns(client_for, pa, hillford, hillford_parent, concern):
    with scope(council=hillford.pk):
        other = ConcernFactory(
            parent=hillford_parent,
            status="closed",
            outcome="no_further_action",
            closed_on=today(),
        )
    page = text(client_for(pa).get(reverse("parents:detail", args=[hillford_parent.public_id])))
    section = page[page.index('id="concerns"') :]
    assert url("detail", concern.public_id) in section
    assert url("detail", other.public_id) in section
    assert url("create", hillford_parent.public_id) in section
    assert "No further action" in section


def test_the_parent_page_section_costs_the_same_however_many_concerns(pa, hillford):
    with scope(council=hillford.pk):
        one, many = ParentFactory(council=hillford), ParentFactory(council=hillford)
        ConcernSummaryFactory(concern=ConcernFactory(parent=one), number=1)
        for _ in range(5):
            ConcernSummaryFactory(concern=ConcernFactory(parent=many), number=1)
    request = RequestFactory().get("/")
    request.user = pa

    def count(parent):
        with scope(council=hillford.pk), CaptureQueriesContext(connection) as queries:
            rows = contributions.concerns_section(request, parent)["concern_rows"]
            assert rows
        return len(queries)

    count(one)
    assert count(one) == count(many)
