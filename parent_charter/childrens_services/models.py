"""Referrals to children's services and pre-birth assessment requests, and the referral guard.

A referral must rest on current evidence of risk: what was seen or reported, when, and by
whom. Care status or history is never a ground (it is not among the choices, and a form that
sends one is refused and counted). Each piece of evidence is read by the guard (guard.py); if
any rests on the parent's own childhood in care, the referral is held for a team manager
instead of being sent, and the parent is told.

Nothing here is ever deleted or overwritten: a rewrite adds a new round of evidence, and each
step (held, sent, returned, withdrawn) is a row of its own with who, when and why.
"""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class ReferralKind(models.TextChoices):
    REFERRAL = "referral", _("Referral to children's services")
    PRE_BIRTH = "pre_birth", _("Request for a pre-birth assessment")


class Ground(models.TextChoices):
    """Current risk grounds, the only ones a referral may name."""

    PHYSICAL_INJURY = "physical_injury", _("Physical injury seen")
    NEGLECT = "neglect", _("Neglect of the child's needs observed")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse reported")
    SUBSTANCE_MISUSE = "substance_misuse", _("Substance misuse affecting care of the child")
    MENTAL_HEALTH_CRISIS = (
        "mental_health_crisis",
        _("Untreated mental health crisis affecting care of the child"),
    )
    HARM_TO_UNBORN = "harm_to_unborn", _("Threats or harm to the unborn baby")
    OTHER_CURRENT = "other_current", _("Another current concern, described in the evidence")


# Values a tampered or outdated form might send. Never offered, always refused and counted.
FORBIDDEN_GROUNDS = frozenset(
    {
        "care_status",
        "care_history",
        "care_leaver",
        "care_experienced",
        "looked_after",
        "previously_looked_after",
        "parent_in_care",
        "parent_was_in_care",
        "parent_care_history",
        "parents_own_childhood",
        "own_childhood",
        "family_history",
        "intergenerational",
    }
)
# Anything else that names care, being looked after or the parent's past is refused the same
# way: no current ground contains these words, so nothing real is caught.
_FORBIDDEN_WORDS = re.compile(
    r"care|looked|leaver|\blac\b|history|childhood|upbringing|intergeneration|gofal"
)


def normalise_ground(value) -> str:
    return re.sub(r"[\s\-]+", "_", str(value).strip().lower())


def is_forbidden_ground(value) -> bool:
    plain = normalise_ground(value)
    return plain in FORBIDDEN_GROUNDS or bool(_FORBIDDEN_WORDS.search(plain.replace("_", " ")))


class Status(models.TextChoices):
    HELD = "held", _("Held for a manager's decision")
    SENT = "sent", _("Sent")
    RETURNED = "returned", _("Returned to rewrite the evidence")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Destination(models.TextChoices):
    # There is no system to call: "sent" records that it went to the front door, and when.
    FRONT_DOOR = "front_door", _("Children's services front door")


