"""Subject access is complete by construction: every model that refers to a parent is either
put into words by an exporter or declared withheld with its reason, and the parent's copy
has referrals to children's services (evidence and steps), the stages that apply and how they
changed, and a "left out" part saying what is not in the copy and why."""

import datetime
import json

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext, isolate_apps
from django.utils import timezone
from django_scopes import scope

from parent_charter.core.registries import subject_access
from parent_charter.parents.models import Parent, ParentStage, StageChange
from tests.childrens_services.factories import (
    GuardEventFactory,
    ParentNoticeFactory,
    ReferralFactory,
)
from tests.factories import ParentFactory
from tests.helpers import page
from tests.portal.factories import PortalLinkFactory

URLS = (
    "/my/my-information/",
    "/my/my-information/download.json",
    "/my/my-information/download.html",
)
EVIDENCE = "On 3 May the baby was found alone in the flat for two hours."
NEIGHBOUR = "Neighbour at 3 Oak Court"


def test_every_model_that_refers_to_a_parent_is_exported_or_withheld():
    assert subject_access.unaccounted() == []
    referring = set(subject_access.referring_models())
    # The walk finds indirect references too (a referral's evidence, a concern's offers).
    assert {"safeguards.ReferralEvidence", "concerns.ConcernOffer"} <= referring
    # Nothing is declared for a model that does not exist or does not refer to a parent.
    assert set(subject_access._COVERED) <= referring
    assert set(subject_access._WITHHELD) - referring <= {"audit.AuditEvent"}
    for entry in subject_access._WITHHELD.values():
        assert str(entry.what) and str(entry.why)


@isolate_apps("tests")
def test_a_new_model_referring_to_a_parent_is_caught():
    from django.apps import apps

    class Scribble(models.Model):
        parent = models.ForeignKey(Parent, on_delete=models.CASCADE)

        class Meta:
            app_label = "tests"

        def __str__(self):
            return "scribble"

    class ScribbleLine(models.Model):
        scribble = models.ForeignKey(Scribble, on_delete=models.CASCADE)

        class Meta:
            app_label = "tests"

        def __str__(self):
            return "line"

    class Circle(models.Model):
        members = models.ManyToManyField(Parent)

        class Meta:
            app_label = "tests"

        def __str__(self):
            return "circle"

    everything = [*apps.get_models(), Scribble, ScribbleLine, Circle]
    assert subject_access.unaccounted(everything) == [
        "tests.Circle",
        "tests.Scribble",
        "tests.ScribbleLine",
    ]


@pytest.fixture
def referral(hillford, hillford_parent, pa):
    with scope(council=hillford.pk):
        referral = ReferralFactory(parent=hillford_parent, created_by=pa, status="sent")
        GuardEventFactory(council=hillford, referral=referral)
    return referral


@pytest.fixture
def stages(hillford, hillford_parent, pa):
    at = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    with scope(council=hillford.pk):
        ParentStage.objects.create(
            council=hillford, parent=hillford_parent, stage="expecting_or_parenting", since=at
        )
        StageChange.objects.create(
            council=hillford,
            parent=hillford_parent,
            stage="before_parenthood",
            entered=False,
            at=at,
            reason="left",
            by=pa,
        )
        StageChange.objects.create(
            council=hillford,
            parent=hillford_parent,
            stage="expecting_or_parenting",
            entered=True,
            at=at,
            reason="expecting",
            by=pa,
        )


def test_referrals_to_childrens_services_with_evidence_and_steps(parent_client, referral, pa):
    for url in URLS:
        body = page(parent_client.get(url))
        assert "Referrals to children's services" in body, url
        assert "Referral to children's services" in body, url
        assert "Neglect of the child's needs observed" in body, url
        assert EVIDENCE in body, url
        assert "Reported by another professional" in body, url
        assert "Sent to the children's services front door" in body, url
        assert pa.full_name in body, url
        # Who reported it may identify someone else: left out, and said so.
        assert "Hillford NHS Trust" not in body, url
        assert "Who reported a piece of evidence is left out" in body, url


