"""Making a referral to a partner: each write in one transaction with its audit event and
notifications. A parent's own referral from the portal is `services_self`; the partner's
side (status changes, delivery and contacts) is `services_partner`.

Nothing is sent without a consent in force that names the receiving organisation; the check
happens inside the transaction that creates the referral, with the consent row locked, so a
withdrawal cannot slip in between. A status change is a new immutable row, written with the
referral's own `status` in the same transaction, and only along the allowed transitions.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.core.concurrency import (  # noqa: F401 (DuplicateSubmission: for callers)
    DuplicateSubmission,
    claim_or_raise,
    complete_submission,
)
from parent_charter.notifications.services import notify_parent, notify_staff
from parent_charter.parents.models import ConsentRecord, Parent
from parent_charter.parents.selectors import active_consents

from .models import (
    OPEN_STATUSES,
    PROFESSIONAL_REFERRERS,
    Referral,
    ReferralStatus,
    ReferredBy,
    ServiceKind,
    SharedInformation,
    Status,
)

PROFESSIONAL_FIELDS = ("name", "role", "organisation", "phone", "email")


class ConsentRequired(Exception):
    """The parent has no consent in force to share information with the organisation."""

    def __init__(self, parent: Parent, organisation):
        super().__init__("No consent in force to share with this organisation.")
        self.parent = parent
        self.organisation = organisation


class OpenReferralExists(Exception):
    """An earlier referral of the parent to the same programme is still open.

    Sending another is allowed only when the sender says so (`while_open_confirmed`), having
    been shown the open one: two referrals for one place confuse the partner and the parent.
    """

    def __init__(self, existing: Referral):
        super().__init__(f"Referral {existing.reference} to this programme is still open.")
        self.existing = existing


def open_referral_to(parent: Parent, programme) -> Referral | None:
    """The parent's newest referral to `programme` that is still open, if any."""
    if programme is None:
        return None
    return (
        Referral.objects.filter(parent=parent, programme=programme, status__in=OPEN_STATUSES)
        .select_related("programme", "organisation")
        .order_by("-created_at", "-pk")
        .first()
    )


def check_not_open(parent: Parent, programme, confirmed: bool) -> Referral | None:
    """Inside the sending transaction, with the parent's row locked so that two forms sent at
    once cannot both miss each other: refuses a second open referral unless confirmed, and
    returns the open one it was confirmed over (for the audit row)."""
    if programme is None:
        return None
    Parent.objects.select_for_update().filter(pk=parent.pk).first()
    existing = open_referral_to(parent, programme)
    if existing is not None and not confirmed:
        raise OpenReferralExists(existing)
    return existing


def check_shared(shared) -> list[str]:
    chosen = [value for value in SharedInformation.values if value in set(shared)]
    if not chosen or len(chosen) != len(set(shared)):
        raise ValueError("Name at least one kind of information, from SharedInformation only.")
    return chosen


def _check_destination(parent: Parent, organisation, programme) -> None:
    if organisation.council_id != parent.council_id:
        raise ValueError("A referral goes only to the parent's own council's partners.")
    if programme is not None:
        if programme.offer.council_id != parent.council_id:
            raise ValueError("The programme is not part of the parent's council's offer.")
        if programme.provider_id != organisation.pk:
            raise ValueError("A programme's referral goes to the organisation that runs it.")


def _consent_in_force(parent: Parent, organisation) -> ConsentRecord:
    # Locked, so that a withdrawal waits for this referral to be sent, or it is refused.
    consent = active_consents(parent, organisation).select_for_update(of=("self",)).first()
    if consent is None:
        raise ConsentRequired(parent, organisation)
    return consent


def partner_workers(organisation) -> list[User]:
    return list(
        User.objects.filter(
            partner_organisation=organisation,
            is_active=True,
            role_grants__role=Role.PARTNER_WORKER,
        )
        .distinct()
        .order_by("pk")
    )


def advisers_of(parent: Parent) -> list[User]:
    """Who hears about the parent's referrals: their adviser, or the team managers if none."""
    if parent.personal_adviser_id is not None:
        return [parent.personal_adviser]
    return list(
        User.objects.filter(
            council_id=parent.council_id, is_active=True, role_grants__role=Role.TEAM_MANAGER
        )
        .distinct()
        .order_by("pk")
    )


