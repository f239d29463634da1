"""A council's local offer: the charter version it adopted, its own promises and programmes."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import BilingualMixin, CommitmentFields, bilingual


class AdoptionStatus(models.TextChoices):
    ENGAGED = "engaged", _("Engaged")
    SIGNED_UP = "signed_up", _("Signed up")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EligibilityBoundary(models.TextChoices):
    # "Up to the age of 25": support until the day before the 25th birthday.
    BEFORE_BIRTHDAY = "before_birthday", _("Until the day before the birthday")
    # "Up to and including 25": support until the day before the 26th birthday.
    THROUGH_AGE = "through_age", _("Until the end of that year of age")


class LocalOffer(BilingualMixin, models.Model):
    """What one council promises parents in and leaving care, built on a charter version."""

    council = models.OneToOneField(
        "authorities.Council", on_delete=models.CASCADE, related_name="local_offer"
    )
    charter_version = models.ForeignKey(
        "charter.CharterVersion", on_delete=models.PROTECT, related_name="local_offers"
    )
    status = models.CharField(_("status"), max_length=20, choices=AdoptionStatus.choices)
    status_date = models.DateField(_("date of this status"))
    eligibility_age = models.PositiveSmallIntegerField(
        _("support available up to the age of"),
        default=25,
        validators=[MinValueValidator(18), MaxValueValidator(30)],
    )
    eligibility_boundary = models.CharField(
        _("how the age limit is counted"),
        max_length=20,
        choices=EligibilityBoundary.choices,
        default=EligibilityBoundary.BEFORE_BIRTHDAY,
    )
    eligibility_warning_months = models.PositiveSmallIntegerField(
        _("warn advisers this many months before support ends"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review each plan every this many months"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    evidence_recency_months = models.PositiveSmallIntegerField(
        _("evidence for a referral to children's services is current for this many months"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    introduction_en = models.TextField(_("introduction in English"), blank=True)
    introduction_cy = models.TextField(_("introduction in Welsh"), blank=True)
    published = models.BooleanField(_("show the public offer page"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.council} local offer"

    introduction = bilingual("introduction")


class LocalCommitment(CommitmentFields):
    """A promise a council adds to the charter, such as paying for the first scan."""

    offer = models.ForeignKey(LocalOffer, on_delete=models.CASCADE, related_name="commitments")
    retired = models.BooleanField(_("no longer offered"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["offer", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "key"], name="local_commitment_key_unique")
        ]

    def __str__(self):
        return self.title_en


class SupportForm(models.TextChoices):
    BEFRIENDING = "befriending", _("Befriending")
    ADVOCACY = "advocacy", _("Advocacy")
    MENTORING = "mentoring", _("Mentoring")


class SupportGiver(models.TextChoices):
    VOLUNTEER = "volunteer", _("A trained volunteer")
    PAID_WORKER = "paid_worker", _("A paid worker")
    PEER_GROUP = "peer_group", _("Peer support groups, trips and activities")
    DAD_SUPPORT = "dad_support", _("Support for dads")


class DeliveryPlace(models.TextChoices):
    HOME = "home", _("At home")
    PHONE = "phone", _("By phone")
    COMMUNITY = "community", _("Out in the community")


class ContactFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    OCCASIONAL = "occasional", _("Occasional check-ins")


class ReferralRoute(models.TextChoices):
    PERSONAL_ADVISER = "personal_adviser", _("Your personal adviser")
    SELF = "self", _("You can refer yourself")
    MIDWIFE = "midwife", _("A midwife")
    HEALTH_VISITOR = "health_visitor", _("A health visitor")
    OTHER_PROFESSIONAL = "other_professional", _("Another professional who supports you")


class Programme(BilingualMixin, models.Model):
    """A programme a partner runs under the offer, such as Home-Start's Baby Steps."""

    offer = models.ForeignKey(LocalOffer, on_delete=models.CASCADE, related_name="programmes")
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    provider = models.ForeignKey(
        "authorities.PartnerOrganisation",
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    summary_en = models.TextField(_("summary in English"))
    summary_cy = models.TextField(_("summary in Welsh"), blank=True)
    eligibility_en = models.TextField(_("who can use it, in English"))
    eligibility_cy = models.TextField(_("who can use it, in Welsh"), blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("up to the age of"), null=True, blank=True)
    fathers_included = models.BooleanField(_("fathers and fathers-to-be included"), default=True)
    residents_only = models.BooleanField(
        _("only for care leavers living in the area"), default=False
    )
    support_forms = models.JSONField(_("forms of support"), default=list)
    support_givers = models.JSONField(_("who gives the support"), default=list)
    delivery_places = models.JSONField(_("where support happens"), default=list)
    frequencies = models.JSONField(_("how often"), default=list)
    referral_routes = models.JSONField(_("how to be referred"), default=list)
    # How many families the partner can support at once; empty when there is no fixed number.
    # Accepted referrals beyond it wait for a place (partner_referrals.places, ADR 0025).
    places = models.PositiveSmallIntegerField(
        _("number of places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    # The offer asks advisers to raise it when they learn of a pregnancy or a new baby: the
    # parent's page then prompts them to offer it.
    offered_on_new_baby = models.BooleanField(
        _("advisers offer it when they learn of a pregnancy or a new baby"), default=False
    )
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["offer", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "slug"], name="programme_slug_unique")
        ]

    def __str__(self):
        return self.name

    summary = bilingual("summary")
    eligibility = bilingual("eligibility")

    @property
    def support_form_labels(self) -> list[str]:
        return [SupportForm(v).label for v in self.support_forms]

    @property
    def support_giver_labels(self) -> list[str]:
        return [SupportGiver(v).label for v in self.support_givers]

    @property
    def delivery_place_labels(self) -> list[str]:
        return [DeliveryPlace(v).label for v in self.delivery_places]

    @property
    def frequency_labels(self) -> list[str]:
        return [ContactFrequency(v).label for v in self.frequencies]

    @property
    def referral_route_labels(self) -> list[str]:
        return [ReferralRoute(v).label for v in self.referral_routes]


class ProgrammeBenefit(BilingualMixin, models.Model):
    """One way a programme helps, shown as a bullet on the public page."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="benefits")
    order = models.PositiveIntegerField(default=0)
    heading_en = models.CharField(max_length=200)
    heading_cy = models.CharField(max_length=200, blank=True)
    text_en = models.TextField()
    text_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["programme", "order"]

    def __str__(self):
        return self.heading_en

    heading = bilingual("heading")
    text = bilingual("text")