def test_what_another_person_reported_is_left_out(parent_client, hillford, hillford_parent, pa):
    from parent_charter.childrens_services.models import ReferralEvidence

    with scope(council=hillford.pk):
        referral = ReferralFactory(parent=hillford_parent, created_by=pa)
        ReferralEvidence.objects.create(
            council=hillford,
            referral=referral,
            position=1,
            what=f"{NEIGHBOUR} heard shouting late at night.",
            seen_on=datetime.date(2026, 5, 4),
            source_kind="other",
            source_detail=NEIGHBOUR,
        )
    for url in URLS:
        body = page(parent_client.get(url))
        assert "Oak Court" not in body, url
        assert "Reported by someone else" in body, url
        assert "What they reported is left out, because it could identify them." in body, url
        assert EVIDENCE in body, url  # the professional's report is still there


def test_stages_and_stage_changes(parent_client, stages):
    for url in URLS:
        body = page(parent_client.get(url))
        assert "The stages of the charter that apply to you" in body, url
        assert "When you are expecting or parenting" in body, url
        assert "Before you become a parent" in body, url
        assert "Started to apply" in body and "Stopped applying" in body, url
        assert "expecting a child" in body, url


def test_the_left_out_part_is_in_both_downloads(parent_client, hillford_parent):
    document = json.loads(parent_client.get("/my/my-information/download.json").content)
    [left_out] = [p for p in document["parts"] if p["title"] == "What is left out, and why"]
    assert document["parts"][-1] is left_out
    whats = [row[0]["value"] for row in left_out["records"]]
    assert "The council's count of referrals the referral guard refused or held" in whats
    assert "The log of who opened or changed your records, and when" in whats
    assert all(row[1]["label"] == "Why" and row[1]["value"] for row in left_out["records"])
    printable = page(parent_client.get("/my/my-information/download.html"))
    assert "What is left out, and why" in printable
    assert "The council's count of referrals the referral guard refused or held" in printable


def test_messages_and_links_are_in_the_copy(parent_client, hillford, hillford_parent):
    with scope(council=hillford.pk):
        ParentNoticeFactory(parent=hillford_parent)
        PortalLinkFactory(parent=hillford_parent, purpose="sign_in", email="jamie@example.com")
    body = page(parent_client.get("/my/my-information/download.html"))
    assert "Messages to you" in body
    assert "A referral about you to children's services was held" in body
    assert "Sign-in link" in body and "jamie@example.com" in body


def test_another_parents_referral_is_not_in_the_copy(parent_client, hillford, pa):
    with scope(council=hillford.pk):
        other = ParentFactory(council=hillford)
        ReferralFactory(parent=other, created_by=pa, evidence=["Someone else's evidence."])
    body = page(parent_client.get("/my/my-information/download.json"))
    assert "Someone else's evidence." not in body


def test_new_parts_cost_the_same_queries_however_many_rows(
    parent_client, hillford, hillford_parent, pa, referral, stages
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert parent_client.get("/my/my-information/download.json").status_code == 200
        return len(queries)

    one = count()
    with scope(council=hillford.pk):
        for _number in range(6):
            ReferralFactory(parent=hillford_parent, created_by=pa, evidence=["a", "b"])
            ParentNoticeFactory(parent=hillford_parent)
            StageChange.objects.create(
                council=hillford,
                parent=hillford_parent,
                stage="living_apart",
                entered=True,
                at=timezone.now(),
                reason="child_apart",
            )
    assert count() == one


def test_the_new_parts_in_welsh(parent_client, referral, stages):
    parent_client.cookies["parent_charter_language"] = "cy"
    document = json.loads(parent_client.get("/my/my-information/download.json").content)
    titles = [part["title"] for part in document["parts"]]
    assert "Camau'r siarter sy'n berthnasol i chi" in titles
    assert "Atgyfeiriadau i wasanaethau plant" in titles
    assert titles[-1] == "Beth sydd wedi'i adael allan, a pham"
