"""Support plans: one item per promise that applies to a parent now, and periodic reviews.

An item's status is a series of immutable rows (who, when, a note); the item keeps the latest
status alongside, written in the same transaction, so lists stay a single query. Items that
stop applying are closed with a reason, never deleted.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Stage
from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class ItemStatus(models.TextChoices):
    TO_DISCUSS = "to_discuss", _("To discuss")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    NOT_NEEDED = "not_needed", _("Not needed")


# The system's codes that always read the same, in words.
_SYSTEM_WORDS = {
    "added": _("Added to the plan"),
    "reopened": _("Applies again"),
    "milestone": _("it no longer applies to this child"),
    "for:mothers": _("it is a promise to mothers"),
    "for:fathers": _("it is a promise to fathers"),
    "offer": _("it is no longer part of the council's offer"),
    "council_wide": _(
        "it is the council's own commitment to every parent, reported in its figures"
    ),
    "born": _("it was for while the baby was on the way"),
    "covered": _("a promise of the council's offer on this plan covers it"),
}


def describe_system_text(text: str) -> str:
    """Notes and reasons the system writes are stored as codes ("system:…") and put into words
    when shown, so they read in the reader's language. Anything else is a person's own words."""
    if not text.startswith("system:"):
        return text
    code = text.removeprefix("system:")
    if code in _SYSTEM_WORDS:
        return str(_SYSTEM_WORDS[code])
    if code.startswith("closed:"):
        reason = describe_system_text("system:" + code.removeprefix("closed:"))
        return str(_("Closed: %(reason)s")) % {"reason": reason}
    if code.startswith("stage:"):
        stage = code.removeprefix("stage:")
        label = Stage(stage).label if stage in Stage.values else stage
        return str(_("the stage “%(stage)s” no longer applies")) % {"stage": label}
    return text


# Statuses after which nothing more is due.
FINISHED_STATUSES = frozenset({ItemStatus.DECLINED, ItemStatus.DELIVERED, ItemStatus.NOT_NEEDED})


class SupportPlan(CouncilOwnedModel):
    parent = models.OneToOneField(
        "parents.Parent", on_delete=models.CASCADE, related_name="support_plan"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    regenerated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Support plan {self.public_id}"


class ItemSource(models.TextChoices):
    CHARTER = "charter", _("Charter promise")
    LOCAL = "local", _("Local promise")
    MILESTONE = "milestone", _("Milestone")
    # Support agreed with the parent that is not one of the promises (for example housing help
    # to address a concern). Added by a worker, never by the plan refresh, which leaves it be.
    SUPPORT = "support", _("Support agreed")


class PlanItem(CouncilOwnedModel, VersionedModel):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(max_length=20, choices=ItemSource.choices)
    commitment = models.ForeignKey(
        "charter.Commitment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    local_commitment = models.ForeignKey(
        "offers.LocalCommitment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    milestone_key = models.CharField(max_length=80, blank=True)
    # For support items (ItemSource.SUPPORT): what the support is, in the worker's words, the
    # area it belongs to (a code the adding app defines, such as concerns.models.SupportArea)
    # and the concern it addresses, if any.
    title = models.CharField(_("title"), max_length=200, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    support_area = models.CharField(max_length=30, blank=True)
    concern = models.ForeignKey(
        "concerns.Concern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_items",
    )
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.TO_DISCUSS
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    parent_view = models.TextField(_("the parent's view, in their words"), blank=True)
    evidence = models.TextField(_("evidence of delivery"), blank=True)
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(_("why it was closed"), max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "commitment"],
                condition=models.Q(commitment__isnull=False),
                name="plan_item_one_per_commitment",
            ),
            models.UniqueConstraint(
                fields=["plan", "local_commitment"],
                condition=models.Q(local_commitment__isnull=False),
                name="plan_item_one_per_local_commitment",
            ),
            models.UniqueConstraint(
                fields=["plan", "milestone_key", "child"],
                condition=~models.Q(milestone_key=""),
                name="plan_item_one_per_milestone_and_child",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="support") | ~models.Q(title=""),
                name="plan_item_support_has_title",
            ),
        ]
        indexes = [
            models.Index(fields=["council", "owner", "due_date"]),
            models.Index(fields=["plan", "closed_at"]),
        ]

    def __str__(self):
        return f"Plan item {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def closed_reason_text(self) -> str:
        return describe_system_text(self.closed_reason)

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class PlanItemStatus(CouncilOwnedModel):
    """One status change of a plan item. Never edited or deleted."""

    # Indexed with its time in the Meta below rather than on its own (db_index=False).
    item = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, related_name="status_history", db_index=False
    )
    status = models.CharField(max_length=20, choices=ItemStatus.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["item", "at", "pk"]
        indexes = [
            # An item's status at a given moment is its last change by then: one step down
            # this index, not a sort of the item's changes. The council figures ask it of every
            # item open in a period (figures/sections/promises.py); with an index on the item
            # alone PostgreSQL sorted each item's rows (at national scale the largest council's
            # query took 66 ms against 51). The item comes first, so an item's whole history is
            # read through it too.
            models.Index(fields=["item", "-at", "-id"]),
        ]

    def __str__(self):
        return self.status

    @property
    def note_text(self) -> str:
        return describe_system_text(self.note)


class Participation(models.TextChoices):
    IN_PERSON = "in_person", _("Took part in person")
    REMOTELY = "remotely", _("Took part by phone or video")
    VIEWS_BEFOREHAND = "views_beforehand", _("Gave their views beforehand")
    DID_NOT_TAKE_PART = "did_not_take_part", _("Did not take part")


class PlanReview(CouncilOwnedModel):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("date of the review"))
    attendees = models.TextField(_("who attended"))
    participation = models.CharField(
        _("did the parent take part?"), max_length=30, choices=Participation.choices
    )
    participation_detail = models.TextField(_("how the parent took part"), blank=True)
    summary = models.TextField(_("summary"))
    agreed_actions = models.TextField(_("agreed actions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-held_on", "-pk"]

    def __str__(self):
        return f"Review on {self.held_on}"
