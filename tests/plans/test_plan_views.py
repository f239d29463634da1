"""The support plan as a task list, and one item: who may see and change it, history, conflicts."""

import datetime
import html
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.charter.models import CharterVersion, Stage
from parent_charter.plans import contributions
from parent_charter.plans.models import ItemStatus, PlanItem, PlanItemStatus
from parent_charter.plans.services import refresh_parent
from tests.factories import (
    ChildFactory,
    ChildParentFactory,
    LocalCommitmentFactory,
    LocalOfferFactory,
    PlanItemFactory,
    PlanItemStatusFactory,
    SupportPlanFactory,
)
from tests.helpers import events as audited
from tests.helpers import page

TODAY = timezone.localdate()


@pytest.fixture
def plan(hillford, hillford_parent):
    with scope(council=hillford.pk):
        return SupportPlanFactory(parent=hillford_parent)


@pytest.fixture
def offer(hillford):
    return LocalOfferFactory(council=hillford)


@pytest.fixture
def promise(offer):
    return LocalCommitmentFactory(
        offer=offer,
        title_en="We pay for the first scan",
        wording_en="We will pay for a private scan at 12 weeks.",
        guidance="Offer it as soon as the pregnancy is known.",
        evidence="The receipt is on the record.",
    )


@pytest.fixture
def item(plan, pa, promise):
    with scope(council=plan.council_id):
        item = PlanItemFactory(
            plan=plan,
            source="local",
            milestone_key="",
            local_commitment=promise,
            owner=pa,
            due_date=TODAY + datetime.timedelta(days=30),
        )
        PlanItemStatusFactory(item=item, by=pa)
        return item


def item_url(item) -> str:
    return reverse("plans:item", args=[item.public_id])


def plan_url(parent) -> str:
    return reverse("plans:plan", args=[parent.public_id])