class ChildrenServicesReferral(CouncilOwnedModel, VersionedModel):
    kind = models.CharField(_("what this is"), max_length=20, choices=ReferralKind.choices)
    parent = models.ForeignKey(
        "parents.Parent",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        related_name="childrens_services_referrals",
    )
    child = models.ForeignKey(
        "children.Child",
        verbose_name=_("child or unborn baby"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grounds = models.JSONField(_("grounds"), default=list)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Each rewrite after a manager returns it adds a round of evidence; the latest is current.
    round = models.PositiveSmallIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    sent_to = models.CharField(_("sent to"), max_length=20, choices=Destination.choices, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["council", "status", "created_at"]),
            models.Index(fields=["parent", "created_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def ground_labels(self) -> list[str]:
        labels = dict(Ground.choices)
        return [str(labels.get(value, value)) for value in self.grounds]

    @property
    def is_held(self) -> bool:
        return self.status == Status.HELD

    @property
    def is_returned(self) -> bool:
        return self.status == Status.RETURNED


class SourceKind(models.TextChoices):
    SEEN_BY_ME = "seen_by_me", _("Seen by me")
    SEEN_BY_WORKER = "seen_by_worker", _("Seen by another worker")
    PROFESSIONAL = "professional", _("Reported by another professional")
    PARENT = "parent", _("Reported by the parent")
    OTHER = "other", _("Reported by someone else")


class ReferralEvidence(CouncilOwnedModel):
    """One piece of evidence: what was seen or reported, when, and who by."""

    referral = models.ForeignKey(
        ChildrenServicesReferral, on_delete=models.CASCADE, related_name="evidence"
    )
    round = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveSmallIntegerField(default=0)
    what = models.TextField(_("what was seen or reported"))
    seen_on = models.DateField(_("when it was seen or reported"))
    source_kind = models.CharField(_("source"), max_length=20, choices=SourceKind.choices)
    source_detail = models.CharField(_("who: their role and organisation"), max_length=200)
    # How what happened affects the child's safety now. Blank only on evidence recorded before
    # the field existed; every new piece must say it.
    impact = models.TextField(_("how it affects the child's safety now"), blank=True)
    # Older than the council's recency window when it was recorded: it may sit beside a
    # current event as background, never stand alone.
    background = models.BooleanField(default=False)
    # The guard's findings: [{"rule", "start", "end", "field"}] pointing into `what` (or the
    # named field: "source_detail", "impact"). Never the words themselves, so what is shown is
    # always read from the text as written.
    findings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["referral", "round", "position", "pk"]

    def __str__(self):
        return f"{self.get_source_kind_display()} {self.seen_on}"

    @property
    def flagged(self) -> bool:
        return bool(self.findings)


class StepKind(models.TextChoices):
    HELD = "held", _("Held: the evidence may rest on the parent's own past")
    HELD_ROUTINE = (
        "held_routine",
        _("Held: a routine referral, resting on policy, a team or the parent's status"),
    )
    SENT = "sent", _("Sent to the children's services front door")
    SENT_AFTER_CHECK = "sent_after_check", _("Sent as it was, after a manager's check")
    RETURNED = "returned", _("Returned to rewrite the evidence")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReferralStep(CouncilOwnedModel):
    """What happened to a referral, in order. Rows are only ever added."""

    referral = models.ForeignKey(
        ChildrenServicesReferral, on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField(max_length=20, choices=StepKind.choices)
    round = models.PositiveSmallIntegerField(default=1)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    # For a manager who sent a held referral: the positions (in this round) of the evidence
    # they said shows a current risk.
    relied_on = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["referral", "at", "pk"]

    def __str__(self):
        return self.get_step_display()


class GuardEventKind(models.TextChoices):
    """Counted moments, in the order the figures page shows them."""

    REFUSED_GROUND = "refused_ground", _("Refused: care status or history chosen as a ground")
    REFUSED_EVIDENCE = (
        "refused_evidence",
        _("Refused: no current, dated event of risk in the evidence"),
    )
    FLAGGED = "flagged", _("Held: evidence rested on the parent's own past")
    HELD_ROUTINE = "held_routine", _("Held: a routine referral, resting on policy or status")
    SENT_AFTER_CHECK = "sent_after_check", _("Sent as it was after a manager's check")
    RETURNED = "returned", _("Returned to rewrite the evidence")
    WITHDRAWN = "withdrawn", _("Withdrawn after a manager's check")
    REFUSED_REASON = (
        "refused_reason",
        _("A manager's reason for sending was refused"),
    )


class GuardEvent(CouncilOwnedModel):
    """One counted moment for the council's figures: what happened and when, no free text."""

    kind = models.CharField(max_length=20, choices=GuardEventKind.choices)
    referral_kind = models.CharField(max_length=20, choices=ReferralKind.choices)
    occurred_at = models.DateTimeField(default=timezone.now)
    # For a held referral, the guard's rules that fired (fixed keys from guard.FAMILIES).
    rules = models.JSONField(default=list, blank=True)
    # None for a refused attempt: nothing was saved, so there is nothing to point at.
    referral = models.ForeignKey(
        ChildrenServicesReferral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guard_events",
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["council", "occurred_at"])]

    def __str__(self):
        return self.kind
