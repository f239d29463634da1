"""Subject access: the parent reads everything held about them and downloads it (JSON and a
printable web page), less what is about other people, which is named as left out."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from parent_charter.audit.models import AuditEvent
from parent_charter.core.registries import subject_access
from parent_charter.core.registries.subject_access import SubjectAccessPart
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    PlanItemFactory,
    PlanItemStatusFactory,
    PlanReviewFactory,
)
from tests.helpers import page

from .factories import ChallengeEventFactory, ChallengeFactory

OTHER_PARENT = "Taylor Quince"
ATTENDEES = "Jamie, Priya and Jamie's aunt Morwenna Lake"


@pytest.fixture
def record(hillford, hillford_parent, plan, item, pa):
    """Jamie's record with a little of everything, including information about others."""
    with scope(council=hillford.pk):
        child = ChildFactory(
            council=hillford,
            given_name="Ivy",
            due_date=None,
            date_of_birth=datetime.date(2026, 6, 1),
        )
        ChildParentFactory(child=child, parent=hillford_parent)
        ChildParentFactory(
            child=child, other_parent_name=OTHER_PARENT, other_parent_council="Stonebury Council"
        )
        ChildCircumstanceFactory(
            child=child, lives_with="both_parents", from_date=datetime.date(2026, 6, 1)
        )
        from parent_charter.parents.models import ConsentRecord

        ConsentRecord.objects.create(
            council=hillford,
            parent=hillford_parent,
            share_with="Home-Start Hillford",
            information="Name and phone number",
            given_on=datetime.date(2026, 5, 1),
            recorded_by=pa,
        )
        PlanReviewFactory(
            plan=plan, attendees=ATTENDEES, summary="We went through the plan.", recorded_by=pa
        )
        done = PlanItemFactory(plan=plan, status="delivered", evidence="Card seen")
        PlanItemStatusFactory(item=done, status="delivered", note="Seen at the visit", by=pa)
        challenge = ChallengeFactory(
            parent=hillford_parent, plan_item=item, what_happened="Nobody booked the scan."
        )
        ChallengeEventFactory(challenge=challenge)
    return hillford_parent


def test_the_page_shows_everything_held(parent_client, record, parent_user):
    body = page(parent_client.get("/my/my-information/"))
    for text in (
        "Your details",
        "Jamie",
        "Rivers",
        "17 May 2004",
        "Consent to share information",
        "Home-Start Hillford",
        "Your children",
        "Ivy",
        "Lives: Both parents",
        "Your support plan",
        "We pay for the first scan",
        "Offered to you",
        "Seen at the visit",
        "Reviews of your plan",
        "We went through the plan.",
        "Your challenges",
        "Nobody booked the scan.",
        "Your sign-in",
        parent_user.email,
    ):
        assert text in body, text
    assert AuditEvent.objects.filter(action="portal.subject_access_viewed").count() == 1


def test_third_party_information_is_left_out_and_said_so(parent_client, record):
    for url in (
        "/my/my-information/",
        "/my/my-information/download.json",
        "/my/my-information/download.html",
    ):
        body = page(parent_client.get(url))
        assert OTHER_PARENT not in body and "Stonebury" not in body, url
        assert "Morwenna" not in body, url
        assert "information about another person" in body, url
        assert "Who attended each review is left out" in body, url


def test_json_download(parent_client, record):
    response = parent_client.get("/my/my-information/download.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    document = json.loads(response.content)
    titles = [part["title"] for part in document["parts"]]
    assert titles[:7] == [
        "Your details",
        "Consent to share information",
        "Your children",
        "Your support plan",
        "Reviews of your plan",
        "Your challenges",
        "Your sign-in",
    ]
    details = {row["label"]: row["value"] for row in document["parts"][0]["records"][0]}
    assert details["First name"] == "Jamie" and details["Date of birth"] == "17 May 2004"
    event = AuditEvent.objects.get(action="portal.subject_access_downloaded")
    assert event.detail["format"] == "json" and event.detail["parts"] >= 7


def test_printable_download(parent_client, record):
    response = parent_client.get("/my/my-information/download.html")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = page(response)
    assert "<style>" in body and "@media print" in body
    assert "Your information from Parent Charter" in body and "Nobody booked the scan." in body
    assert (
        AuditEvent.objects.get(action="portal.subject_access_downloaded").detail["format"] == "html"
    )


def test_download_in_welsh(parent_client, record):
    parent_client.cookies["parent_charter_language"] = "cy"
    document = json.loads(parent_client.get("/my/my-information/download.json").content)
    assert document["language"] == "cy"
    assert document["parts"][0]["title"] == "Eich manylion"


def test_other_apps_exporters_are_included(parent_client, record, monkeypatch):
    def exporter(parent):
        return [
            SubjectAccessPart(
                title="Referrals",
                records=[[("Programme", "Baby Steps")]],
                withheld="Who referred you is left out.",
            )
        ]

    monkeypatch.setitem(subject_access._EXPORTERS, "test", (50, exporter))
    body = page(parent_client.get("/my/my-information/"))
    assert "Baby Steps" in body and "Who referred you is left out." in body
    assert body.index("Your sign-in") < body.index("Baby Steps")  # in the exporters' order


def test_only_the_parents_own_information(client_for, eastmere_parent_user, record):
    body = page(client_for(eastmere_parent_user).get("/my/my-information/"))
    assert "Jamie" not in body and "Ivy" not in body and "Nobody booked" not in body


def test_query_count_does_not_grow(parent_client, record, hillford, plan, hillford_parent, item):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert parent_client.get("/my/my-information/download.json").status_code == 200
        return len(queries)

    one = count()
    with scope(council=hillford.pk):
        for _number in range(8):
            extra = PlanItemFactory(plan=plan)
            PlanItemStatusFactory(item=extra)
            PlanReviewFactory(plan=plan, recorded_by=item.owner)
            challenge = ChallengeFactory(parent=hillford_parent, plan_item=extra)
            ChallengeEventFactory(challenge=challenge)
            child = ChildFactory(council=hillford)
            ChildParentFactory(child=child, parent=hillford_parent)
            ChildCircumstanceFactory(child=child)
    assert count() == one
