"""Concerns raised about parenting, and the support and rights that follow.

A concern records who raised it, when, and the current evidence (what was seen or reported,
when, and where it came from). While it is open, the charter's "if concerns are raised"
promises apply to the parent (core.registries.open_concerns, registered in apps.py).

Around it: a summary in plain words for the parent, kept as numbered versions, each shared and
acknowledged on its own; offers of advocacy and legal advice with the parent's answer; the
parent's requests (recorded meetings, an independent social worker) with the decision and its
reasons; and the parent's own views over time. Support agreed to address the concern is a
support item on the parent's plan (plans.PlanItem.concern).

The name of whoever raised a concern is third-party information: staff see it, the parent does
not, in the portal or in their subject-access export (THIRD_PARTY_FIELDS). A concern raised by
someone who is not a professional acting in their role (family, a friend, a neighbour, a member
of the public, someone anonymous) is third-party through and through: the parent sees only that
kind of person, never their organisation, nor the notes of what they reported or where it came
from (THIRD_PARTY_REPORT_FIELDS), since a name or an address may have been typed in any of them.
The summary written for the parent tells them what the concern is about.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    CLOSED = "closed", _("Closed")


# While a concern has one of these statuses, the "concerns raised" promises apply.
OPEN_STATUSES = (ConcernStatus.OPEN, ConcernStatus.UNDER_ASSESSMENT)


class RaisedBy(models.TextChoices):
    """The role of whoever raised the concern (their name is kept apart, as third-party)."""

    MIDWIFE = "midwife", _("Midwife")
    HEALTH_VISITOR = "health_visitor", _("Health visitor")
    GP_OR_HEALTH = "gp_or_health", _("GP or another health worker")
    SCHOOL_OR_NURSERY = "school_or_nursery", _("School, nursery or childminder")
    POLICE = "police", _("Police")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    PERSONAL_ADVISER = "personal_adviser", _("Personal adviser")
    HOUSING = "housing", _("Housing officer or landlord")
    FAMILY_OR_FRIEND = "family_or_friend", _("Family member or friend")
    MEMBER_OF_PUBLIC = "member_of_public", _("Member of the public")
    ANONYMOUS = "anonymous", _("Anonymous")
    OTHER = "other", _("Someone else")


# Who raises concerns as part of their work: the parent may read their role and organisation, as
# they may read the names of staff acting in their role. A landlord may be a private person, so
# housing is not among them.
PROFESSIONAL_RAISERS = frozenset(
    {
        RaisedBy.MIDWIFE,
        RaisedBy.HEALTH_VISITOR,
        RaisedBy.GP_OR_HEALTH,
        RaisedBy.SCHOOL_OR_NURSERY,
        RaisedBy.POLICE,
        RaisedBy.SOCIAL_WORKER,
        RaisedBy.PERSONAL_ADVISER,
    }
)


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    SUPPORT_AGREED = "support_agreed", _("Support agreed with the parent")
    EARLY_HELP = "early_help", _("Early help")
    CHILD_IN_NEED = "child_in_need", _("Child in need plan")
    CHILD_PROTECTION_PLAN = "child_protection_plan", _("Child protection plan")
    CARE_PROCEEDINGS = "care_proceedings", _("Care proceedings")
    OTHER = "other", _("Another outcome")


class Concern(CouncilOwnedModel, VersionedModel):
    # Fields that name someone other than the parent: never shown to the parent.
    THIRD_PARTY_FIELDS = ("raised_by_name",)
    # Who raised the concern, when, and its evidence: recorded when it is raised, changeable
    # while it is open.
    RAISED_FIELDS = (
        "raised_by_role",
        "raised_by_organisation",
        "raised_by_name",
        "raised_on",
        "evidence_what",
        "evidence_when",
        "evidence_source",
    )
    # Also never shown to the parent when the concern was raised by a third party.
    THIRD_PARTY_REPORT_FIELDS = ("raised_by_organisation", "evidence_what", "evidence_source")

    parent = models.ForeignKey("parents.Parent", on_delete=models.PROTECT, related_name="concerns")
    raised_by_role = models.CharField(
        _("who raised the concern"), max_length=30, choices=RaisedBy.choices
    )
    raised_by_organisation = models.CharField(
        _("their organisation or team"), max_length=200, blank=True
    )
    raised_by_name = models.CharField(_("their name"), max_length=200, blank=True)
    raised_on = models.DateField(_("date the concern was raised"))
    evidence_what = models.TextField(_("what was seen or reported"))
    evidence_when = models.DateField(_("when it was seen or happened"))
    evidence_source = models.CharField(_("where the information came from"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_detail = models.TextField(_("about the outcome"), blank=True)
    closed_on = models.DateField(_("date closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [
            models.Index(fields=["council", "status", "raised_on"]),
            models.Index(fields=["parent", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed")
                | (models.Q(closed_on__isnull=False) & ~models.Q(outcome="")),
                name="concern_closed_has_outcome_and_date",
            )
        ]

    def __str__(self):
        return f"Concern {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def raised_by_text(self) -> str:
        """Who raised it, for staff: the role and organisation (the name is shown apart)."""
        role = self.get_raised_by_role_display()
        if self.raised_by_organisation:
            return f"{role}, {self.raised_by_organisation}"
        return str(role)

    @property
    def raised_by_third_party(self) -> bool:
        """Raised by someone not acting as a professional: nothing they gave reaches the parent."""
        return self.raised_by_role not in PROFESSIONAL_RAISERS

    @property
    def raised_by_for_parent(self) -> str:
        """Who raised it as the parent may read it: a professional's role and organisation, or
        only the kind of person for anyone else; never a name."""
        if self.raised_by_third_party:
            return str(self.get_raised_by_role_display())
        return self.raised_by_text


class SharedHow(models.TextChoices):
    PORTAL = "portal", _("In their online account")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video call")
    LETTER = "letter", _("By letter")
    EMAIL = "email", _("By email")
    TEXT = "text", _("By text message")


class ConcernSummary(CouncilOwnedModel):
    """One version of the plain-words summary for the parent. Never edited: a change is a new
    version, and each version is shared and acknowledged on its own."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="summaries")
    number = models.PositiveIntegerField()
    what_is_happening = models.TextField(_("what is happening"))
    the_plan = models.TextField(_("what the plan is"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    written_at = models.DateTimeField()
    shared_on = models.DateField(_("date shared with the parent"), null=True, blank=True)
    shared_how = models.CharField(
        _("how it was shared"), max_length=20, choices=SharedHow.choices, blank=True
    )
    shared_note = models.CharField(_("about how it was shared"), max_length=300, blank=True)
    shared_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["concern", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["concern", "number"], name="concern_summary_number")
        ]

    def __str__(self):
        return f"Summary {self.number}"

    @property
    def is_shared(self) -> bool:
        return self.shared_on is not None


class OfferKind(models.TextChoices):
    ADVOCACY = "advocacy", _("Advocacy")
    LEGAL_ADVICE = "legal_advice", _("Legal advice")


class OfferAnswer(models.TextChoices):
    NOT_YET_DECIDED = "not_yet_decided", _("Not yet decided")
    ACCEPTED = "accepted", _("Accepted, and a referral is made")
    DECLINED = "declined", _("Declined")


class ConcernOffer(CouncilOwnedModel, VersionedModel):
    """Advocacy or legal advice offered to the parent, and their answer."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField(_("what was offered"), max_length=20, choices=OfferKind.choices)
    offered_on = models.DateField(_("date offered"))
    answer = models.CharField(
        _("the parent's answer"),
        max_length=20,
        choices=OfferAnswer.choices,
        default=OfferAnswer.NOT_YET_DECIDED,
    )
    answered_on = models.DateField(_("date of the answer"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["concern", "offered_on", "pk"]

    def __str__(self):
        return f"{self.kind} offer {self.public_id}"


class RequestKind(models.TextChoices):
    RECORDED_MEETINGS = "recorded_meetings", _("To have meetings recorded")
    INDEPENDENT_SOCIAL_WORKER = "independent_social_worker", _("An independent social worker")
    OTHER = "other", _("Something else")


class AskedBy(models.TextChoices):
    PARENT = "parent", _("The parent")
    ADVOCATE = "advocate", _("Their advocate")
    SOLICITOR = "solicitor", _("Their solicitor")
    OTHER = "other", _("Someone else on their behalf")


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    AGREED = "agreed", _("Agreed")
    PARTLY = "partly", _("Partly agreed")
    REFUSED = "refused", _("Refused")


# Decisions that must give the parent reasons.
DECISIONS_NEEDING_REASONS = frozenset({Decision.PARTLY, Decision.REFUSED})


class ConcernRequest(CouncilOwnedModel, VersionedModel):
    """Something the parent asked for, and the decision with its reasons."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("what was asked for"), max_length=30, choices=RequestKind.choices)
    detail = models.TextField(_("the request"), blank=True)
    requested_on = models.DateField(_("date of the request"))
    asked_by = models.CharField(
        _("who asked"), max_length=20, choices=AskedBy.choices, default=AskedBy.PARENT
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_by_name = models.CharField(_("who decided"), max_length=200, blank=True)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["concern", "requested_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision__in=["partly", "refused"]) | ~models.Q(reasons=""),
                name="concern_request_refusal_has_reasons",
            )
        ]

    def __str__(self):
        return f"{self.kind} request {self.public_id}"

    @property
    def is_decided(self) -> bool:
        return self.decision != Decision.PENDING


class ParentView(CouncilOwnedModel):
    """The parent's own view of the concern, in their words, on a date. Never edited."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="parent_views")
    given_on = models.DateField(_("date the parent gave their view"))
    words = models.TextField(_("the parent's view, in their words"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["concern", "given_on", "pk"]

    def __str__(self):
        return f"Parent's view {self.public_id}"


class SupportArea(models.TextChoices):
    """Areas of support that can address a concern (stored on plans.PlanItem.support_area)."""

    HOUSING = "housing", _("Housing")
    MENTAL_HEALTH = "mental_health", _("Mental health or counselling")
    PARENTING_COURSE = "parenting_course", _("Parenting or relationship course")
    DRUG_AND_ALCOHOL = "drug_and_alcohol", _("Drug and alcohol services")
    OTHER = "other", _("Other support")
