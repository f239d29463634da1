"""A council's retention schedule, the day its support for a parent ended, and disposals.

A disposal is proposed by one person and approved by another, named, person; only then are the
records removed. The audit event of a disposal names the kind of record and how many went,
never their content.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel

from .kinds import choices

MAX_MONTHS = 100 * 12


class RetentionRule(CouncilOwnedModel, VersionedModel):
    """How long the council keeps one kind of record after support ends, and why.

    A kind with no row uses the suggested default (kinds.KINDS); saving the schedule's page
    stores a row. Scoped like personal data, although it holds none, so it needs no exception.
    """

    kind = models.CharField(_("kind of record"), max_length=40, choices=choices())
    keep_for_months = models.PositiveIntegerField(
        _("months to keep after support ends"),
        validators=[MinValueValidator(0), MaxValueValidator(MAX_MONTHS)],
    )
    reason = models.TextField(_("why"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["council", "kind"], name="retention_rule_one_per_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.keep_for_months} months"


class SupportEnd(CouncilOwnedModel, VersionedModel):
    """The day the council's support for a parent ended: retention periods count from it."""

    parent = models.OneToOneField(
        "parents.Parent", on_delete=models.CASCADE, related_name="support_end"
    )
    ended_on = models.DateField(_("date support ended"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Support ended {self.ended_on}"


class DisposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for approval")
    DISPOSED = "disposed", _("Disposed of")
    DECLINED = "declined", _("Not approved")


class DisposalRequest(CouncilOwnedModel):
    """One kind of record of one parent, proposed for disposal and approved by someone else.

    The parent link is cleared when the parent's own record is disposed of; the row stays as
    the council's register of what was disposed of, when and by whose decision.
    """

    parent = models.ForeignKey(
        "parents.Parent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disposal_requests",
    )
    kind = models.CharField(_("kind of record"), max_length=40, choices=choices())
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DisposalStatus.choices,
        default=DisposalStatus.PROPOSED,
    )
    due_on = models.DateField(_("due for disposal on"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    records_disposed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            # The person who approves a disposal is never the person who proposed it.
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("proposed_by")),
                name="retention_disposal_four_eyes",
            ),
            models.UniqueConstraint(
                fields=["parent", "kind"],
                condition=models.Q(status="proposed"),
                name="retention_one_open_proposal_per_kind",
            ),
        ]

    def __str__(self):
        return f"Disposal {self.public_id} ({self.kind}, {self.status})"
