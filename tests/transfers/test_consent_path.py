"""A transfer's consent path, from the adviser's proposal to a new record at the receiving
council: nothing reaches the receiving council before the parent agrees; it then sees only
what it needs to decide; accepting copies what the parent chose into new records of its own,
closes the sending council's record with its history kept, and both councils' audit trails
say so, without personal data."""

import json
import uuid

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from parent_charter.audit.models import AuditEvent
from parent_charter.children.models import ChildCircumstance, ChildParent
from parent_charter.core.registries.subject_access import export_for
from parent_charter.notifications.models import StaffNotification
from parent_charter.parents.models import Parent
from parent_charter.retention.models import SupportEnd
from parent_charter.transfers.models import Status, Transfer, TransferStep
from tests.helpers import date_fields, events, page, today

pytestmark = pytest.mark.django_db


def _propose(client, parent, council, *, kind="transfer", information=("contact", "children")):
    url = reverse("transfers:propose", kwargs={"public_id": parent.public_id})
    form = page(client.get(url))
    assert "Propose a move to another council" in form
    return client.post(
        url,
        {
            "form_token": str(uuid.uuid4()),
            "receiving_council": str(council.pk),
            "kind": kind,
            "information": list(information),
        },
    )


def _only():
    with scopes_disabled():
        return Transfer.objects.get()


def _answer(client, transfer, answer="yes"):
    return client.post(
        reverse("transfers:answer", kwargs={"public_id": transfer.public_id}),
        {
            "version": transfer.version,
            "answer": answer,
            "route": "in_person",
            **date_fields("given_on", today()),
        },
    )


