"""Writes to referrals: each in one transaction with its audit event and notifications.

Nothing is sent without a consent in force that names the receiving organisation; the check
happens inside the transaction that creates the referral, with the consent row locked, so a
withdrawal cannot slip in between. A status change is a new immutable row, written with the
referral's own `status` in the same transaction, and only along the allowed transitions.
"""

import datetime
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.core.concurrency import (
    EditConflict,
    claim_submission,
    complete_submission,
    save_if_unchanged,
)
from parent_charter.notifications.services import notify_parent, notify_staff
from parent_charter.parents import services as parent_services
from parent_charter.parents.models import ConsentRecord, Parent
from parent_charter.parents.selectors import active_consents

from .models import (
    OPEN_STATUSES,
    PROFESSIONAL_REFERRERS,
    TRANSITIONS,
    Delivery,
    DeliveryContact,
    Outcome,
    Referral,
    ReferralStatus,
    ReferredBy,
    ServiceKind,
    SharedInformation,
    Status,
)

DELIVERY_FIELDS = ("support_form", "support_giver", "place", "frequency", "worker_name")
PROFESSIONAL_FIELDS = ("name", "role", "organisation", "phone", "email")


class ConsentRequired(Exception):
    """The parent has no consent in force to share information with the organisation."""

    def __init__(self, parent: Parent, organisation):
        super().__init__("No consent in force to share with this organisation.")
        self.parent = parent
        self.organisation = organisation


class TransitionNotAllowed(Exception):
    """The referral's status cannot move to the one asked for (it may have moved meanwhile)."""

    def __init__(self, current: str, wanted: str):
        super().__init__(f"A referral that is {current} cannot become {wanted}.")
        self.current = current
        self.wanted = wanted


class NotDelivering(Exception):
    """Delivery is recorded only for a programme accepted or started, with consent in force."""


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


def _check_not_open(parent: Parent, programme, confirmed: bool) -> Referral | None:
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


class DuplicateSubmission(Exception):
    def __init__(self, existing=None):
        super().__init__("This form was already submitted.")
        self.existing = existing


def _check_shared(shared) -> list[str]:
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


def _staff_url(referral: Referral) -> str:
    return reverse("referrals:detail", kwargs={"public_id": referral.public_id})


def _partner_url(referral: Referral) -> str:
    return reverse("referrals:partner_detail", kwargs={"public_id": referral.public_id})


def _create(
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


def _audit_detail(referral: Referral, still_open: Referral | None = None) -> dict:
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
    shared = _check_shared(shared)
    _check_destination(parent, organisation, programme)
    with transaction.atomic():
        claim = claim_submission(form_token, object_type="referrals.referral")
        if claim.existing_object_id is not None:
            existing = Referral.objects.filter(public_id=claim.existing_object_id or None).first()
            raise DuplicateSubmission(existing)
        still_open = _check_not_open(parent, programme, while_open_confirmed)
        consent = _consent_in_force(parent, organisation)
        referral = _create(
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
            detail=_audit_detail(referral, still_open),
        )
    return referral


def self_referral_programmes(council) -> list:
    """Programmes of the council's offer that a parent may refer themself to."""
    from parent_charter.offers.models import Programme, ReferralRoute

    programmes = Programme.objects.filter(offer__council=council).select_related("provider")
    return [
        p for p in programmes.order_by("order", "name") if ReferralRoute.SELF in p.referral_routes
    ]


def make_self_referral(
    *,
    parent: Parent,
    user,
    programme,
    message: str,
    shared,
    form_token=None,
    while_open_confirmed: bool = False,
) -> Referral:
    """A parent refers themself to a programme, agreeing in the same step to share `shared`.

    Their consent is recorded as a consent record of its own (recorded by them), the referral
    is sent to the programme's organisation, and their adviser is told at once. While an
    earlier referral to the programme is open, OpenReferralExists names it, unless
    `while_open_confirmed`.
    """
    if programme.offer.council_id != parent.council_id:
        raise ValueError("The programme is not part of the parent's council's offer.")
    if programme not in self_referral_programmes(parent.council):
        raise ValueError("This programme does not take self-referrals.")
    shared = _check_shared(shared)
    organisation = programme.provider
    with transaction.atomic():
        claim = claim_submission(form_token or uuid.uuid4(), object_type="referrals.referral")
        if claim.existing_object_id is not None:
            existing = Referral.objects.filter(public_id=claim.existing_object_id or None).first()
            raise DuplicateSubmission(existing)
        still_open = _check_not_open(parent, programme, while_open_confirmed)
        labels = [str(SharedInformation(value).label) for value in shared]
        consent = parent_services.consent_give(
            parent=parent,
            actor=user,
            form_token=uuid.uuid4(),
            share_with=organisation.name,
            partner_organisation=organisation,
            information="\n".join(
                [
                    *labels,
                    _("Agreed by the parent online, when they referred themself to %(name)s.")
                    % {"name": programme.name},
                ]
            ),
            given_on=timezone.localdate(),
        )
        referral = _create(
            parent=parent,
            actor=user,
            organisation=organisation,
            programme=programme,
            kind=ServiceKind.PROGRAMME,
            referred_by=ReferredBy.SELF,
            reason=(message or "").strip(),
            shared=shared,
            consent=consent,
            professional={},
        )
        complete_submission(claim, referral)
        notify_staff(
            council=parent.council,
            recipients=advisers_of(parent),
            kind="referrals.self_referral",
            params={
                "parent": parent.display_name,
                "programme": programme.name,
                "organisation": organisation.name,
            },
            url=_staff_url(referral),
        )
        audit.record(
            actor=user,
            council=parent.council,
            action="referral.self_referred",
            obj=parent,
            detail=_audit_detail(referral, still_open),
        )
    return referral


# Partners' decisions the parent's adviser hears about, and what the parent is told.
_ADVISER_KINDS = {
    Status.ACCEPTED: "referrals.accepted",
    Status.DECLINED: "referrals.declined",
    Status.ENDED: "referrals.ended",
}
_PARENT_KINDS = {
    Status.ACCEPTED: "referrals.parent.accepted",
    Status.DECLINED: "referrals.parent.declined",
}


def change_status(
    *,
    referral: Referral,
    actor,
    status: str,
    reason: str = "",
    outcome: str = "",
    note: str = "",
    by_partner: bool = False,
) -> Referral:
    """Move the referral on by one allowed step (raises TransitionNotAllowed otherwise).

    Declining needs a reason and ending needs an outcome. Recorded by the partner
    (`by_partner`) or by the adviser on the partner's behalf.
    """
    reason, note = reason.strip(), note.strip()
    if status == Status.DECLINED and not reason:
        raise ValueError("Say why the referral was declined.")
    if status == Status.ENDED and outcome not in Outcome.values:
        raise ValueError("Choose the outcome of the support.")
    with transaction.atomic():
        # Locked, so two people answering at once cannot both move it from the same status.
        current = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("parent__personal_adviser", "parent__council", "organisation")
            .get(pk=referral.pk)
        )
        if status not in TRANSITIONS.get(current.status, ()):
            raise TransitionNotAllowed(current.status, status)
        previous, now = current.status, timezone.now()
        ReferralStatus.objects.create(
            council_id=current.council_id,
            referral=current,
            status=status,
            reason=reason if status == Status.DECLINED else "",
            outcome=outcome if status == Status.ENDED else "",
            note=note,
            at=now,
            by=actor,
        )
        Referral.objects.filter(pk=current.pk).update(status=status, status_changed_at=now)
        referral.status, referral.status_changed_at = status, now
        parent = current.parent
        if by_partner and status in _ADVISER_KINDS:
            notify_staff(
                council=parent.council,
                recipients=advisers_of(parent),
                kind=_ADVISER_KINDS[status],
                params={"parent": parent.display_name, "organisation": current.organisation.name},
                url=_staff_url(current),
            )
        if status in _PARENT_KINDS:
            notify_parent(
                parent=parent,
                kind=_PARENT_KINDS[status],
                params={"organisation": current.organisation.name},
            )
        audit.record(
            actor=actor,
            council=parent.council,
            action="referral.status.changed",
            obj=parent,
            detail={
                "referral": str(current.public_id),
                "from": previous,
                "to": status,
                "outcome": outcome if status == Status.ENDED else "",
                "by_partner": by_partner,
            },
        )
    return referral


