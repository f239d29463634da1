"""Referrals of parents to partner services and programmes, and partners' delivery of them.

A referral names the partner organisation, what kind of service it is for, who asked for it and
which information the parent agreed may be shared. It cannot exist without a consent record
naming that organisation (docs/adr/0011). What a partner sees is worked out when they look,
from the consent in force then, so a withdrawal stops sharing at once.

Status is a series of immutable rows; the referral keeps the latest beside them, written in
the same transaction, so lists stay a single query. Contacts a partner logs are never edited.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel
from parent_charter.offers.models import DeliveryPlace, SupportForm, SupportGiver


class ServiceKind(models.TextChoices):
    PROGRAMME = "programme", _("A programme from the council's offer")
    ADVOCACY = "advocacy", _("Advocacy")
    LEGAL_ADVICE = "legal_advice", _("Legal advice")
    HOUSING = "housing", _("Housing")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    COUNSELLING = "counselling", _("Counselling")
    PARENTING_COURSE = "parenting_course", _("Parenting course")
    RELATIONSHIP_COURSE = "relationship_course", _("Relationship course")
    DRUG_ALCOHOL = "drug_alcohol", _("Drug and alcohol service")
    OTHER = "other", _("Other support")


class ReferredBy(models.TextChoices):
    ADVISER = "adviser", _("The leaving-care team")
    SELF = "self", _("The parent themself")
    MIDWIFE = "midwife", _("A midwife")
    HEALTH_VISITOR = "health_visitor", _("A health visitor")
    OTHER_PROFESSIONAL = "other_professional", _("Another professional")


# Referrals recorded on behalf of someone outside the council: their details are kept.
PROFESSIONAL_REFERRERS = (
    ReferredBy.MIDWIFE.value,
    ReferredBy.HEALTH_VISITOR.value,
    ReferredBy.OTHER_PROFESSIONAL.value,
)


class SharedInformation(models.TextChoices):
    """What a referral may pass to the partner, each only if the parent agreed to it.

    The parent's name always goes with a referral while consent is in force: a referral of no
    one cannot be acted on. Everything else is one of these.
    """

    CONTACT = (
        "contact",
        _("Contact details: phone, email, address and how they like to be contacted"),
    )
    DATE_OF_BIRTH = "date_of_birth", _("Date of birth")
    CHILDREN = "children", _("Children's first names and dates of birth")
    PREGNANCY = "pregnancy", _("Pregnancy and due date")
    PLAN_SUMMARY = "plan_summary", _("Summary of the support plan")
    REASON = "reason", _("Reason for the referral and what the parent wants from it")
    CARE_LEAVER = "care_leaver", _("Care-leaver status")


class Status(models.TextChoices):
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    STARTED = "started", _("Started")
    ENDED = "ended", _("Ended")


# Which status may follow which. A referral may be accepted without being marked received
# first; support that was accepted may end before it starts (the parent changed their mind).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SENT: frozenset({Status.RECEIVED, Status.ACCEPTED, Status.DECLINED}),
    Status.RECEIVED: frozenset({Status.ACCEPTED, Status.DECLINED}),
    Status.ACCEPTED: frozenset({Status.STARTED, Status.ENDED}),
    Status.STARTED: frozenset({Status.ENDED}),
    Status.DECLINED: frozenset(),
    Status.ENDED: frozenset(),
}
OPEN_STATUSES = frozenset({Status.SENT, Status.RECEIVED, Status.ACCEPTED, Status.STARTED})
# Support is being arranged or given: the partner records how, and logs contacts.
DELIVERING_STATUSES = frozenset({Status.ACCEPTED, Status.STARTED})


# The colour of each status's tag.
STATUS_TAG_CLASSES = {
    Status.SENT: "govuk-tag--light-blue",
    Status.RECEIVED: "govuk-tag--purple",
    Status.ACCEPTED: "govuk-tag--teal",
    Status.DECLINED: "govuk-tag--grey",
    Status.STARTED: "govuk-tag--green",
    Status.ENDED: "govuk-tag--grey",
}


def allowed_next(status: str) -> list[str]:
    """The statuses that may follow `status`, in the order they usually happen."""
    following = TRANSITIONS.get(status, frozenset())
    return [value for value in Status.values if value in following]


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("The support was completed")
    PARENT_STOPPED = "parent_stopped", _("The parent chose to stop")
    NO_CONTACT = "no_contact", _("The parent could not be reached")
    MOVED_AWAY = "moved_away", _("The parent moved away")
    REFERRED_ON = "referred_on", _("Referred on to another service")
    OTHER = "other", _("Another reason")


class DeliveryFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    OCCASIONAL = "occasional", _("Occasional check-ins")


class ContactMethod(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    MESSAGE = "message", _("Text or message")
    COMMUNITY = "community", _("Met out in the community")
    GROUP = "group", _("Group session or activity")


class Referral(CouncilOwnedModel):
    parent = models.ForeignKey("parents.Parent", on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        "authorities.PartnerOrganisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    programme = models.ForeignKey(
        "offers.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind of service"), max_length=30, choices=ServiceKind.choices)
    referred_by = models.CharField(_("who asked for it"), max_length=30, choices=ReferredBy.choices)
    professional_name = models.CharField(_("their name"), max_length=200, blank=True)
    professional_role = models.CharField(_("their role"), max_length=200, blank=True)
    professional_organisation = models.CharField(
        _("their organisation"), max_length=200, blank=True
    )
    professional_phone = models.CharField(_("their phone number"), max_length=30, blank=True)
    professional_email = models.EmailField(_("their email address"), blank=True)
    reason = models.TextField(_("why, and what the parent wants"), blank=True)
    shared = models.JSONField(_("information shared"), default=list)
    # The consent in force when it was sent. What the partner may see later is decided by the
    # consent in force when they look (selectors.partner_view_of).
    consent = models.ForeignKey("parents.ConsentRecord", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT
    )
    status_changed_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["council", "organisation", "status"]),
            models.Index(fields=["council", "status", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(referred_by__in=PROFESSIONAL_REFERRERS)
                | ~models.Q(professional_name=""),
                name="referral_professional_named",
            )
        ]

    def __str__(self):
        return f"Referral {self.reference}"

    @property
    def reference(self) -> str:
        """A short reference people can read out on the phone. Names no one."""
        return self.public_id.hex[:8].upper()

    @property
    def is_programme(self) -> bool:
        return self.programme_id is not None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_delivering(self) -> bool:
        return self.status in DELIVERING_STATUSES

    @property
    def next_statuses(self) -> list[str]:
        return allowed_next(self.status)

    @property
    def status_tag_classes(self) -> str:
        return STATUS_TAG_CLASSES.get(self.status, "")

    @property
    def shared_labels(self) -> list[str]:
        return [SharedInformation(v).label for v in SharedInformation.values if v in self.shared]

    @property
    def service_label(self) -> str:
        return self.programme.name if self.programme_id else self.get_kind_display()


class ReferralStatus(CouncilOwnedModel):
    """One status change of a referral. Never edited or deleted."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.TextField(_("why it was declined"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["referral", "at", "pk"]

    def __str__(self):
        return self.status


