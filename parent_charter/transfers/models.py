"""A parent moving from one council's area to another's: the sending council proposes a
transfer (support moves) or shared support (both councils support), the parent consents, and
the receiving council accepts or declines (docs/adr/0024).

A transfer belongs to the sending council, as the parent's record does; the receiving council
reaches it only through the narrow reads in `selectors` (incoming transfers), never through
the scoped manager. Statuses are a series of rows, never edited; the transfer keeps the latest
beside them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class Kind(models.TextChoices):
    TRANSFER = "transfer", _("Transfer of support")
    SHARED = "shared", _("Shared support")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the parent's consent")
    CONSENT_GIVEN = "consent_given", _("Waiting for the receiving council")
    CONSENT_REFUSED = "consent_refused", _("The parent did not agree")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined by the receiving council")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (Status.PROPOSED, Status.CONSENT_GIVEN)

# The steps a transfer may take from each status; anything else is refused.
NEXT_STEPS = {
    Status.PROPOSED: {Status.CONSENT_GIVEN, Status.CONSENT_REFUSED, Status.WITHDRAWN},
    Status.CONSENT_GIVEN: {Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN},
}


class ConsentRoute(models.TextChoices):
    IN_PERSON = "in_person", _("In person, to their adviser")
    PHONE = "phone", _("By phone")
    WRITING = "writing", _("In writing (a letter, email or text)")
    PORTAL = "portal", _("In their portal")


class Transfer(CouncilOwnedModel, VersionedModel):
    """One proposal to move (or share) a parent's support to another council."""

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="transfers_out"
    )
    receiving_council = models.ForeignKey(
        "authorities.Council",
        verbose_name=_("receiving council"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Keys of transfers.catalogue.GROUPS, in catalogue order (the parent's details always go).
    information = models.JSONField(_("information that goes with the parent"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    consent_given_on = models.DateField(_("date of the parent's answer"), null=True, blank=True)
    consent_route = models.CharField(
        _("how the parent answered"), max_length=20, choices=ConsentRoute.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("why the receiving council declined"), blank=True)
    # The receiving council's new record of the parent. Owned by that council: the sending
    # council's pages never follow this link, they only say that the parent moved.
    receiving_parent = models.OneToOneField(
        "parents.Parent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfer_in",
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["receiving_council", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["parent"],
                condition=models.Q(status__in=["proposed", "consent_given"]),
                name="transfers_one_open_per_parent",
            ),
            models.CheckConstraint(
                condition=~models.Q(receiving_council=models.F("council")),
                name="transfers_to_another_council",
            ),
        ]

    def __str__(self):
        return f"Transfer {self.public_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def closes_record(self) -> bool:
        """An accepted transfer of support: the sending council's record is closed."""
        return self.status == Status.ACCEPTED and self.kind == Kind.TRANSFER


class TransferStep(CouncilOwnedModel):
    """One status a transfer reached, when and by whom. Never edited."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=20, choices=Status.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Which side took the step: the sending council, the receiving council or the parent.
    side = models.CharField(max_length=10)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return self.status
