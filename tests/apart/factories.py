"""Factories for the living-apart records. Deterministic, no real people."""

import datetime
import hashlib
import struct
import zlib
from decimal import Decimal

import factory

from parent_charter.apart.models import (
    ContactArrangement,
    ContactSession,
    CostClaim,
    GriefSupportOffer,
    LetterBoxExchange,
    Proceeding,
    Receipt,
)
from tests.factories import (
    ChildCircumstanceFactory,
    ChildFactory,
    ChildParentFactory,
    ParentRecordFactory,
)


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real (tiny, grey) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def child_apart(parent, *, lives_with="foster_care", legal_status="looked_after", name="Freya"):
    """A born child of `parent` who lives apart from them."""
    child = ChildFactory(
        council=parent.council,
        given_name=name,
        due_date=None,
        date_of_birth=datetime.date(2025, 2, 3),
    )
    ChildParentFactory(child=child, parent=parent)
    ChildCircumstanceFactory(
        child=child,
        lives_with=lives_with,
        legal_status=legal_status,
        from_date=datetime.date(2025, 6, 1),
    )
    return child


class ContactArrangementFactory(ParentRecordFactory):
    class Meta:
        model = ContactArrangement

    child = factory.LazyAttribute(lambda o: child_apart(o.parent))
    kind = "supervised"
    frequency = "fortnightly"
    next_place = "Family centre"
    arranged_by = "Contact centre team"


class LetterBoxExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterBoxExchange

    council = factory.SelfAttribute("arrangement.council")
    arrangement = factory.SubFactory(ContactArrangementFactory, kind="letter_box")
    due_on = datetime.date(2027, 3, 1)
    goes_through = "Adoption agency letter-box coordinator"


class ContactSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactSession

    council = factory.SelfAttribute("arrangement.council")
    arrangement = factory.SubFactory(ContactArrangementFactory)
    held_on = datetime.date(2026, 5, 1)
    outcome = "attended"


class CostClaimFactory(ParentRecordFactory):
    class Meta:
        model = CostClaim

    kind = "travel"
    description = "Return bus fare to the family centre"
    amount = Decimal("7.40")
    journey_date = datetime.date(2026, 5, 1)


class ReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Receipt

    council = factory.SelfAttribute("claim.council")
    claim = factory.SubFactory(CostClaimFactory)
    data = factory.LazyFunction(png_bytes)
    content_type = "image/png"
    size = factory.LazyAttribute(lambda o: len(o.data))
    original_name = "bus-ticket.png"
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.data).hexdigest())
    uploaded_by = factory.SelfAttribute("claim.claimed_by")


class ProceedingFactory(ParentRecordFactory):
    class Meta:
        model = Proceeding

    kind = "court_hearing"
    held_on = datetime.date(2026, 6, 10)
    place = "Family court"
    supporters = factory.LazyFunction(lambda: ["adviser", "solicitor"])


class GriefSupportOfferFactory(ParentRecordFactory):
    class Meta:
        model = GriefSupportOffer

    offered_on = datetime.date(2026, 4, 2)
    offered_by = "Priya Adviser"
    kind = "counselling"
    answer = "later"
