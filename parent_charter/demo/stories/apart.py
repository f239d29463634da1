"""Demo stories of parents living apart from a child, built on the demo children already seeded.

`seed(council)` looks for the demo parents whose children live apart from them and gives each
child an arrangement that fits where the child lives: supervised visits and letters for a
child in foster care, letter-box only for an adopted child, and visits for a child living with
the other parent or relatives. Claims, a hearing and grief support follow. Idempotent: every
record has a fixed public_id, so a second run adds nothing.
"""

import datetime
import hashlib
import struct
import uuid
import zlib
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from parent_charter.apart.models import (
    ClaimStatus,
    ContactArrangement,
    ContactKind,
    ContactSession,
    CostClaim,
    CostKind,
    Frequency,
    GriefAnswer,
    GriefFollowUp,
    GriefSupportKind,
    GriefSupportOffer,
    LetterBoxExchange,
    Proceeding,
    ProceedingKind,
    Receipt,
    SessionOutcome,
    Supporter,
)
from parent_charter.apart.selectors import apart_children
from parent_charter.apart.services.claims import team_managers
from parent_charter.children.models import LegalStatus, LivesWith
from parent_charter.demo.recorded import demo_id, record_demo
from parent_charter.demo.scenarios import demo_parents

REMOVED_HOMES = {LivesWith.FOSTER_CARE}
REMOVED_STATUSES = {LegalStatus.LOOKED_AFTER, LegalStatus.PLACEMENT_ORDER}
ADOPTED = {LivesWith.ADOPTED}
# Places the demo mentions, so each council's stories are set in its own area.
PLACES = {
    "herefordshire": {
        "contact_centre": "Family contact centre, Hereford",
        "offices": "Plough Lane offices, Hereford",
        "court": "Hereford Justice Centre",
        "park": "Bishops Meadow play park, then lunch",
    },
    "cardiff": {
        "contact_centre": "Family contact centre, Cardiff",
        "offices": "County Hall, Cardiff Bay",
        "court": "Cardiff Civil and Family Justice Centre",
        "park": "Roath Park playground, then lunch",
    },
}
GENERIC_PLACES = {
    "contact_centre": "The family contact centre",
    "offices": "The council's offices",
    "court": "The family court",
    "park": "The local park, then lunch",
}


