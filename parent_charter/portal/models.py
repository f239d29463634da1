"""The parent portal: a parent's sign-in joined to their record, the one-time links that open it,
the council's portal settings, and the challenges a parent raises when a promise was not kept."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel

DEFAULT_RESPONSE_WORKING_DAYS = 10


class PortalAccount(CouncilOwnedModel):
    """A parent's own sign-in, joined to their record. Made by their adviser's invitation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_account"
    )
    parent = models.OneToOneField(
        "parents.Parent", on_delete=models.CASCADE, related_name="portal_account"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    # Switched off by an adviser: the user is made inactive, which also ends their sessions.
    disabled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Portal account {self.public_id}"

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None and self.user.is_active


class LinkPurpose(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    SIGN_IN = "sign_in", _("Sign-in link")
    PASSWORD_RESET = "password_reset", _("Password reset link")


class PortalLink(CouncilOwnedModel):
    """A one-time link emailed to a parent: an invitation, a sign-in link or a password reset.

    Only a hash of the secret is stored, and only once the background task has made the secret
    and emailed it, so neither the database nor the task queue holds a usable link. A link
    works once, until `expires_at`, and not after a newer link of the same kind was made.
    """

    purpose = models.CharField(max_length=20, choices=LinkPurpose.choices)
    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="portal_links"
    )
    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["parent", "purpose", "created_at"])]

    def __str__(self):
        return f"{self.purpose} {self.public_id}"


class PortalSettings(CouncilOwnedModel, VersionedModel):
    """A council's portal settings: how long it gives itself to answer a parent's challenge."""

    challenge_response_working_days = models.PositiveSmallIntegerField(
        _("working days to respond to a challenge"),
        default=DEFAULT_RESPONSE_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "portal settings"
        constraints = [
            models.UniqueConstraint(fields=["council"], name="portal_settings_one_per_council")
        ]

    def __str__(self):
        return f"Portal settings {self.public_id}"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a response")
    RESPONDED = "responded", _("Responded")
    RESOLVED = "resolved", _("Resolved")
    NOT_RESOLVED = "not_resolved", _("Not resolved: needs a further response")


# The council owes the parent a response in these states; they can go overdue and escalate.
AWAITING_COUNCIL = frozenset({ChallengeStatus.OPEN, ChallengeStatus.NOT_RESOLVED})


class Challenge(CouncilOwnedModel, VersionedModel):
    """A parent's challenge: a promise they feel was not kept, and what happened.

    The promise is one item of their plan, or one of the council's promises (a charter promise
    or a local one) that is not in their plan. The council responds by `due_on`, counted in
    working days; an overdue challenge is escalated to the team managers once.
    """

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="challenges"
    )
    plan_item = models.ForeignKey(
        "plans.PlanItem", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
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
    what_happened = models.TextField(_("what happened"))
    what_would_help = models.TextField(_("what would put it right"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    due_on = models.DateField(_("response due by"))
    escalated_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(_("the council's response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    still_needed = models.TextField(_("what the parent still needs"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(plan_item__isnull=False)
                | models.Q(commitment__isnull=False)
                | models.Q(local_commitment__isnull=False),
                name="challenge_names_a_promise",
            )
        ]
        indexes = [
            models.Index(fields=["council", "status", "due_on"]),
            models.Index(fields=["parent", "raised_at"]),
        ]

    def __str__(self):
        return f"Challenge {self.public_id}"

    @property
    def awaits_council(self) -> bool:
        return self.status in AWAITING_COUNCIL


class ChallengeEventKind(models.TextChoices):
    RAISED = "raised", _("Challenge raised")
    RESPONDED = "responded", _("The council responded")
    ESCALATED = "escalated", _("Overdue: passed to the team manager")
    RESOLVED = "resolved", _("The parent said this resolved things")
    NOT_RESOLVED = "not_resolved", _("The parent said this did not resolve things")


class ChallengeEvent(CouncilOwnedModel):
    """One step in a challenge's timeline. Never edited or deleted."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=ChallengeEventKind.choices)
    text = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        # Written in order, one row per step: the insertion order is the timeline's order.
        ordering = ["challenge", "pk"]

    def __str__(self):
        return self.kind


class LinkRequest(models.Model):
    """Someone asked for a sign-in or password-reset link, before anyone knows for whom.

    Counted to limit requests per email address and per client address, whether or not the
    address belongs to an account, so the answer and the work done are the same either way.
    The address itself is kept only until the worker has dealt with the request; the keys are
    keyed hashes, so the table names nobody. Rows older than a day are removed.
    """

    purpose = models.CharField(max_length=20, choices=LinkPurpose.choices)
    email = models.EmailField(blank=True)
    email_key = models.CharField(max_length=64)
    ip_key = models.CharField(max_length=64, blank=True)
    requested_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["email_key", "purpose", "requested_at"]),
            models.Index(fields=["ip_key", "requested_at"]),
        ]

    def __str__(self):
        return f"{self.purpose} requested {self.requested_at:%Y-%m-%d %H:%M}"