def _lock_for_delivery(referral: Referral) -> Referral:
    current = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("parent__council", "organisation")
        .get(pk=referral.pk)
    )
    if not (current.is_programme and current.is_delivering):
        raise NotDelivering("Delivery is recorded for an accepted or started programme.")
    if not active_consents(current.parent, current.organisation).exists():
        raise NotDelivering("The parent has withdrawn their consent.")
    return current


def set_delivery(
    *,
    referral: Referral,
    actor,
    expected_version: int,
    support_form: str,
    support_giver: str,
    place: str,
    frequency: str,
    worker_name: str = "",
) -> Delivery:
    """Record how the support is given, unless someone else saved first (EditConflict).

    `expected_version` 0 means the editor saw no arrangement yet.
    """
    values = {
        "support_form": support_form,
        "support_giver": support_giver,
        "place": place,
        "frequency": frequency,
        "worker_name": worker_name.strip(),
    }
    with transaction.atomic():
        current = _lock_for_delivery(referral)
        delivery = Delivery.objects.filter(referral=current).first()
        if delivery is None:
            if expected_version:
                raise EditConflict(current=Delivery(referral=current, version=0))
            delivery = Delivery.objects.create(
                council_id=current.council_id, referral=current, updated_by=actor, **values
            )
            changed = list(DELIVERY_FIELDS)
        else:
            changed = [name for name in DELIVERY_FIELDS if getattr(delivery, name) != values[name]]
            save_if_unchanged(
                delivery,
                expected_version=expected_version,
                fields={**{name: values[name] for name in changed}, "updated_by": actor},
            )
        audit.record(
            actor=actor,
            council=current.parent.council,
            action="referral.delivery.updated",
            obj=current.parent,
            detail={"referral": str(current.public_id), "fields": changed},
        )
    return delivery


def log_contact(
    *,
    referral: Referral,
    actor,
    form_token,
    on: datetime.date,
    method: str,
    duration_minutes: int,
    note: str = "",
) -> DeliveryContact:
    """Log one contact between the partner and the parent. A resent form logs it once."""
    if on > timezone.localdate():
        raise ValueError("A contact cannot be logged before it happens.")
    with transaction.atomic():
        claim = claim_submission(form_token, object_type="referrals.deliverycontact")
        if claim.existing_object_id is not None:
            raise DuplicateSubmission(referral)
        current = _lock_for_delivery(referral)
        contact = DeliveryContact.objects.create(
            council_id=current.council_id,
            referral=current,
            on=on,
            method=method,
            duration_minutes=duration_minutes,
            note=note.strip(),
            recorded_by=actor,
        )
        complete_submission(claim, contact)
        audit.record(
            actor=actor,
            council=current.parent.council,
            action="referral.contact.logged",
            obj=current.parent,
            detail={
                "referral": str(current.public_id),
                "method": method,
                "duration_minutes": duration_minutes,
            },
        )
    return contact