def item_form(item, **overrides) -> dict:
    data = {
        "status": item.status,
        "note": "",
        "owner": str(item.owner_id or ""),
        "due_date_day": str(item.due_date.day) if item.due_date else "",
        "due_date_month": str(item.due_date.month) if item.due_date else "",
        "due_date_year": str(item.due_date.year) if item.due_date else "",
        "parent_view": item.parent_view,
        "evidence": item.evidence,
        "version": str(item.version),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- The task list ------------------------------------------------------------------------


def test_plan_is_a_task_list_grouped_by_stage_with_closed_items_apart(
    client_for, pa, hillford, hillford_parent, plan
):
    with scope(council=hillford.pk):
        child = ChildFactory(council=hillford, given_name="", due_date=datetime.date(2027, 3, 1))
        PlanItemFactory(plan=plan, stage=Stage.THROUGHOUT, milestone_key="first-scan", child=child)
        PlanItemFactory(
            plan=plan,
            stage=Stage.EXPECTING_OR_PARENTING,
            milestone_key="register-birth",
            child=ChildFactory(council=hillford, given_name="Ada"),
            status=ItemStatus.DELIVERED,
            parent_view="It was easier than I thought.",
        )
        PlanItemFactory(
            plan=plan,
            stage=Stage.BEFORE_PARENTHOOD,
            milestone_key="healthy-start",
            child=child,
            status=ItemStatus.ACCEPTED,
            closed_at=timezone.now(),
            closed_reason="The stage 'Before you become a parent' no longer applies",
        )

    response = client_for(pa).get(plan_url(hillford_parent))

    assert response.status_code == 200
    body = page(response)
    assert body.count('class="govuk-task-list"') == 2
    # Groups follow the charter's stage order, whatever the items' own order.
    expecting = body.index(str(Stage.EXPECTING_OR_PARENTING.label))
    throughout = body.index(str(Stage.THROUGHOUT.label))
    closed = body.index("No longer applies")
    assert expecting < throughout < closed
    assert "The first pregnancy scan (baby due 1 March 2027)" in body
    assert "Register the birth (Ada)" in body
    assert "In their words: “It was easier than I thought.”" in body
    # The closed item is listed apart with its reason, and still links to its history.
    closed_part = body[closed:]
    assert "Apply for Healthy Start" in closed_part
    assert "no longer applies" in closed_part and "Accepted" in closed_part
    assert "Apply for Healthy Start" not in body[:closed]
    [event] = audited("plan.viewed")
    assert event.actor == pa and event.object_id == str(hillford_parent.public_id)
    assert event.detail == {"items": 2, "closed": 1}


def test_charter_promises_and_milestones_come_from_the_plan_refresh(
    client_for, pa, hillford, hillford_parent
):
    call_command("load_charter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    version = CharterVersion.objects.get()
    LocalOfferFactory(council=hillford, charter_version=version)
    with scope(council=hillford.pk):
        child = ChildFactory(council=hillford, due_date=TODAY + datetime.timedelta(days=150))
        ChildParentFactory(child=child, parent=hillford_parent)
        refresh_parent(parent=hillford_parent, actor=pa)
        some_promise = PlanItem.objects.filter(commitment__isnull=False).first().commitment

    body = page(client_for(pa).get(plan_url(hillford_parent)))

    assert some_promise.title in body
    assert "Apply for Healthy Start (baby due" in body
    assert "Owner: Priya Adviser" in body


def test_overdue_items_are_shown_clearly(client_for, pa, hillford, hillford_parent, plan):
    with scope(council=hillford.pk):
        PlanItemFactory(plan=plan, due_date=TODAY - datetime.timedelta(days=1))
        PlanItemFactory(
            plan=plan, due_date=TODAY - datetime.timedelta(days=5), status=ItemStatus.DELIVERED
        )
        PlanItemFactory(plan=plan, due_date=TODAY + datetime.timedelta(days=1))
    body = page(client_for(pa).get(plan_url(hillford_parent)))
    assert "1 item overdue" in body
    assert body.count('govuk-tag--red">Overdue') == 1


def test_a_parent_without_a_plan_yet(client_for, pa, hillford_parent):
    response = client_for(pa).get(plan_url(hillford_parent))
    assert response.status_code == 200
    assert "There is no support plan yet" in page(response)


def test_plan_query_count_does_not_grow_with_items(client_for, pa, hillford, hillford_parent, plan):
    client = client_for(pa)

    def add_items(count):
        with scope(council=hillford.pk):
            for _ in range(count):
                PlanItemFactory(
                    plan=plan,
                    owner=pa,
                    child=ChildFactory(council=hillford),
                    due_date=TODAY - datetime.timedelta(days=3),
                    parent_view="Yes please",
                )
            PlanItemFactory(plan=plan, closed_at=timezone.now(), closed_reason="Gone")

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(plan_url(hillford_parent)).status_code == 200
        return len(queries)

    add_items(5)
    few = count_queries()
    add_items(195)
    assert count_queries() == few


def test_another_councils_plan_and_item_are_not_found(client_for, pa, other_pa, item, plan):
    assert client_for(other_pa).get(plan_url(plan.parent)).status_code == 404
    assert client_for(other_pa).get(item_url(item)).status_code == 404
    assert client_for(other_pa).post(item_url(item), item_form(item)).status_code == 404


def test_roles_without_the_permission_are_refused(client_for, partner_worker, analyst, plan):
    for user in (partner_worker, analyst):
        assert client_for(user).get(plan_url(plan.parent)).status_code == 403
    assert not audited("plan.viewed")
    assert len(audited("access.denied")) == 2


# --- One item -----------------------------------------------------------------------------


def test_item_page_shows_the_promise_guidance_history_and_parent_view(
    client_for, pa, item, hillford
):
    with scope(council=hillford.pk):
        item.parent_view = "I'd like to go with my partner."
        item.save()
        PlanItemStatusFactory(
            item=item,
            status=ItemStatus.OFFERED,
            note="Offered at the home visit",
            by=pa,
            at=datetime.datetime(2026, 11, 10, 14, 30, tzinfo=datetime.UTC),
        )

    response = client_for(pa).get(item_url(item))

    assert response.status_code == 200
    body = page(response)
    assert '<h1 class="govuk-heading-l">We pay for the first scan</h1>' in body
    assert "We will pay for a private scan at 12 weeks." in body
    assert "Offer it as soon as the pregnancy is known." in body
    assert "The receipt is on the record." in body
    assert "I'd like to go with my partner." in body
    assert "Offered at the home visit" in body and "10 November 2026" in body
    assert body.count('<tr class="govuk-table__row">') == 1 + 2  # header and two history rows
    assert 'name="status"' in body  # Priya may change it
    [event] = audited("plan.item.viewed")
    assert event.detail == {"item": str(item.public_id)}


def test_assessor_can_view_an_item_but_not_change_it(client_for, assessor, item):
    client = client_for(assessor)
    response = client.get(item_url(item))
    assert response.status_code == 200
    assert 'name="status"' not in page(response)

    refused = client.post(item_url(item), item_form(item, status="delivered", evidence="x"))

    assert refused.status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.TO_DISCUSS
    [denied] = audited("access.denied")
    assert denied.detail["permission"] == "plans.change_plan"
    assert not audited("plan.item.updated")


def test_recording_delivery_with_evidence_and_the_parents_view(
    client_for, pa, manager, item, hillford
):
    data = item_form(
        item,
        status="delivered",
        note="Scan booked and paid for",
        evidence="Receipt from the clinic, 12 November",
        parent_view="The scan made it real for me.",
        owner=str(manager.pk),
    )

    response = client_for(pa).post(item_url(item), data)

    assert response.status_code == 302
    assert response["Location"] == plan_url(item.plan.parent)
    item.refresh_from_db()
    assert item.status == ItemStatus.DELIVERED and item.version == 2
    assert item.evidence == "Receipt from the clinic, 12 November"
    assert item.parent_view == "The scan made it real for me."
    assert item.owner == manager
    with scope(council=hillford.pk):
        latest = item.status_history.order_by("at", "pk").last()
        assert item.status_history.count() == 2
    assert (latest.status, latest.note, latest.by) == (
        "delivered",
        "Scan booked and paid for",
        pa,
    )
    [updated] = audited("plan.item.updated")
    [delivered] = audited("plan.item.delivered")
    assert set(updated.detail["fields"]) == {"status", "owner", "parent_view", "evidence"}
    assert delivered.detail == {
        "item": str(item.public_id),
        "from": "to_discuss",
        "to": "delivered",
    }
    assert "Receipt" not in str(updated.detail) + str(delivered.detail)  # no free text
    assert updated.object_id == str(item.plan.parent.public_id)

    # The manager sees it on the plan.
    body = page(client_for(manager).get(plan_url(item.plan.parent)))
    assert "We pay for the first scan" in body and "Delivered" in body
    assert "The scan made it real for me." in body


def test_delivered_without_evidence_is_explained_and_nothing_is_saved(client_for, pa, item):
    data = item_form(item, status="delivered", evidence="  ", parent_view="Keep this")

    response = client_for(pa).post(item_url(item), data)

    assert response.status_code == 200
    body = page(response)
    assert "There is a problem" in body
    assert '<a href="#id_evidence">Enter the evidence that this was delivered</a>' in body
    assert "Keep this</textarea>" in body
    assert 'value="delivered" id="id_status_5" checked' in body
    item.refresh_from_db()
    assert item.status == ItemStatus.TO_DISCUSS and item.version == 1
    assert not audited("plan.item.updated")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"status": "lost"}, "Select the status"),
        ({"status": None}, "Select the status"),
        ({"due_date_day": "31", "due_date_month": "2"}, "Enter a real date"),
        ({"due_date_day": "", "due_date_month": "3", "due_date_year": "2027"}, "include a day"),
        ({"note": "x" * 5001}, "The note must be 5000 characters or fewer"),
        ({"owner": "999999"}, "Select a personal adviser or team manager"),
    ],
)
def test_bad_input_is_explained_next_to_the_field(client_for, pa, item, overrides, message):
    response = client_for(pa).post(item_url(item), item_form(item, **overrides))
    assert response.status_code == 200
    assert message in page(response)
    item.refresh_from_db()
    assert item.version == 1


