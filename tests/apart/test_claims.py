"""Money for the costs of contact: a claim with its receipt, a manager's decision, payment."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, reset_queries, transaction
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from parent_charter.accounts.roles import Role
from parent_charter.apart.models import ClaimStatus, CostClaim, Receipt
from parent_charter.apart.receipts import MAX_RECEIPT_BYTES, clean_name
from parent_charter.apart.services import claims
from parent_charter.notifications.models import ParentNotice, StaffNotification
from tests.conftest import _staff
from tests.helpers import date_fields, events, today

from .factories import (
    PDF_BYTES,
    ContactArrangementFactory,
    CostClaimFactory,
    ReceiptFactory,
    png_bytes,
)
from .helpers import error_of, fresh, make


def _url(parent) -> str:
    return f"/staff/living-apart/parent/{parent.public_id}/claims/add/"


def _form(receipt=None, **overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "travel",
        "description": "Return bus fare to the contact centre",
        "amount": "£6.80",
        **date_fields("journey_date", today() - datetime.timedelta(days=2)),
        "arrangement": "",
    }
    if receipt is not None:
        data["receipt"] = receipt
    data.update(overrides)
    return data


def _claims(parent) -> list[CostClaim]:
    with scopes_disabled():
        return list(CostClaim.objects.filter(parent=parent).order_by("pk"))


def _claim(parent, claimant, **fields) -> CostClaim:
    return make(parent.council, CostClaimFactory, parent=parent, claimed_by=claimant, **fields)


def test_an_adviser_claims_with_a_png_receipt_and_managers_are_told(
    client_for, pa, manager, hillford_parent
):
    arrangement = make(hillford_parent.council, ContactArrangementFactory, parent=hillford_parent)
    image = png_bytes()
    upload = SimpleUploadedFile("Ticket 3 May.PNG", image, content_type="image/png")
    response = client_for(pa).post(
        _url(hillford_parent), _form(upload, arrangement=str(arrangement.public_id))
    )

    [claim] = _claims(hillford_parent)
    assert response.status_code == 302
    assert response["Location"] == f"/staff/living-apart/claims/{claim.public_id}/"
    assert claim.amount == Decimal("6.80") and isinstance(claim.amount, Decimal)
    assert claim.status == ClaimStatus.WAITING and claim.claimed_by == pa
    assert claim.arrangement == arrangement
    with scopes_disabled():
        receipt = Receipt.objects.get(claim=claim)
    assert bytes(receipt.data) == image and receipt.content_type == "image/png"
    assert receipt.size == len(image) and receipt.original_name == "Ticket 3 May.PNG"
    [event] = events("apart.claim.added")
    assert event.detail == {"kind": "travel", "receipt": True}
    with scopes_disabled():
        [notice] = StaffNotification.objects.filter(kind="apart.claim_waiting")
    assert notice.recipient == manager and notice.url.endswith(f"{claim.public_id}/")


@pytest.mark.parametrize(
    ("amount", "stored"),
    [("12.5", "12.50"), ("£1,234.56", "1234.56"), (" 7 ", "7.00"), ("0.01", "0.01")],
)
def test_amounts_are_read_as_exact_decimals(client_for, pa, hillford_parent, amount, stored):
    assert client_for(pa).post(_url(hillford_parent), _form(amount=amount)).status_code == 302
    [claim] = _claims(hillford_parent)
    assert fresh(claim).amount == Decimal(stored)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter the amount"),
        ("ten pounds", "pounds and pence"),
        ("1.234", "pounds and pence"),
        ("-5", "pounds and pence"),
        ("0", "more than £0"),
        ("10000.01", "£10,000 or less"),
        ("1e3", "pounds and pence"),
        ("NaN", "pounds and pence"),
    ],
)
def test_bad_amounts_are_refused_next_to_the_field(
    client_for, pa, hillford_parent, amount, message
):
    response = client_for(pa).post(_url(hillford_parent), _form(amount=amount))
    assert response.status_code == 200
    assert message in error_of(response.content.decode(), "amount")
    assert _claims(hillford_parent) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"just some text", "must be a PDF, JPG or PNG"),
        ("receipt.exe", b"MZ\x90\x00", "must be a PDF, JPG or PNG"),
        ("receipt.png", b"<html><script>alert(1)</script>", "not a real PDF, JPG or PNG"),
        ("receipt.pdf", png_bytes(), "not a real PDF, JPG or PNG"),
        ("receipt.jpg", PDF_BYTES, "not a real PDF, JPG or PNG"),
        ("receipt.pdf", b"", "The selected file is empty"),
    ],
)
def test_receipts_are_checked_by_their_bytes_not_only_their_name(
    client_for, pa, hillford_parent, name, content, message
):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client_for(pa).post(_url(hillford_parent), _form(upload))
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in error_of(body, "receipt")
    assert _claims(hillford_parent) == []


def test_a_receipt_over_5_mb_is_refused(client_for, pa, hillford_parent):
    big = b"%PDF-1.7\n" + b"0" * MAX_RECEIPT_BYTES
    upload = SimpleUploadedFile("scan.pdf", big, content_type="application/pdf")
    response = client_for(pa).post(_url(hillford_parent), _form(upload))
    assert "smaller than 5 MB" in error_of(response.content.decode(), "receipt")
    assert _claims(hillford_parent) == []


def test_a_pdf_and_a_jpeg_are_accepted(client_for, pa, hillford_parent):
    client = client_for(pa)
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
    for name, content in (("receipt.pdf", PDF_BYTES), ("photo.jpeg", jpeg)):
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        assert client.post(_url(hillford_parent), _form(upload)).status_code == 302
    with scopes_disabled():
        types = list(
            Receipt.objects.filter(claim__parent=hillford_parent)
            .order_by("pk")
            .values_list("content_type", flat=True)
        )
    assert types == ["application/pdf", "image/jpeg"]


def test_the_receipt_is_served_as_a_download_with_safe_headers(client_for, pa, hillford_parent):
    claim = _claim(hillford_parent, pa)
    receipt = make(hillford_parent.council, ReceiptFactory, claim=claim)
    response = client_for(pa).get(f"/staff/living-apart/claims/{claim.public_id}/receipt/")
    assert response.status_code == 200
    assert response.content == bytes(receipt.data)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="bus-ticket.png"'
    assert response["Content-Length"] == str(receipt.size)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    [event] = events("apart.receipt.downloaded")
    assert event.actor == pa and event.object_id == str(claim.public_id)


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("C:\\Users\\jo\\Desktop\\ticket.png", "ticket.png"),
        ("../../etc/ticket.png", "ticket.png"),
        ('bus "ticket"\r\nX-Evil: 1.png', "bus _ticket_X-Evil: 1.png"),
        ("é-reçu.pdf", "é-reçu.pdf"),
        ("a" * 300 + ".pdf", "a" * 190 + ".pdf"),
    ],
)
def test_the_original_name_is_kept_without_folders_or_header_tricks(sent, kept):
    assert clean_name(sent) == kept


def test_a_social_worker_cannot_open_claims_or_receipts(client_for, pa, assessor, hillford_parent):
    claim = _claim(hillford_parent, pa)
    make(hillford_parent.council, ReceiptFactory, claim=claim)
    client = client_for(assessor)
    assert client.get(f"/staff/living-apart/claims/{claim.public_id}/").status_code == 403
    assert client.get(f"/staff/living-apart/claims/{claim.public_id}/receipt/").status_code == 403
    assert events("apart.receipt.downloaded") == []


def test_a_claim_without_a_receipt_has_no_download(client_for, pa, hillford_parent):
    claim = _claim(hillford_parent, pa)
    client = client_for(pa)
    assert client.get(f"/staff/living-apart/claims/{claim.public_id}/receipt/").status_code == 404
    assert (
        "No receipt"
        in client.get(f"/staff/living-apart/claims/{claim.public_id}/").content.decode()
    )


def _decide(client, claim, decision="approve", reason=""):
    return client.post(
        f"/staff/living-apart/claims/{claim.public_id}/decide/",
        {"decision": decision, "reason": reason},
    )


def test_a_manager_approves_and_the_adviser_and_parent_are_told(
    client_for, pa, manager, hillford_parent
):
    claim = _claim(hillford_parent, pa, amount=Decimal("14.20"))
    response = _decide(client_for(manager), claim)
    assert response.status_code == 302
    saved = fresh(claim)
    assert saved.status == ClaimStatus.APPROVED and saved.decided_by == manager
    assert saved.decided_at is not None
    [event] = events("apart.claim.approved")
    assert event.actor == manager and event.detail == {"reason_given": False}
    with scopes_disabled():
        assert StaffNotification.objects.filter(recipient=pa, kind="apart.claim_approved").exists()
        [notice] = ParentNotice.objects.filter(parent=hillford_parent)
    assert "£14.20" in notice.text


def test_not_approving_needs_a_reason(client_for, pa, manager, hillford_parent):
    claim = _claim(hillford_parent, pa)
    response = _decide(client_for(manager), claim, "reject")
    assert response.status_code == 200
    assert "Enter the reason" in error_of(response.content.decode(), "reason")
    assert fresh(claim).status == ClaimStatus.WAITING
    assert (
        _decide(client_for(manager), claim, "reject", "Paid by the other council").status_code
        == 302
    )
    saved = fresh(claim)
    assert saved.status == ClaimStatus.REJECTED and saved.decision_reason.startswith("Paid")
    assert events("apart.claim.rejected")[0].detail == {"reason_given": True}


def test_a_manager_cannot_approve_their_own_claim(client_for, manager, hillford, hillford_parent):
    claim = _claim(hillford_parent, manager)
    client = client_for(manager)
    page = client.get(f"/staff/living-apart/claims/{claim.public_id}/").content.decode()
    assert "another team manager must decide it" in page
    assert 'name="decision"' not in page

    response = _decide(client, claim)
    assert response.status_code == 403
    assert "another team manager must decide it" in response.content.decode()
    assert fresh(claim).status == ClaimStatus.WAITING
    assert events("apart.claim.approved") == []

    # The service refuses it too, and so does the database.
    with scope(council=hillford.pk), pytest.raises(claims.ClaimRuleBroken) as refused:
        claims.claim_decide(claim=claim, actor=manager, approve=True)
    assert refused.value.code == "own_claim"
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        CostClaim.objects.filter(pk=claim.pk).update(decided_by=manager)

    # Another manager can.
    second = _staff(hillford, "Mo Secondmanager", [Role.TEAM_MANAGER])
    assert _decide(client_for(second), claim).status_code == 302
    assert fresh(claim).decided_by == second


def test_only_team_managers_decide(client_for, pa, assessor, hillford, hillford_parent):
    other_pa = _staff(hillford, "Pat Adviser", [Role.PERSONAL_ADVISER])
    claim = _claim(hillford_parent, other_pa)
    for person in (pa, assessor):
        assert _decide(client_for(person), claim).status_code == 403
    assert fresh(claim).status == ClaimStatus.WAITING
    page = client_for(pa).get(f"/staff/living-apart/claims/{claim.public_id}/").content.decode()
    assert 'name="decision"' not in page and "A team manager will decide" in page


def test_a_decided_claim_cannot_be_decided_again(
    client_for, pa, manager, hillford, hillford_parent
):
    claim = _claim(hillford_parent, pa)
    assert _decide(client_for(manager), claim).status_code == 302
    second = _staff(hillford, "Mo Secondmanager", [Role.TEAM_MANAGER])
    response = _decide(client_for(second), claim, "reject", "Too late")
    assert response.status_code == 409
    assert "already been decided" in response.content.decode()
    assert fresh(claim).status == ClaimStatus.APPROVED


def test_payment_is_recorded_once_approved(client_for, pa, manager, hillford_parent):
    claim = _claim(hillford_parent, pa)
    client = client_for(pa)
    url = f"/staff/living-apart/claims/{claim.public_id}/paid/"
    early = client.post(url, date_fields("paid_on", today()))
    assert "Only an approved claim" in early.content.decode()
    assert fresh(claim).paid_on is None

    _decide(client_for(manager), claim)
    future = client.post(url, date_fields("paid_on", today() + datetime.timedelta(days=1)))
    assert "today or in the past" in error_of(future.content.decode(), "paid_on")
    before = client.post(url, date_fields("paid_on", today() - datetime.timedelta(days=3)))
    assert "on or after" in error_of(before.content.decode(), "paid_on")

    assert client.post(url, date_fields("paid_on", today())).status_code == 302
    saved = fresh(claim)
    assert saved.status == ClaimStatus.PAID and saved.paid_on == today()
    assert saved.paid_recorded_by == pa
    assert len(events("apart.claim.paid")) == 1
    again = client.post(url, date_fields("paid_on", today()))
    assert again.status_code == 409 and len(events("apart.claim.paid")) == 1


def test_viewing_a_claim_is_audited(client_for, pa, hillford_parent):
    claim = _claim(hillford_parent, pa)
    assert client_for(pa).get(f"/staff/living-apart/claims/{claim.public_id}/").status_code == 200
    [event] = events("apart.claim.viewed")
    assert event.actor == pa and event.object_id == str(claim.public_id)


def _waiting(parents, claimant, each: int):
    for parent in parents:
        with scope(council=parent.council_id):
            for _ in range(each):
                claim = CostClaimFactory(parent=parent, claimed_by=claimant)
                ReceiptFactory(claim=claim)


def test_the_waiting_list_has_a_constant_query_count_and_a_dashboard_count(
    client_for, pa, manager, hillford
):
    from tests.factories import ParentFactory

    with scope(council=hillford.pk):
        parents = [ParentFactory(council=hillford) for _ in range(4)]
    client = client_for(manager)
    _waiting(parents[:1], pa, 1)
    client.get("/staff/living-apart/claims/waiting/")

    def count():
        # The query log is a bounded deque: once full, counts read zero. Start empty.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/staff/living-apart/claims/waiting/")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, body = count()
    assert body.count("/staff/living-apart/claims/") >= 1
    _waiting(parents, pa, 5)
    many, body = count()
    assert few == many and few > 0
    assert body.count('<tr class="govuk-table__row">') == 1 + 21
    event = events("apart.claims.waiting.viewed")[-1]
    assert event.detail == {"shown": 21}

    # The manager's start page links to the list with the count they can decide.
    _claim(parents[0], manager)
    dashboard = client.get("/staff/").content.decode()
    link = dashboard.split("/staff/living-apart/claims/waiting/", 1)[1].split("</li>", 1)[0]
    assert "Claims waiting for approval" in link and ">21<" in link
    assert (
        "/staff/living-apart/claims/waiting/" not in client_for(pa).get("/staff/").content.decode()
    )


def test_another_councils_claim_is_not_found(client_for, manager, other_pa, eastmere_parent):
    claim = _claim(eastmere_parent, other_pa)
    client = client_for(manager)
    assert client.get(f"/staff/living-apart/claims/{claim.public_id}/").status_code == 404
    assert _decide(client, claim).status_code == 404
    assert fresh(claim).status == ClaimStatus.WAITING
