"""Research and evaluation exports: the data-sharing agreement a council signs with a research
body, the split-file exports made under it, and parents' objections to research use.

An export's three files (identifiers, events, data dictionary) are kept in its row until the
agreement ends; then they are emptied (`removed_at`), and the row stays as the record that an
export was made, by whom and of how many parents.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class Article6(models.TextChoices):
    CONSENT = "6_1_a", _("Article 6(1)(a): the person's consent")
    CONTRACT = "6_1_b", _("Article 6(1)(b): a contract with the person")
    LEGAL_OBLIGATION = "6_1_c", _("Article 6(1)(c): a legal obligation")
    VITAL_INTERESTS = "6_1_d", _("Article 6(1)(d): vital interests")
    PUBLIC_TASK = "6_1_e", _("Article 6(1)(e): a task in the public interest or official authority")
    LEGITIMATE_INTERESTS = "6_1_f", _("Article 6(1)(f): legitimate interests")


class Article9(models.TextChoices):
    EXPLICIT_CONSENT = "9_2_a", _("Article 9(2)(a): explicit consent")
    SOCIAL_PROTECTION = (
        "9_2_b",
        _("Article 9(2)(b): employment, social security and social protection"),
    )
    SUBSTANTIAL_PUBLIC_INTEREST = "9_2_g", _("Article 9(2)(g): substantial public interest")
    HEALTH_SOCIAL_CARE = "9_2_h", _("Article 9(2)(h): health or social care")
    PUBLIC_HEALTH = "9_2_i", _("Article 9(2)(i): public health")
    RESEARCH = (
        "9_2_j",
        _("Article 9(2)(j): archiving, scientific or historical research, or statistics"),
    )


class DataSharingAgreement(CouncilOwnedModel, VersionedModel):
    organisation = models.CharField(_("organisation"), max_length=200)
    purpose = models.TextField(_("purpose"))
    article_6 = models.CharField(
        _("Article 6 lawful basis"), max_length=10, choices=Article6.choices
    )
    article_9 = models.CharField(_("Article 9 condition"), max_length=10, choices=Article9.choices)
    lawful_basis_detail = models.TextField(_("more about the lawful basis"))
    # Keys of research.catalogue.FIELDS, in catalogue order.
    fields = models.JSONField(_("fields shared"), default=list)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="research_agreement_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"Data-sharing agreement {self.public_id}"

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on

    def ended_by(self, day) -> bool:
        return day > self.ends_on


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    BUILDING = "building", _("Being built")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be built")
    REMOVED = "removed", _("Removed: the agreement has ended")


class ResearchExport(CouncilOwnedModel):
    agreement = models.ForeignKey(
        DataSharingAgreement, on_delete=models.PROTECT, related_name="exports"
    )
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent done
    parents_included = models.PositiveIntegerField(default=0)
    parents_left_out = models.PositiveIntegerField(default=0)  # objected to research use
    identifiers = models.TextField(blank=True, editable=False)
    events = models.TextField(blank=True, editable=False)
    dictionary = models.TextField(blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"Research export {self.public_id}"


class ObjectionRoute(models.TextChoices):
    ADVISER = "adviser", _("Told to their adviser")
    PORTAL = "portal", _("In the parent's portal")


class ResearchObjection(CouncilOwnedModel):
    """A parent's objection to their records being used for research. Withdrawing it keeps
    the row (with when and how), so the history stays readable."""

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="research_objections"
    )
    recorded_via = models.CharField(max_length=10, choices=ObjectionRoute.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_via = models.CharField(max_length=10, choices=ObjectionRoute.choices, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="research_one_open_objection_per_parent",
            ),
        ]

    def __str__(self):
        return "Objection to research use"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
