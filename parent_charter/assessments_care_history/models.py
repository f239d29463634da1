"""Parenting assessments, and the parent's own care history sealed behind a break-glass.

An assessment rests on what is happening now. The parent's own childhood record (their time in
care) is kept apart from it, in a `CareHistory` that only the parent's personal adviser and the
team managers open in the normal way; anyone else must write a reason first. Every opening is
kept as a `CareHistoryAccess` row, so the parent can later see who looked and why
(docs/adr/0013-sealed-care-history.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from parent_charter.accounts.roles import Role
from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class AssessmentKind(models.TextChoices):
    PARENTING = "parenting", _("Parenting assessment")
    PRE_BIRTH = "pre_birth", _("Pre-birth assessment")
    PARENTING_CAPACITY = "parenting_capacity", _("Parenting capacity assessment")
    OTHER = "other", _("Another kind of assessment")


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    SUPPORT_PLAN = "support_plan", _("Support through the parent's plan")
    CHILD_IN_NEED = "child_in_need", _("Child in need plan")
    CHILD_PROTECTION = "child_protection", _("Child protection plan")
    PROCEEDINGS = "proceedings", _("Care proceedings")
    OTHER = "other", _("Another outcome")


class ParentingAssessment(CouncilOwnedModel, VersionedModel):
    """One assessment of a parent, on current information only."""

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="assessments"
    )
    kind = models.CharField(_("kind of assessment"), max_length=30, choices=AssessmentKind.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_on = models.DateField(_("started on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    summary = models.TextField(_("summary of current information"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("started_on")),
                name="assessment_completed_after_start",
            ),
            # An outcome is the result of a finished assessment, never a guess before it ends.
            models.CheckConstraint(
                condition=Q(outcome="") | Q(completed_on__isnull=False),
                name="assessment_outcome_needs_completion",
            ),
        ]

    def __str__(self):
        return str(self.get_kind_display())

    @property
    def is_complete(self) -> bool:
        return self.completed_on is not None


class CareHistory(CouncilOwnedModel):
    """The sealed part of a parent's record: their own childhood in care. One per parent."""

    parent = models.OneToOneField(
        "parents.Parent", on_delete=models.CASCADE, related_name="care_history"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "care histories"

    def __str__(self):
        return f"Care history {self.public_id}"


class EntryKind(models.TextChoices):
    PERIOD = "period", _("Period in care")
    REASON = "reason", _("Reason for coming into care")
    EVENT = "event", _("Significant event")
    NOTE = "note", _("Note")


class PlacementType(models.TextChoices):
    FOSTER = "foster", _("Foster care")
    KINSHIP = "kinship", _("Kinship care, with family or friends")
    RESIDENTIAL = "residential", _("Children's home")
    SECURE = "secure", _("Secure children's home")
    WITH_PARENTS = "with_parents", _("Placed with parents")
    SUPPORTED = "supported", _("Supported accommodation or lodgings")
    ADOPTION = "adoption", _("Placed for adoption")
    OTHER = "other", _("Another kind of placement")


class CareHistoryEntry(CouncilOwnedModel, VersionedModel):
    """One line of the care history. Which fields are used depends on the kind."""

    history = models.ForeignKey(CareHistory, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind of entry"), max_length=20, choices=EntryKind.choices)
    # A period's start, or the date of an event. Often approximate for early childhood.
    from_date = models.DateField(_("from"), null=True, blank=True)
    to_date = models.DateField(_("to"), null=True, blank=True)
    placement_type = models.CharField(
        _("type of placement"), max_length=20, choices=PlacementType.choices, blank=True
    )
    placing_authority = models.CharField(_("placing authority"), max_length=200, blank=True)
    details = models.TextField(_("details"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "care history entries"
        ordering = [F("from_date").asc(nulls_last=True), "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True)
                | Q(from_date__isnull=False, to_date__gte=F("from_date")),
                name="care_entry_to_after_from",
            ),
        ]

    def __str__(self):
        return str(self.get_kind_display())


class AccessKind(models.TextChoices):
    NORMAL = "normal", _("Normal access")
    BREAK_GLASS = "break_glass", _("Opened with a reason (break-glass)")


class CareHistoryAccess(CouncilOwnedModel):
    """One opening of a parent's care history: who, when, in what role, and (for a break-glass)
    the reason they wrote. A break-glass row is also the time-limited grant itself.

    Kept apart from the audit trail because the parent reads it, and the reason is free text
    that the audit trail's detail must never hold.
    """

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="care_history_openings"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    kind = models.CharField(_("how it was opened"), max_length=20, choices=AccessKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    opened_at = models.DateTimeField()
    # Only a break-glass grant ends; after it, the reason must be written again.
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["parent", "opened_by", "opened_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="normal") | (~Q(reason="") & Q(expires_at__isnull=False)),
                name="care_access_break_glass_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.opened_at:%Y-%m-%d %H:%M}"

    @property
    def is_break_glass(self) -> bool:
        return self.kind == AccessKind.BREAK_GLASS
