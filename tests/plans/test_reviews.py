"""Plan reviews: when the next is due (the council's interval), recording one, the parent page."""

import datetime
import html
import uuid

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.parents.models import Parent
from parent_charter.plans import contributions
from parent_charter.plans.models import PlanReview, SupportPlan
from parent_charter.plans.selectors import ReviewDue, review_due, with_last_review
from tests.factories import LocalOfferFactory, ParentFactory, PlanReviewFactory, SupportPlanFactory
from tests.helpers import events as audited
from tests.helpers import page

TODAY = timezone.localdate()


def made_on(plan, day: datetime.date) -> SupportPlan:
    SupportPlan.objects.filter(pk=plan.pk).update(
        created_at=datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def plan(hillford, hillford_parent):
    with scope(council=hillford.pk):
        return SupportPlanFactory(parent=hillford_parent)


# --- When the next review is due ------------------------------------------------------------


def test_first_review_is_due_the_interval_after_the_plan_started(hillford, plan):
    with scope(council=hillford.pk):
        made_on(plan, datetime.date(2026, 3, 10))
        due = review_due(plan=plan, offer=None, today=datetime.date(2026, 9, 10))
    assert due == ReviewDue(due_on=datetime.date(2026, 9, 10), overdue=False, last_held_on=None)
    with scope(council=hillford.pk):
        late = review_due(plan=plan, offer=None, today=datetime.date(2026, 9, 11))
    assert late.overdue


def test_the_councils_interval_counts_from_the_last_review(hillford, plan):
    offer = LocalOfferFactory(council=hillford, review_interval_months=3)
    with scope(council=hillford.pk):
        made_on(plan, datetime.date(2025, 1, 1))
        PlanReviewFactory(plan=plan, held_on=datetime.date(2026, 2, 1))
        PlanReviewFactory(plan=plan, held_on=datetime.date(2026, 8, 31))
        due = review_due(plan=plan, offer=offer, today=datetime.date(2026, 11, 30))
        overdue = review_due(plan=plan, offer=offer, today=datetime.date(2026, 12, 1))
    # 31 August + 3 months: the last day of November.
    assert due == ReviewDue(
        due_on=datetime.date(2026, 11, 30),
        overdue=False,
        last_held_on=datetime.date(2026, 8, 31),
    )
    assert overdue.overdue


def test_a_parent_without_a_plan_has_no_review_due():
    assert review_due(plan=None, offer=None, today=TODAY) == ReviewDue(None, False, None)


def test_with_last_review_annotates_parents_in_one_query(hillford, pa, hillford_parent, plan):
    offer = LocalOfferFactory(council=hillford, review_interval_months=4)
    with scope(council=hillford.pk):
        made_on(plan, datetime.date(2026, 1, 5))
        PlanReviewFactory(plan=plan, held_on=datetime.date(2026, 5, 1))
        PlanReviewFactory(plan=plan, held_on=datetime.date(2026, 3, 1))
        without_review = ParentFactory(council=hillford)
        made_on(SupportPlanFactory(parent=without_review), datetime.date(2026, 2, 1))
        no_plan = ParentFactory(council=hillford)
        with CaptureQueriesContext(connection) as queries:
            parents = {
                p.pk: p for p in with_last_review(Parent.objects.select_related("support_plan"))
            }
            assert len(queries) == 1
            # The caseload passes the annotated parent's plan: no further query.
            due = review_due(
                plan=parents[hillford_parent.pk].support_plan,
                offer=offer,
                today=datetime.date(2026, 9, 2),
            )
            other = review_due(
                plan=parents[without_review.pk].support_plan,
                offer=offer,
                today=datetime.date(2026, 9, 2),
            )
            assert len(queries) == 1
    assert parents[hillford_parent.pk].last_review_on == datetime.date(2026, 5, 1)
    assert parents[without_review.pk].last_review_on is None
    assert parents[no_plan.pk].last_review_on is None
    assert due == ReviewDue(datetime.date(2026, 9, 1), True, datetime.date(2026, 5, 1))
    assert other == ReviewDue(datetime.date(2026, 6, 1), True, None)


# --- Recording a review ---------------------------------------------------------------------


def review_url(parent) -> str:
    return reverse("plans:review_add", args=[parent.public_id])


def review_form(**overrides) -> dict:
    held = TODAY - datetime.timedelta(days=2)
    data = {
        "held_on_day": str(held.day),
        "held_on_month": str(held.month),
        "held_on_year": str(held.year),
        "attendees": "Jamie, Priya (personal adviser), a health visitor",
        "participation": "remotely",
        "participation_detail": "By video from the college library",
        "summary": "Scan done; housing application next.",
        "agreed_actions": "Priya to chase the housing officer",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_adviser_records_a_review(client_for, pa, hillford, hillford_parent, plan):
    client = client_for(pa)
    form = client.get(review_url(hillford_parent))
    assert form.status_code == 200 and "Record a plan review" in page(form)

    response = client.post(review_url(hillford_parent), review_form())

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("parents:detail", args=[hillford_parent.public_id]) + "#reviews"
    )
    with scope(council=hillford.pk):
        review = PlanReview.objects.get()
    assert review.plan == plan and review.recorded_by == pa
    assert review.participation == "remotely" and review.held_on == TODAY - datetime.timedelta(2)
    [event] = audited("plan.review.recorded")
    assert event.object_id == str(hillford_parent.public_id)
    assert event.detail == {
        "review": str(review.public_id),
        "participation": "remotely",
        "agreed_actions": True,
    }


def test_a_review_starts_the_plan_when_there_is_none_yet(client_for, pa, hillford_parent):
    assert client_for(pa).post(review_url(hillford_parent), review_form()).status_code == 302
    with scopes_disabled():
        assert PlanReview.objects.get().plan.parent == hillford_parent


def test_double_submission_records_one_review(client_for, pa, hillford_parent, plan):
    client = client_for(pa)
    data = review_form()
    first = client.post(review_url(hillford_parent), data)
    second = client.post(review_url(hillford_parent), data)
    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert PlanReview.objects.count() == 1
    assert len(audited("plan.review.recorded")) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"attendees": ""}, "Enter who attended"),
        ({"summary": "  "}, "Enter a summary of the review"),
        ({"participation": None}, "Select whether the parent took part"),
        ({"participation": "telepathy"}, "Select whether the parent took part"),
        (
            {"held_on_day": "", "held_on_month": "", "held_on_year": ""},
            "Enter the date of the review",
        ),
        ({"held_on_year": str(TODAY.year + 1)}, "must be today or in the past"),
        ({"held_on_year": "1999"}, "the year looks too early"),
        ({"form_token": "not-a-uuid", "summary": ""}, "Enter a summary of the review"),
    ],
)
def test_bad_input_is_explained_and_kept(client_for, pa, hillford_parent, overrides, message):
    response = client_for(pa).post(review_url(hillford_parent), review_form(**overrides))
    assert response.status_code == 200
    body = page(response)
    assert "There is a problem" in body and message in body
    assert "By video from the college library</textarea>" in body
    with scopes_disabled():
        assert not PlanReview.objects.exists()


