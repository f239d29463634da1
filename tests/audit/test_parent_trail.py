"""Item 3 of issue 14: a parent's audit trail shows every event about them, in plain words.

Events recorded against the parent's other records (a referral to children's services
submitted, held and decided, a child, the sealed care history) appear on the parent's trail,
each in words rather than its code, with the reason written for opening the sealed care history.
"""

import html
import importlib
import re
import uuid

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from parent_charter.assessments_care_history import services as assessment_services
from parent_charter.audit import actions, services
from parent_charter.audit.models import AuditEvent
from parent_charter.audit.verification import verify_all
from parent_charter.childrens_services import services_decisions as safeguard_decisions
from tests.assessments_care_history.helpers import REASON, sealed_history
from tests.childrens_services.helpers import FLAGGED, submit
from tests.concerns.factories import ConcernFactory
from tests.factories import ChildFactory, ChildParentFactory, ParentFactory

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def _trail(client, parent):
    response = client.get(f"/staff/parents/{parent.public_id}/audit-trail/")
    assert response.status_code == 200
    return response


def _visible_text(response) -> str:
    """What a reader sees: the text between tags, not attribute values."""
    body = response.content.decode()
    body = body.split("<main", 1)[1]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def _break_glass(parent, actor, reason=REASON):
    with scope(council=parent.council_id):
        return assessment_services.break_glass(
            parent=parent, actor=actor, reason=reason, form_token=uuid.uuid4()
        )


def test_events_about_the_parents_other_records_show_in_plain_words(
    client_for, manager, pa, assessor, hillford, hillford_parent
):
    sealed_history(hillford_parent)
    _break_glass(hillford_parent, assessor)
    referral = submit(hillford_parent, pa, FLAGGED)
    with scope(council=hillford.pk):
        safeguard_decisions.decide(
            referral=referral,
            actor=manager,
            expected_version=referral.version,
            decision="send",
            reason="The health visitor saw a bruise on the baby this week with no explanation.",
            relied_on=[0],
        )
        child = ChildFactory(council=hillford)
        ChildParentFactory(child=child, parent=hillford_parent)
        other = ParentFactory(council=hillford, given_name="Other", family_name="Parent")
    with transaction.atomic():
        services.record(actor=pa, council=hillford, action="child.viewed", obj=child)
    submit(other, pa, FLAGGED)  # about someone else: not on this trail

    text = _visible_text(_trail(client_for(manager), hillford_parent))
    assert "Submitted a referral to children's services: held for a team manager's decision" in text
    assert "Decided on a held referral to children's services: sent on" in text
    assert "Opened the sealed care history with a written reason" in text
    assert f"Reason given: {REASON}" in text
    assert "Looked at a child's record" in text
    assert text.count("Submitted a referral to children's services") == 1
    for code in ("parent.viewed", "care_history.break_glass", "safeguards.referral"):
        assert code not in text


def test_the_parent_is_recorded_on_events_about_their_records(hillford, hillford_parent, pa):
    referral = submit(hillford_parent, pa, FLAGGED)
    with scopes_disabled():
        [event] = AuditEvent.objects.filter(action="safeguards.referral.submitted")
    assert event.object_id == str(referral.public_id)
    assert event.parent_id == hillford_parent.pk
    assert verify_all() == (1, [])


def test_the_trail_reads_in_welsh(client_for, manager, assessor, hillford_parent):
    sealed_history(hillford_parent)
    _break_glass(hillford_parent, assessor)
    client = client_for(manager)
    client.cookies["parent_charter_language"] = "cy"
    text = _visible_text(_trail(client, hillford_parent))
    assert "Agorodd yr hanes gofal wedi'i selio gyda rheswm ysgrifenedig" in text
    assert "Opened the sealed care history" not in text


def test_the_trail_costs_the_same_queries_however_many_events(
    client_for, manager, pa, hillford, hillford_parent, assessor
):
    client = client_for(manager)
    sealed_history(hillford_parent)
    _break_glass(hillford_parent, assessor)
    _trail(client, hillford_parent)
    with CaptureQueriesContext(connection) as few:
        _trail(client, hillford_parent)
    for _ in range(3):
        _break_glass(hillford_parent, assessor, reason=f"{REASON} again")
        submit(hillford_parent, pa, FLAGGED)
    with CaptureQueriesContext(connection) as many:
        _trail(client, hillford_parent)
    assert len(many) == len(few)


def test_every_action_about_a_parent_has_plain_words():
    """Every action code written in the source, where it can be about a parent, has words."""
    prefixes = (
        "parent.",
        "parent_notice.",
        "plan.",
        "referral.",
        "safeguards.",
        "concern.",
        "care_history.",
        "assessment.",
        "child.",
        "apart.",
        "portal.",
        "consent.",
    )
    found = set()
    for path in (ROOT / "parent_charter").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found.update(re.findall(r'action="([a-z_.]+)"', path.read_text()))
        found.update(re.findall(r'"(safeguards\.referral\.[a-z_]+)"', path.read_text()))
    codes = {code for code in found if code.startswith(prefixes) and code.count(".") >= 1}
    codes -= {"safeguards.referral"}
    from parent_charter.plans.models import ItemStatus

    codes |= {f"plan.item.{status}" for status in ItemStatus.values}
    codes |= {
        f"portal.{p}.{w}" for p in ("sign_in", "password_reset") for w in ("requested", "throttled")
    }
    missing = sorted(code for code in codes if code not in actions.ACTIONS)
    assert missing == []
    assert actions.describe("directory.service.added") == "Other activity"


class _Editor:
    def __init__(self, connection):
        self.connection = connection


def test_events_of_before_are_given_their_parent_by_the_backfill(hillford, hillford_parent, pa):
    with scope(council=hillford.pk):
        concern = ConcernFactory(council=hillford, parent=hillford_parent)
    chain = services.chain_for(hillford)
    # Events as they were before events carried the parent, and before the hash was keyed.
    with transaction.atomic():
        head = services._locked_head(hillford, 0)
        prev = head.hash
        legacy = []
        for seq, obj in enumerate((hillford_parent, concern), start=head.seq + 1):
            target = services.target_of(obj)
            event = AuditEvent(
                chain=chain,
                seq=seq,
                at=services.timezone.now(),
                council=hillford,
                action="parent.viewed",
                object_type=target.object_type,
                object_id=target.object_id,
                prev_hash=prev,
                key_id=None,
            )
            event.hash = services.event_digest(
                prev_hash=prev, payload=services.event_payload(event), key=None
            )
            event.save()
            legacy.append(event)
            prev = event.hash
        type(head).objects.filter(pk=chain).update(seq=legacy[-1].seq, hash=prev)
    migration = importlib.import_module(
        "parent_charter.audit.migrations.0005_backfill_event_parent"
    )
    with transaction.atomic():
        migration.backfill(apps, _Editor(connection))
    with scopes_disabled():
        assert {
            event.parent_id for event in AuditEvent.objects.filter(pk__in=[e.pk for e in legacy])
        } == {hillford_parent.pk}
    assert verify_all() == (1, [])  # their hashes do not cover it: still intact
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET action = 'x'")  # triggers are back