def test_another_councils_worker_cannot_be_made_owner(client_for, pa, other_pa, item):
    response = client_for(pa).post(item_url(item), item_form(item, owner=str(other_pa.pk)))
    assert "Select a personal adviser or team manager" in page(response)


def test_the_second_editor_sees_the_conflict_and_keeps_their_input(client_for, pa, manager, item):
    opened = item_form(item)  # both open the item at version 1
    first = client_for(manager).post(
        item_url(item), {**opened, "status": "offered", "note": "Offered by phone"}
    )
    assert first.status_code == 302

    response = client_for(pa).post(
        item_url(item),
        {**opened, "status": "in_progress", "note": "Booked", "parent_view": "Looking forward"},
    )

    assert response.status_code == 200
    body = page(response)
    assert "Someone else changed this record while you were editing it" in body
    assert re.search(r"Status</th><td[^>]*>In progress</td><td[^>]*>Offered</td>", body)
    assert (
        'value="in_progress" id="id_status_4" checked' in body
        and "Looking forward</textarea>" in body
    )
    assert "Booked</textarea>" in body
    assert 'name="version" value="2"' in body
    item.refresh_from_db()
    assert item.status == ItemStatus.OFFERED and item.parent_view == ""  # the first save stands
    assert len(audited("plan.item.updated")) == 1

    # Having compared, Priya saves again against the version she has now seen.
    again = client_for(pa).post(
        item_url(item), {**opened, "status": "in_progress", "note": "Booked", "version": "2"}
    )
    assert again.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.version) == (ItemStatus.IN_PROGRESS, 3)
    with scopes_disabled():
        statuses = list(item.status_history.order_by("at", "pk").values_list("status", "note"))
    assert statuses == [
        ("to_discuss", "Added to the plan"),
        ("offered", "Offered by phone"),
        ("in_progress", "Booked"),
    ]
    assert [
        e.action
        for e in AuditEvent.objects.filter(action__startswith="plan.item.")
        .exclude(action="plan.item.viewed")
        .order_by("seq")
    ] == [
        "plan.item.updated",
        "plan.item.offered",
        "plan.item.updated",
        "plan.item.in_progress",
    ]