def test_garbage_form_token_still_records_once(client_for, pa, hillford_parent):
    response = client_for(pa).post(review_url(hillford_parent), review_form(form_token="junk"))
    assert response.status_code == 302
    with scopes_disabled():
        assert PlanReview.objects.count() == 1


def test_who_may_record_a_review(client_for, assessor, other_pa, hillford_parent, eastmere_parent):
    assert client_for(assessor).get(review_url(hillford_parent)).status_code == 403
    assert client_for(assessor).post(review_url(hillford_parent), review_form()).status_code == 403
    assert client_for(other_pa).post(review_url(hillford_parent), review_form()).status_code == 404
    with scopes_disabled():
        assert not PlanReview.objects.exists()


# --- The reviews section of the parent's page -----------------------------------------------


def _section(user, parent):
    request = RequestFactory().get("/")
    request.user = user
    return contributions.reviews_section(request, parent)


def test_reviews_section_shows_last_next_and_overdue(pa, assessor, hillford, hillford_parent, plan):
    LocalOfferFactory(council=hillford, review_interval_months=2)
    last = TODAY - datetime.timedelta(days=100)
    with scope(council=hillford.pk):
        PlanReviewFactory(plan=plan, held_on=last, summary="Went well")
        PlanReviewFactory(plan=plan, held_on=last - datetime.timedelta(days=60))
        context = _section(pa, hillford_parent)
        body = html.unescape(render_to_string("plans/section_reviews.html", {"section": context}))
        read_only = render_to_string(
            "plans/section_reviews.html", {"section": _section(assessor, hillford_parent)}
        )
    assert context["review_summary"].due.overdue
    assert context["review_summary"].due.last_held_on == last
    assert 'id="reviews"' in body
    assert 'govuk-tag--red">Overdue' in body
    assert "Went well" in body and "Took part in person" in body
    assert body.count('<tr class="govuk-table__row">') == 1 + 2
    assert review_url(hillford_parent) in body
    assert review_url(hillford_parent) not in read_only


def test_reviews_section_query_count_does_not_grow(pa, hillford, hillford_parent, plan):
    def count_queries():
        with scope(council=hillford.pk), CaptureQueriesContext(connection) as queries:
            context = {"section": _section(pa, hillford_parent)}
            render_to_string("plans/section_reviews.html", context)
        return len(queries)

    with scope(council=hillford.pk):
        PlanReviewFactory.create_batch(5, plan=plan, recorded_by=pa)
    count_queries()  # the first asks for the user's roles, then they are cached
    few = count_queries()
    with scope(council=hillford.pk):
        PlanReviewFactory.create_batch(200, plan=plan)
    assert count_queries() == few


def test_the_parents_page_shows_the_plan_and_reviews_sections(
    client_for, pa, assessor, hillford, hillford_parent, plan
):
    with scope(council=hillford.pk):
        PlanReviewFactory(plan=plan, held_on=TODAY - datetime.timedelta(days=10))
    url = reverse("parents:detail", args=[hillford_parent.public_id])
    body = page(client_for(pa).get(url))
    assert 'id="plan"' in body and 'id="reviews"' in body
    assert body.index('id="plan"') < body.index('id="reviews"')
    assert reverse("plans:plan", args=[hillford_parent.public_id]) in body
    assert review_url(hillford_parent) in body
    assert review_url(hillford_parent) not in page(client_for(assessor).get(url))
    assert not audited("plan.viewed")  # the page records one parent.viewed, not ours