def test_a_transfer_goes_through_consent_to_a_new_record_at_the_receiving_council(
    hillford, eastmere, moving_parent, pa, eastmere_manager, eastmere_adviser, client_for
):
    sender, receiver = client_for(pa), client_for(eastmere_manager)

    # The adviser proposes from the parent's page.
    parent_page = page(
        sender.get(reverse("parents:detail", kwargs={"public_id": moving_parent.public_id}))
    )
    assert "Propose a move to another council" in parent_page
    response = _propose(sender, moving_parent, eastmere)
    transfer = _only()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "transfers:detail", kwargs={"public_id": transfer.public_id}
    )
    assert transfer.status == Status.PROPOSED
    assert transfer.information == ["details", "contact", "children"]

    # Before the parent agrees, the receiving council sees nothing.
    incoming = reverse("transfers:incoming", kwargs={"public_id": transfer.public_id})
    assert "Jamie" not in page(receiver.get(reverse("transfers:index")))
    assert receiver.get(incoming).status_code == 404

    # The adviser records the parent's consent.
    assert _answer(sender, transfer).status_code == 302
    transfer = _only()
    assert transfer.status == Status.CONSENT_GIVEN
    assert transfer.consent_given_on == today() and transfer.consent_route == "in_person"
    with scope(council=eastmere.pk):
        [note] = StaffNotification.objects.filter(recipient=eastmere_manager)
    assert "Hillford" in note.text and "Jamie" not in note.text

    # The receiving council sees the first name, year of birth, where from, and no more.
    listing = page(receiver.get(reverse("transfers:index")))
    assert "Jamie" in listing and str(moving_parent.date_of_birth.year) in listing
    assert "Rivers" not in listing
    one = page(receiver.get(incoming))
    for private in ("Rivers", "07700 900123", "Hill Street", "Poppy", str(moving_parent.public_id)):
        assert private not in one
    assert "Emyr Adviser" in one  # the advisers to choose from

    # It accepts, choosing the adviser: new records of its own.
    response = receiver.post(
        reverse("transfers:accept", kwargs={"public_id": transfer.public_id}),
        {"version": transfer.version, "adviser": str(eastmere_adviser.pk)},
    )
    transfer = _only()
    assert transfer.status == Status.ACCEPTED
    with scope(council=eastmere.pk):
        new = Parent.objects.get()
        assert response["Location"] == reverse(
            "parents:detail", kwargs={"public_id": new.public_id}
        )
        assert new.public_id != moving_parent.public_id
        assert (new.given_name, new.family_name, new.date_of_birth, new.pronouns) == (
            "Jamie",
            "Rivers",
            moving_parent.date_of_birth,
            "they/them",
        )
        assert (new.phone, new.postcode, new.personal_adviser) == (
            "07700 900123",
            "HF1 1AA",
            eastmere_adviser,
        )
        [link] = ChildParent.objects.filter(parent=new).select_related("child")
        assert link.child.given_name == "Poppy"
        other = ChildParent.objects.get(child=link.child, parent__isnull=True)
        assert other.other_parent_name == "Lee Other"
        circumstance = ChildCircumstance.objects.get(child=link.child)
        assert circumstance.lives_with_parent_id == link.pk
        assert circumstance.legal_status == "child_in_need"
    assert transfer.receiving_parent_id == new.pk

    # The sending council's record is closed, its history kept.
    with scope(council=hillford.pk):
        moving_parent.refresh_from_db()
        assert SupportEnd.objects.get(parent=moving_parent).ended_on == today()
        steps = list(TransferStep.objects.filter(transfer=transfer).values_list("status", "side"))
    assert steps == [
        ("proposed", "sending"),
        ("consent_given", "sending"),
        ("accepted", "receiving"),
    ]
    detail = page(sender.get(reverse("transfers:detail", kwargs={"public_id": transfer.public_id})))
    assert "The parent's support here has ended" in detail
    assert str(new.public_id) not in detail

    # Each council's audit trail shows its part, in its own chain.
    def actions(council):
        return set(AuditEvent.objects.filter(council=council).values_list("action", flat=True))

    assert {
        "transfer.proposed",
        "transfer.consent.given",
        "transfer.accepted",
        "transfer.closed",
        "retention.support_end.recorded",
    } <= actions(hillford)
    assert {
        "transfer.received",
        "transfer.incoming.viewed",
        "transfer.accepted",
        "parent.created",
        "child.added",
    } <= actions(eastmere)
    [accepted_here] = [e for e in events("transfer.accepted") if e.council_id == eastmere.pk]
    assert accepted_here.parent_id == new.pk and accepted_here.detail["children"] == 1
    [received] = events("transfer.received")
    assert received.parent_id is None  # Eastmere held no record of the parent then
    for event in AuditEvent.objects.filter(action__startswith="transfer."):
        text = json.dumps(event.detail)
        for private in ("Jamie", "Rivers", "07700", "Poppy", "HF1"):
            assert private not in text

    # The receiving council's record says where the parent came from; the sending council
    # is told of the decision.
    arrived = page(receiver.get(reverse("parents:detail", kwargs={"public_id": new.public_id})))
    assert "Came to us from Hillford" in arrived
    with scope(council=eastmere.pk):
        [part] = [p for p in export_for(new) if str(p.title) == "Moving to another council"]
    assert dict(part.records[0])["Came to us from"] == "Hillford Council"

    # The closed record offers no second move: any later one is Eastmere's to propose.
    assert "Propose a move to another council" not in page(
        sender.get(reverse("parents:detail", kwargs={"public_id": moving_parent.public_id}))
    )
    again = sender.get(reverse("transfers:propose", kwargs={"public_id": moving_parent.public_id}))
    assert again.status_code == 302
    with scopes_disabled():
        assert Transfer.objects.count() == 1
    with scope(council=hillford.pk):
        assert StaffNotification.objects.filter(recipient=pa, kind="transfers.accepted").exists()


def test_the_parent_refuses_and_nothing_goes(
    hillford, eastmere, moving_parent, pa, eastmere_manager, eastmere_adviser, client_for
):
    sender = client_for(pa)
    _propose(sender, moving_parent, eastmere)
    transfer = _only()
    _answer(sender, transfer, answer="no")
    transfer = _only()
    assert transfer.status == Status.CONSENT_REFUSED
    receiver = client_for(eastmere_manager)
    accept = reverse("transfers:accept", kwargs={"public_id": transfer.public_id})
    response = receiver.post(accept, {"version": transfer.version, "adviser": eastmere_adviser.pk})
    assert response.status_code == 404
    with scope(council=eastmere.pk):
        assert not Parent.objects.exists()
        assert not StaffNotification.objects.exists()
    assert events("transfer.received") == []
    [refused] = events("transfer.consent.refused")
    assert refused.council_id == hillford.pk and refused.parent_id == moving_parent.pk