class Delivery(CouncilOwnedModel, VersionedModel):
    """How a programme's support is given to this parent, as the partner arranged it."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="delivery")
    support_form = models.CharField(
        _("kind of support"), max_length=20, choices=SupportForm.choices
    )
    support_giver = models.CharField(
        _("who gives the support"), max_length=20, choices=SupportGiver.choices
    )
    place = models.CharField(_("where"), max_length=20, choices=DeliveryPlace.choices)
    frequency = models.CharField(_("how often"), max_length=20, choices=DeliveryFrequency.choices)
    worker_name = models.CharField(
        _("first name of the volunteer or worker"), max_length=100, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"Delivery of referral {self.referral_id}"


class DeliveryContact(CouncilOwnedModel):
    """One contact between the partner and the parent. Never edited or deleted."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="contacts")
    on = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=20, choices=ContactMethod.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("how long, in minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    note = models.TextField(_("short note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["referral", "-on", "-pk"]

    def __str__(self):
        return f"Contact on {self.on}"


# --- Places on a programme with a fixed number of them (ADR 0025) -------------------------


class WaitingState(models.TextChoices):
    WAITING = "waiting", _("Waiting for a place")
    OFFERED = "offered", _("Offered a place")
    PLACED = "placed", _("Took the place")
    LEFT = "left", _("Left the waiting list")


class OfferAnswer(models.TextChoices):
    TAKEN = "taken", _("The parent took the place")
    DECLINED = "declined", _("The parent does not want the place now")
    NO_CONTACT = "no_contact", _("The parent could not be reached")


# The order the list is offered in: who joined first, then whose referral was sent first, then
# the referral's own number, which never changes. Nobody reorders it by hand.
WAITING_ORDER = ("joined_on", "referral__created_at", "referral__pk")


class WaitingListEntry(CouncilOwnedModel):
    """A referral accepted onto a programme when no place was free, and what became of it.

    While waiting the referral holds no place; once offered one, the offered place is held for
    it until the partner records the parent's answer.
    """

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="waiting")
    programme = models.ForeignKey("offers.Programme", on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField(_("joined the waiting list on"))
    state = models.CharField(
        _("state"), max_length=20, choices=WaitingState.choices, default=WaitingState.WAITING
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    answer = models.CharField(_("answer"), max_length=20, choices=OfferAnswer.choices, blank=True)
    left_on = models.DateField(_("left the list on"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "waiting list entries"
        indexes = [models.Index(fields=["council", "programme", "state", "joined_on"])]

    def __str__(self):
        return f"Waiting since {self.joined_on}"


class ProgrammeWorker(CouncilOwnedModel, VersionedModel):
    """A volunteer or worker of a partner's programme, who is matched with families.

    Only their first name is kept: the parent's adviser hears who to ask, nothing more.
    """

    programme = models.ForeignKey("offers.Programme", on_delete=models.PROTECT, related_name="+")
    first_name = models.CharField(_("first name"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=SupportGiver.choices)
    # Postcode districts ("HR1") or whole postcode areas ("HR") they travel to.
    areas = models.JSONField(_("areas they cover"), default=list)
    supports_dads = models.BooleanField(_("supports dads"), default=False)
    families = models.PositiveSmallIntegerField(
        _("families at once"), validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    active = models.BooleanField(_("taking families"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "first_name", "pk"]

    def __str__(self):
        return self.first_name


class Match(CouncilOwnedModel):
    """A parent matched to one of the programme's people. Ended, never edited, when the
    referral closes or the parent is matched to someone else."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="matches")
    worker = models.ForeignKey(ProgrammeWorker, on_delete=models.PROTECT, related_name="matches")
    matched_at = models.DateTimeField()
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_match_per_referral",
            )
        ]

    def __str__(self):
        return f"Match of referral {self.referral_id}"


class PromptAnswer(models.TextChoices):
    REFERRING = "referring", _("Offered: the parent wants it, so a referral is being made")
    DECLINED = "declined", _("Offered: the parent does not want it now")


class ProgrammePrompt(CouncilOwnedModel):
    """A prompt to the parent's adviser to offer a programme, raised when a pregnancy or a new
    baby is recorded for them, until the adviser records what the parent said."""

    parent = models.ForeignKey(
        "parents.Parent", on_delete=models.CASCADE, related_name="programme_prompts"
    )
    programme = models.ForeignKey("offers.Programme", on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    raised_at = models.DateTimeField()
    answer = models.CharField(
        _("what the parent said"), max_length=20, choices=PromptAnswer.choices, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "programme", "child"], name="one_prompt_per_child_programme"
            )
        ]

    def __str__(self):
        return f"Prompt for programme {self.programme_id}"