def demo_png(size: int = 12) -> bytes:
    """A small real PNG (a pale square), standing in for a photographed bus ticket."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes([0xE0 - 4 * x for x in range(size)]) for _ in range(size))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class _Seeder:
    def __init__(self, council):
        self.council = council
        self.today = timezone.localdate()
        self.created: dict[str, int] = {}
        managers = team_managers(council)
        self.manager = managers[0] if managers else None
        self.places = PLACES.get(council.slug, GENERIC_PLACES)

    def _id(self, *parts) -> uuid.UUID:
        return demo_id(self.council, "apart", *parts)

    def _make(self, model, key: tuple, label: str, **fields):
        record, created = model.objects.get_or_create(
            public_id=self._id(*key), defaults={"council": self.council, **fields}
        )
        if created:
            self.created[label] = self.created.get(label, 0) + 1
            record_demo(self.council, "apart.demo.seeded", record)
        return record, created

    def day(self, offset: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset)

    # --- Stories by where the child lives ---------------------------------------------------

    def removed_child(self, parent, row) -> None:
        """A child in foster care: supervised visits at the contact centre, and letters."""
        key = str(row.child.public_id)
        adviser = parent.personal_adviser
        visits = self._visits(
            parent,
            row,
            (key, "supervised"),
            kind=ContactKind.SUPERVISED,
            next_date=self.day(5),
            next_place=self.places["contact_centre"],
            arranged_by="Contact centre family support worker",
            notes=f"{row.label} settles quickly when the visit starts with a story.",
            started_on=self.day(-120),
            sessions=(
                (-37, SessionOutcome.ATTENDED, "Played with the farm set; warm goodbye."),
                (-23, SessionOutcome.CANCELLED_BY_PLACEMENT, "Carer unwell; rearranged."),
                (-9, SessionOutcome.ATTENDED, "Brought a photo album to share. Went well."),
            ),
        )
        self._letter_box(
            parent,
            row,
            (key, "letters"),
            frequency=Frequency.FEW_MONTHS,
            through="The child's social worker",
            notes="Letters and photos passed on through the fostering team.",
            started_on=self.day(-120),
            letters=[
                {"due_on": self.day(-84), "sent_on": self.day(-86), "received_on": self.day(-70)},
                {"due_on": self.day(6), "notes": "Wants help choosing which photos to send."},
            ],
        )
        # The looked-after child review behind, and the court hearing ahead: (key, kind, day,
        # place, who goes besides the adviser, outcome).
        for part, kind, offset, place, supporter, outcome in (
            (
                "review",
                ProceedingKind.LAC_REVIEW,
                -30,
                "offices",
                Supporter.ADVOCATE,
                "Contact to stay fortnightly; to be reviewed in three months.",
            ),
            ("hearing", ProceedingKind.COURT_HEARING, 24, "court", Supporter.SOLICITOR, ""),
        ):
            self._make(
                Proceeding,
                (key, part),
                "proceedings",
                parent=parent,
                child=row.child,
                kind=kind,
                held_on=self.day(offset),
                place=self.places[place],
                supporters=[Supporter.ADVISER, supporter],
                outcome=outcome,
                created_by=adviser,
            )
        offer, created = self._grief_offer(
            parent,
            key,
            offered_on=self.day(-60),
            kind=GriefSupportKind.COUNSELLING,
            answer=GriefAnswer.LATER,
            notes="Not ready to talk to someone new yet, but glad to know it is there.",
        )
        if created:
            GriefFollowUp.objects.create(
                council=self.council,
                offer=offer,
                on=self.day(-14),
                note="Asked again after the review. Would like to try a peer group first.",
                recorded_by=adviser,
            )
        self._claim(
            parent,
            visits,
            (key, "claim", "waiting"),
            description="Return bus fare to the contact centre",
            amount=Decimal("6.80"),
            journey_date=self.day(-9),
            receipt=True,
        )

    def adopted_child(self, parent, row) -> None:
        """An adopted child: letter-box contact only, twice a year."""
        key = str(row.child.public_id)
        self._letter_box(
            parent,
            row,
            (key, "letter-box"),
            frequency=Frequency.TWICE_A_YEAR,
            through="Adoption agency letter-box coordinator",
            notes="Letters in spring and autumn; the adoptive family replies with photos.",
            started_on=self.day(-400),
            letters=[
                {
                    "due_on": self.day(-180),
                    "sent_on": self.day(-183),
                    "received_on": self.day(-150),
                },
                {"due_on": self.day(4)},
            ],
        )
        self._grief_offer(
            parent,
            key,
            offered_on=self.day(-90),
            kind=GriefSupportKind.LIFE_STORY,
            answer=GriefAnswer.ACCEPTED,
            notes="Making a memory box to keep the letters and photos together.",
        )

    def child_with_family(self, parent, row) -> None:
        """A child living with the other parent or relatives: regular visits."""
        key = str(row.child.public_id)
        visits = self._visits(
            parent,
            row,
            (key, "visits"),
            kind=ContactKind.DIRECT,
            next_date=self.day(3),
            next_place=self.places["park"],
            arranged_by="Agreed with the child's mother",
            started_on=self.day(-300),
            sessions=((-11, SessionOutcome.ATTENDED, "A good afternoon; stayed for tea."),),
        )
        self._claim(
            parent,
            visits,
            (key, "claim", "paid"),
            description="Return train fare for a Saturday visit",
            amount=Decimal("14.20"),
            journey_date=self.day(-25),
            paid=True,
        )

    def _arrangement(self, parent, row, key, **fields):
        """A contact arrangement for the child in `row`, set up by the parent's adviser."""
        return self._make(
            ContactArrangement,
            key,
            "arrangements",
            parent=parent,
            child=row.child,
            created_by=parent.personal_adviser,
            **fields,
        )

    def _visits(self, parent, row, key, *, sessions, **fields):
        """A fortnightly visiting arrangement and, when it is new, its past `sessions`
        (day offset, outcome, notes)."""
        adviser = parent.personal_adviser
        arrangement, created = self._arrangement(
            parent, row, key, frequency=Frequency.FORTNIGHTLY, **fields
        )
        if created:
            for offset, outcome, notes in sessions:
                ContactSession.objects.create(
                    council=self.council,
                    arrangement=arrangement,
                    held_on=self.day(offset),
                    outcome=outcome,
                    notes=notes,
                    recorded_by=adviser,
                )
        return arrangement

    def _letter_box(self, parent, row, key, *, frequency, through, notes, started_on, letters):
        """A letter-box arrangement through `through` and, when it is new, its `letters`
        (the fields of each letter-box date)."""
        adviser = parent.personal_adviser
        arrangement, created = self._arrangement(
            parent,
            row,
            key,
            kind=ContactKind.LETTER_BOX,
            frequency=frequency,
            arranged_by=through,
            notes=notes,
            started_on=started_on,
        )
        if created:
            for number, letter in enumerate(letters, start=1):
                LetterBoxExchange.objects.create(
                    council=self.council,
                    public_id=self._id(key[0], "letter", str(number)),
                    arrangement=arrangement,
                    goes_through=through,
                    created_by=adviser,
                    **letter,
                )

    def _grief_offer(self, parent, key, **fields):
        adviser = parent.personal_adviser
        return self._make(
            GriefSupportOffer,
            (key, "grief"),
            "grief support offers",
            parent=parent,
            offered_by=adviser.full_name if adviser else "Personal adviser",
            created_by=adviser,
            **fields,
        )

    def _claim(self, parent, arrangement, key, *, description, amount, journey_date, **how):
        adviser = parent.personal_adviser
        if adviser is None:
            return
        paid = how.get("paid", False) and self.manager is not None
        claim, created = self._make(
            CostClaim,
            key,
            "claims",
            parent=parent,
            arrangement=arrangement,
            kind=CostKind.TRAVEL,
            description=description,
            amount=amount,
            journey_date=journey_date,
            claimed_by=adviser,
            status=ClaimStatus.PAID if paid else ClaimStatus.WAITING,
            decided_by=self.manager if paid else None,
            decided_at=timezone.now() - datetime.timedelta(days=20) if paid else None,
            paid_on=self.day(-18) if paid else None,
            paid_recorded_by=adviser if paid else None,
        )
        if created and how.get("receipt"):
            data = demo_png()
            Receipt.objects.create(
                council=self.council,
                claim=claim,
                data=data,
                content_type="image/png",
                size=len(data),
                original_name="bus-ticket.png",
                sha256=hashlib.sha256(data).hexdigest(),
                uploaded_by=adviser,
            )


def seed(council) -> str:
    with scopes_disabled(), transaction.atomic():
        seeder = _Seeder(council)
        for parent in demo_parents(council):
            for row in apart_children(parent):
                circumstance = _current(row.child)
                if circumstance is None:
                    continue
                if circumstance.lives_with in ADOPTED or circumstance.legal_status == "adopted":
                    seeder.adopted_child(parent, row)
                elif (
                    circumstance.lives_with in REMOVED_HOMES
                    or circumstance.legal_status in REMOVED_STATUSES
                ):
                    seeder.removed_child(parent, row)
                else:
                    seeder.child_with_family(parent, row)
    if not seeder.created:
        return ""
    return ", ".join(f"{count} {label}" for label, count in sorted(seeder.created.items()))


def _current(child):
    return child.circumstances.order_by("-from_date", "-recorded_at", "-pk").first()