def test_the_parent_answers_in_the_portal(
    hillford, eastmere, moving_parent, pa, parent_user, client_for
):
    _propose(client_for(pa), moving_parent, eastmere)
    transfer = _only()
    client = client_for(parent_user)
    assert "We need your answer" in page(client.get("/my/"))
    text = page(client.get("/my/moving/"))
    assert "Eastmere" in text and "How to reach them" in text and "Yes, I agree" in text
    [viewed] = events("transfer.portal.viewed")
    assert viewed.parent_id == moving_parent.pk
    answer = reverse("transfers_portal:answer", kwargs={"public_id": transfer.public_id})
    client.post(answer, {"version": transfer.version, "answer": "yes"})
    transfer = _only()
    assert transfer.status == Status.CONSENT_GIVEN and transfer.consent_route == "portal"
    with scope(council=hillford.pk):
        step = TransferStep.objects.get(transfer=transfer, status="consent_given")
    assert step.side == "parent" and step.by == parent_user
    # A second answer (a stale page) changes nothing.
    client.post(answer, {"version": transfer.version - 1, "answer": "no"})
    assert _only().status == Status.CONSENT_GIVEN


def test_shared_support_leaves_the_sending_record_open_and_copies_only_what_was_chosen(
    hillford, eastmere, moving_parent, pa, eastmere_manager, eastmere_adviser, client_for
):
    sender = client_for(pa)
    _propose(sender, moving_parent, eastmere, kind="shared", information=())
    transfer = _only()
    _answer(sender, transfer)
    transfer = _only()
    client_for(eastmere_manager).post(
        reverse("transfers:accept", kwargs={"public_id": transfer.public_id}),
        {"version": transfer.version, "adviser": str(eastmere_adviser.pk)},
    )
    assert _only().status == Status.ACCEPTED
    with scope(council=eastmere.pk):
        new = Parent.objects.get()
        assert (new.phone, new.email, new.address) == ("", "", "")
        assert not ChildParent.objects.exists()
    with scope(council=hillford.pk):
        assert not SupportEnd.objects.exists()
    assert events("transfer.closed") == []


def test_the_receiving_council_declines_with_a_reason(
    hillford, eastmere, moving_parent, pa, eastmere_manager, client_for
):
    sender, receiver = client_for(pa), client_for(eastmere_manager)
    _propose(sender, moving_parent, eastmere)
    _answer(sender, _only())
    transfer = _only()
    decline = reverse("transfers:decline", kwargs={"public_id": transfer.public_id})
    response = receiver.post(decline, {"version": transfer.version, "reason": ""})
    assert response.status_code == 200
    assert "Enter why you are declining" in page(response)
    assert "govuk-error-summary" in page(response)
    receiver.post(decline, {"version": transfer.version, "reason": "They live in Westvale."})
    transfer = _only()
    assert transfer.status == Status.DECLINED and transfer.decided_by == eastmere_manager
    with scope(council=hillford.pk):
        assert StaffNotification.objects.filter(recipient=pa, kind="transfers.declined").exists()
    assert "They live in Westvale." in page(
        sender.get(reverse("transfers:detail", kwargs={"public_id": transfer.public_id}))
    )
    assert {event.council_id for event in events("transfer.declined")} == {
        hillford.pk,
        eastmere.pk,
    }


def test_two_deciders_at_once_make_one_record(
    hillford, eastmere, moving_parent, pa, eastmere_manager, eastmere_adviser, client_for
):
    sender = client_for(pa)
    _propose(sender, moving_parent, eastmere)
    _answer(sender, _only())
    transfer = _only()
    accept = reverse("transfers:accept", kwargs={"public_id": transfer.public_id})
    data = {"version": transfer.version, "adviser": str(eastmere_adviser.pk)}
    first = client_for(eastmere_manager)
    first.post(accept, data)
    # A second decision from a page opened before the first was saved.
    second = client_for(eastmere_manager).post(
        reverse("transfers:decline", kwargs={"public_id": transfer.public_id}),
        {"version": transfer.version, "reason": "Too late."},
        follow=True,
    )
    assert "already gone on to" in page(second)
    with scope(council=eastmere.pk):
        assert Parent.objects.count() == 1
    assert _only().status == Status.ACCEPTED
    # A stale version on an open transfer is a message, not a change.
    with scopes_disabled():
        Transfer.objects.all().delete()
    _propose(sender, moving_parent, eastmere)
    transfer = _only()
    transfer.version += 5
    response = _answer(sender, transfer)
    assert "Someone else changed this move" in page(sender.get(response["Location"]))
    assert _only().status == Status.PROPOSED


