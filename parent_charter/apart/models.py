"""Support when parent and child live apart: contact, letter-box, costs, proceedings and grief.

The charter promises a parent separated from their child practical help to keep in touch,
help with the costs of it, support through proceedings and meetings, and help with grief and
loss. Each of those is a record here, attached to the parent (and, where it concerns one
child, to that child), so the parent's adviser can see what is coming up and what was done.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class ContactKind(models.TextChoices):
    DIRECT = "direct", _("Direct (face to face)")
    SUPERVISED = "supervised", _("Supervised")
    CALL = "call", _("Video or phone call")
    LETTER_BOX = "letter_box", _("Letter-box")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")
    FEW_MONTHS = "few_months", _("Every few months")
    TWICE_A_YEAR = "twice_a_year", _("Twice a year")
    YEARLY = "yearly", _("Once a year")
    AS_AGREED = "as_agreed", _("As agreed each time")


class ContactArrangement(CouncilOwnedModel, VersionedModel):
    """How a parent keeps in touch with one child who does not live with them.

    A parent may have several at once (supervised visits and a letter-box, say), and an
    arrangement that ends is kept with its end date rather than removed.
    """

    # What a change form may change: the form shows them in this order, the service saves them.
    EDITABLE_FIELDS = (
        "kind",
        "frequency",
        "next_date",
        "next_place",
        "arranged_by",
        "started_on",
        "ended_on",
        "notes",
    )

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="contact_arrangements"
    )
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="contact_arrangements"
    )
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind.choices)
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)
    next_date = models.DateField(_("next date"), null=True, blank=True)
    next_place = models.CharField(_("where"), max_length=200, blank=True)
    arranged_by = models.CharField(_("who supervises or arranges it"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ended_on", "pk"]
        indexes = [
            models.Index(fields=["council", "next_date"]),
            models.Index(fields=["parent", "child"]),
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    @property
    def is_letter_box(self) -> bool:
        return self.kind == ContactKind.LETTER_BOX


class LetterBoxExchange(CouncilOwnedModel, VersionedModel):
    """One round of letter-box contact: the parent's letter due, sent, and any reply received."""

    EDITABLE_FIELDS = ("due_on", "sent_on", "received_on", "goes_through", "notes")

    arrangement = models.ForeignKey(
        ContactArrangement, on_delete=models.CASCADE, related_name="letter_exchanges"
    )
    due_on = models.DateField(_("the parent's letter is due"))
    sent_on = models.DateField(_("date the parent's letter was sent"), null=True, blank=True)
    received_on = models.DateField(_("date a letter was received"), null=True, blank=True)
    goes_through = models.CharField(_("who it goes through"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_on", "-pk"]
        indexes = [models.Index(fields=["council", "due_on"])]

    def __str__(self):
        return f"Letter-box exchange due {self.due_on}"


class SessionOutcome(models.TextChoices):
    ATTENDED = "attended", _("Took place")
    CANCELLED_BY_PARENT = "cancelled_parent", _("Cancelled by the parent")
    CANCELLED_BY_COUNCIL = "cancelled_council", _("Cancelled by the carer or the council")
    CANCELLED_BY_PLACEMENT = "cancelled_placement", _("Cancelled by the child's placement")
    CANCELLED_OTHER = "cancelled_other", _("Cancelled for another reason")


class ContactSession(CouncilOwnedModel):
    """A contact session as it happened (or did not): a log, added to and never rewritten."""

    arrangement = models.ForeignKey(
        ContactArrangement, on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("date"))
    outcome = models.CharField(_("what happened"), max_length=30, choices=SessionOutcome.choices)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on} {self.outcome}"

    @property
    def took_place(self) -> bool:
        return self.outcome == SessionOutcome.ATTENDED


class ReminderKind(models.TextChoices):
    LETTER_BOX = "letter_box", _("Letter-box letter due")
    CONTACT = "contact", _("Contact session")


class ReminderSent(CouncilOwnedModel):
    """That the adviser was reminded of one date, so the daily run never reminds them twice.

    The unique constraints make the check hold even if two runs overlap: the second insert
    fails and its notification rolls back with it.
    """

    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    exchange = models.ForeignKey(
        LetterBoxExchange, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    arrangement = models.ForeignKey(
        ContactArrangement, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    for_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["exchange", "for_date"],
                condition=Q(exchange__isnull=False),
                name="apart_reminder_once_per_letter_date",
            ),
            models.UniqueConstraint(
                fields=["arrangement", "for_date"],
                condition=Q(arrangement__isnull=False),
                name="apart_reminder_once_per_contact_date",
            ),
            models.CheckConstraint(
                condition=Q(kind="letter_box", exchange__isnull=False, arrangement__isnull=True)
                | Q(kind="contact", arrangement__isnull=False, exchange__isnull=True),
                name="apart_reminder_names_one_record",
            ),
        ]

    def __str__(self):
        return f"{self.kind} reminder for {self.for_date}"


class CostKind(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    FOOD = "food", _("Food and drink during contact")
    ACTIVITY = "activity", _("An activity or outing")
    GIFT = "gift", _("A card or present")
    POSTAGE = "postage", _("Postage or stationery for letters")
    OTHER = "other", _("Something else")


class ClaimStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    PAID = "paid", _("Paid")


class CostClaim(CouncilOwnedModel, VersionedModel):
    """Money for the costs of keeping in touch: claimed, decided by a manager, then paid.

    The person who made the claim can never be the one who decides it; the database refuses
    it as well as the service, so no code path can slip past the rule.
    """

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="contact_cost_claims"
    )
    arrangement = models.ForeignKey(
        ContactArrangement,
        verbose_name=_("contact arrangement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    kind = models.CharField(_("what kind of cost"), max_length=20, choices=CostKind.choices)
    description = models.CharField(_("what it was for"), max_length=300)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2)
    journey_date = models.DateField(_("date of the journey or cost"))
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.WAITING
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    claimed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    paid_on = models.DateField(_("date paid"), null=True, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        indexes = [models.Index(fields=["council", "status", "claimed_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="apart_claim_amount_positive"),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("claimed_by")),
                name="apart_claim_not_decided_by_claimant",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="apart_claim_paid_has_date",
            ),
        ]

    def __str__(self):
        return f"Claim {self.public_id}"

    @property
    def is_waiting(self) -> bool:
        return self.status == ClaimStatus.WAITING


class Receipt(CouncilOwnedModel):
    """A receipt for a claim, kept in the database so any app server can serve it.

    Only PDF, JPEG and PNG files are accepted, checked by their first bytes (apart.receipts).
    The bytes are read only by the download view: list pages defer them.
    """

    claim = models.OneToOneField(CostClaim, on_delete=models.CASCADE, related_name="receipt")
    data = models.BinaryField()
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Receipt {self.public_id}"


class ProceedingKind(models.TextChoices):
    COURT_HEARING = "court_hearing", _("Court hearing")
    CP_CONFERENCE = "cp_conference", _("Child protection conference")
    LAC_REVIEW = "lac_review", _("Looked-after child review")
    FAMILY_GROUP = "family_group", _("Family group conference")
    OTHER = "other", _("Another meeting")


class Supporter(models.TextChoices):
    ADVISER = "adviser", _("Personal adviser")
    ADVOCATE = "advocate", _("Advocate")
    SOLICITOR = "solicitor", _("Solicitor")
    OTHER = "other", _("Someone else the parent chose")


class Proceeding(CouncilOwnedModel, VersionedModel):
    """A hearing or meeting about the parent's child, and who went with the parent."""

    EDITABLE_FIELDS = (
        "child",
        "kind",
        "kind_other",
        "held_on",
        "place",
        "supporters",
        "other_supporter",
        "outcome",
    )

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="apart_proceedings"
    )
    child = models.ForeignKey(
        "children.Child",
        verbose_name=_("child"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(
        _("kind of hearing or meeting"), max_length=20, choices=ProceedingKind.choices
    )
    kind_other = models.CharField(_("what kind of meeting"), max_length=200, blank=True)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("where"), max_length=200, blank=True)
    supporters = models.JSONField(_("who goes with the parent"), default=list, blank=True)
    other_supporter = models.CharField(_("name of the other supporter"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.get_kind_display()

    @property
    def supporter_labels(self) -> list[str]:
        labels = dict(Supporter.choices)
        return [str(labels[value]) for value in self.supporters if value in labels]


class GriefSupportKind(models.TextChoices):
    COUNSELLING = "counselling", _("Counselling")
    PEER = "peer", _("Peer support")
    LIFE_STORY = "life_story", _("Life-story or memory work")
    OTHER = "other", _("Other support")


class GriefAnswer(models.TextChoices):
    NOT_YET = "not_yet", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    LATER = "later", _("Maybe later")
    DECLINED = "declined", _("Declined")


class GriefSupportOffer(CouncilOwnedModel, VersionedModel):
    """Support with grief and loss offered to the parent, their answer, and what followed."""

    EDITABLE_FIELDS = ("offered_on", "offered_by", "kind", "answer", "notes")

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="grief_support_offers"
    )
    offered_on = models.DateField(_("date offered"))
    offered_by = models.CharField(_("offered by"), max_length=200)
    kind = models.CharField(_("kind of support"), max_length=20, choices=GriefSupportKind.choices)
    answer = models.CharField(
        _("the parent's answer"),
        max_length=20,
        choices=GriefAnswer.choices,
        default=GriefAnswer.NOT_YET,
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-offered_on", "-pk"]

    def __str__(self):
        return self.get_kind_display()


class GriefFollowUp(CouncilOwnedModel):
    """A later conversation about the support offered. Added to, never rewritten."""

    offer = models.ForeignKey(
        GriefSupportOffer, on_delete=models.CASCADE, related_name="follow_ups"
    )
    on = models.DateField(_("date"))
    note = models.TextField(_("what was said or done"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self):
        return f"Follow-up {self.on}"