@pytest.mark.parametrize("version", [None, "", "abc", "0", "-3", "99999999999999999999999"])
def test_missing_or_tampered_version_is_a_conflict_not_a_crash(client_for, pa, item, version):
    response = client_for(pa).post(
        item_url(item), item_form(item, status="offered", version=version)
    )
    assert response.status_code == 200
    assert "Someone else changed this" in page(response)
    item.refresh_from_db()
    assert item.status == ItemStatus.TO_DISCUSS


def test_a_note_alone_adds_a_history_row_without_a_status_event(client_for, pa, item):
    response = client_for(pa).post(item_url(item), item_form(item, note="Left a voicemail"))
    assert response.status_code == 302
    with scopes_disabled():
        assert PlanItemStatus.objects.filter(item=item, note="Left a voicemail").count() == 1
    [updated] = audited("plan.item.updated")
    assert updated.detail["fields"] == [] and updated.detail["noted"] is True
    assert not AuditEvent.objects.filter(action="plan.item.to_discuss").exists()


def test_saving_nothing_writes_nothing(client_for, pa, item):
    response = client_for(pa).post(item_url(item), item_form(item))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.version == 1
    assert not audited("plan.item.updated")


def test_a_closed_item_cannot_be_changed(client_for, pa, item, hillford):
    with scope(council=hillford.pk):
        PlanItem.objects.filter(pk=item.pk).update(
            closed_at=timezone.now(), closed_reason="No longer part of the council's offer"
        )
    client = client_for(pa)
    shown = page(client.get(item_url(item)))
    assert "No longer applies since" in shown and 'name="status"' not in shown

    response = client.post(item_url(item), item_form(item, status="delivered", evidence="x"))

    assert response.status_code == 409
    assert "This promise no longer applies to the parent, so it cannot be changed" in page(response)
    item.refresh_from_db()
    assert item.status == ItemStatus.TO_DISCUSS and item.version == 1
    assert not audited("plan.item.updated")


# --- The plan section of the parent's page ------------------------------------------------


def _section(request_user, parent, view):
    request = RequestFactory().get("/")
    request.user = request_user
    return view(request, parent)


def test_plan_section_counts_by_status_and_overdue(pa, hillford, hillford_parent, plan):
    with scope(council=hillford.pk):
        PlanItemFactory(plan=plan, due_date=TODAY - datetime.timedelta(days=2))
        PlanItemFactory(plan=plan, status=ItemStatus.OFFERED)
        PlanItemFactory(plan=plan, status=ItemStatus.OFFERED)
        PlanItemFactory(
            plan=plan, status=ItemStatus.DELIVERED, due_date=TODAY - datetime.timedelta(days=9)
        )
        PlanItemFactory(plan=plan, closed_at=timezone.now(), closed_reason="Gone")
        context = _section(pa, hillford_parent, contributions.plan_section)
        body = html.unescape(render_to_string("plans/section_plan.html", {"section": context}))
    summary = context["plan_summary"]
    assert summary.by_status == [("To discuss", 1), ("Offered", 2), ("Delivered", 1)]
    assert (summary.open_items, summary.overdue) == (4, 1)
    assert "1 item overdue" in body
    assert reverse("plans:plan", args=[hillford_parent.public_id]) in body


def test_plan_section_query_count_does_not_grow(pa, hillford, hillford_parent, plan):
    def count_queries():
        with scope(council=hillford.pk), CaptureQueriesContext(connection) as queries:
            context = _section(pa, hillford_parent, contributions.plan_section)
            render_to_string("plans/section_plan.html", {"section": context})
        return len(queries)

    with scope(council=hillford.pk):
        PlanItemFactory.create_batch(5, plan=plan)
    few = count_queries()
    with scope(council=hillford.pk):
        PlanItemFactory.create_batch(200, plan=plan, status=ItemStatus.ACCEPTED)
    assert count_queries() == few
    assert not audited("plan.viewed")  # the parent's page records its own read