def test_the_adviser_withdraws_after_consent(
    hillford, eastmere, moving_parent, pa, eastmere_manager, client_for
):
    sender = client_for(pa)
    _propose(sender, moving_parent, eastmere)
    _answer(sender, _only())
    transfer = _only()
    sender.post(
        reverse("transfers:withdraw", kwargs={"public_id": transfer.public_id}),
        {"version": transfer.version},
    )
    assert _only().status == Status.WITHDRAWN
    assert {event.council_id for event in events("transfer.withdrawn")} == {
        hillford.pk,
        eastmere.pk,
    }
    text = page(client_for(eastmere_manager).get(reverse("transfers:index")))
    assert "Withdrawn" in text
    # A new move can be proposed once the last one is closed.
    assert _propose(sender, moving_parent, eastmere).status_code == 302


def test_the_plan_brings_each_charter_promise_s_progress(
    hillford, eastmere, moving_parent, pa, eastmere_manager, eastmere_adviser, client_for
):
    from django.core.management import call_command

    from parent_charter.charter.models import CharterVersion
    from parent_charter.plans.models import PlanItem
    from parent_charter.plans.services import refresh_parent
    from tests.factories import LocalOfferFactory

    call_command("load_charter", stdout=open("/dev/null", "w"))  # noqa: SIM115
    version = CharterVersion.objects.get()
    for council in (hillford, eastmere):
        LocalOfferFactory(council=council, charter_version=version)
    with scope(council=hillford.pk):
        refresh_parent(parent=moving_parent, actor=pa)
        done, undiscussed = PlanItem.objects.filter(
            plan__parent=moving_parent, commitment__isnull=False, child__isnull=True
        ).select_related("commitment")[:2]
        PlanItem.objects.filter(pk=done.pk).update(
            status="delivered", evidence="Receipt on file.", parent_view="It helped."
        )
    sender = client_for(pa)
    _propose(sender, moving_parent, eastmere, information=("plan", "children"))
    _answer(sender, _only())
    transfer = _only()
    client_for(eastmere_manager).post(
        reverse("transfers:accept", kwargs={"public_id": transfer.public_id}),
        {"version": transfer.version, "adviser": str(eastmere_adviser.pk)},
    )
    with scope(council=eastmere.pk):
        new = Parent.objects.get()
        items = {
            item.commitment.key: item
            for item in PlanItem.objects.filter(
                plan__parent=new, commitment__isnull=False, child__isnull=True
            ).select_related("commitment")
        }
    brought = items[done.commitment.key]
    assert (brought.status, brought.evidence, brought.parent_view) == (
        "delivered",
        "Receipt on file.",
        "It helped.",
    )
    # The promises not yet started start afresh, as the new council's own items.
    assert items[undiscussed.commitment.key].status == "to_discuss"
    [accepted] = [e for e in events("transfer.accepted") if e.council_id == eastmere.pk]
    assert accepted.detail["plan_items"] == 1
    assert any(e.council_id == eastmere.pk for e in events("plan.item.delivered"))


@pytest.mark.parametrize("kind", ["transfer", "shared"])
def test_a_parent_who_moved_leaves_the_sending_caseloads_but_shared_support_stays(
    kind,
    hillford,
    eastmere,
    moving_parent,
    pa,
    manager,
    eastmere_manager,
    eastmere_adviser,
    client_for,
):
    sender = client_for(pa)
    caseload = reverse("caseload:mine")
    assert moving_parent.family_name in page(sender.get(caseload))
    _propose(sender, moving_parent, eastmere, kind=kind, information=())
    _answer(sender, _only())
    transfer = _only()
    client_for(eastmere_manager).post(
        reverse("transfers:accept", kwargs={"public_id": transfer.public_id}),
        {"version": transfer.version, "adviser": str(eastmere_adviser.pk)},
    )
    assert _only().status == Status.ACCEPTED
    stays = kind == "shared"
    assert (moving_parent.family_name in page(sender.get(caseload))) is stays
    whole_council = page(client_for(manager).get(caseload))
    assert (moving_parent.family_name in whole_council) is stays
    # The record itself is kept, history and all, and found in the list of all parents.
    assert moving_parent.family_name in page(sender.get(reverse("parents:list")))
    detail = reverse("parents:detail", kwargs={"public_id": moving_parent.public_id})
    assert sender.get(detail).status_code == 200