def staff_url(referral: Referral) -> str:
    return reverse("referrals:detail", kwargs={"public_id": referral.public_id})


def _partner_url(referral: Referral) -> str:
    return reverse("referrals:partner_detail", kwargs={"public_id": referral.public_id})


def create_referral(
    *,
    parent: Parent,
    actor,
    organisation,
    programme,
    kind: str,
    referred_by: str,
    reason: str,
    shared: list[str],
    consent: ConsentRecord,
    professional: dict,
) -> Referral:
    now = timezone.now()
    referral = Referral.objects.create(
        council=parent.council,
        parent=parent,
        organisation=organisation,
        programme=programme,
        kind=kind,
        referred_by=referred_by,
        reason=reason,
        shared=shared,
        consent=consent,
        status=Status.SENT,
        status_changed_at=now,
        created_by=actor,
        **{f"professional_{name}": professional.get(name, "") for name in PROFESSIONAL_FIELDS},
    )
    ReferralStatus.objects.create(
        council=parent.council, referral=referral, status=Status.SENT, at=now, by=actor
    )
    notify_staff(
        council=parent.council,
        recipients=partner_workers(organisation),
        kind="referrals.received",
        params={"organisation": organisation.name, "reference": referral.reference},
        url=_partner_url(referral),
    )
    return referral


def audit_detail(referral: Referral, still_open: Referral | None = None) -> dict:
    detail = {
        "referral": str(referral.public_id),
        "organisation": referral.organisation_id,
        "programme": referral.programme_id,
        "kind": referral.kind,
        "referred_by": referral.referred_by,
        "shared": list(referral.shared),
        "consent": str(referral.consent.public_id),
    }
    if still_open is not None:
        # Sent knowingly while an earlier referral to the programme was open.
        detail["while_open"] = str(still_open.public_id)
    return detail


def make_referral(
    *,
    parent: Parent,
    actor,
    form_token,
    organisation,
    kind: str,
    reason: str,
    shared,
    referred_by: str = ReferredBy.ADVISER,
    programme=None,
    professional: dict | None = None,
    while_open_confirmed: bool = False,
) -> Referral:
    """Send a referral made by the leaving-care team: because the team, the parent themself
    (asking their adviser) or a professional asked for it, whose details are then kept.

    Raises ConsentRequired when no consent in force names the organisation: nothing is sent.
    A resent form sends nothing twice (DuplicateSubmission names the first referral). While an
    earlier referral to the same programme is open, OpenReferralExists names it, unless
    `while_open_confirmed`.
    """
    if kind not in ServiceKind.values:
        raise ValueError(f"Unknown kind of service {kind!r}.")
    if kind == ServiceKind.PROGRAMME and programme is None:
        raise ValueError("A referral to a programme names the programme.")
    if referred_by not in ReferredBy.values:
        raise ValueError(f"Unknown referrer {referred_by!r}.")
    professional = {k: (v or "").strip() for k, v in (professional or {}).items()}
    if referred_by in PROFESSIONAL_REFERRERS:
        if not professional.get("name"):
            raise ValueError("Keep the name of the professional who asked for the referral.")
    else:
        professional = {}
    shared = check_shared(shared)
    _check_destination(parent, organisation, programme)
    with transaction.atomic():
        claim = claim_or_raise(form_token, object_type="referrals.referral", model=Referral)
        still_open = check_not_open(parent, programme, while_open_confirmed)
        consent = _consent_in_force(parent, organisation)
        referral = create_referral(
            parent=parent,
            actor=actor,
            organisation=organisation,
            programme=programme,
            kind=kind,
            referred_by=referred_by,
            reason=reason.strip(),
            shared=shared,
            consent=consent,
            professional=professional,
        )
        complete_submission(claim, referral)
        notify_parent(
            parent=parent, kind="referrals.parent.sent", params={"organisation": organisation.name}
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="referral.sent",
            obj=parent,
            detail=audit_detail(referral, still_open),
        )
    return referral
