"""The partner's side of a referral: moving its status on (recorded by the partner, or by the
adviser on their behalf), how the support is given, and the contacts logged while it is.
Each write runs in one transaction with its audit event and notifications."""

import datetime

from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    EditConflict,
    claim_submission,
    complete_submission,
    save_if_unchanged,
)
from parent_charter.notifications.services import notify_parent, notify_staff
from parent_charter.parents.selectors import active_consents

from . import places
from .models import (
    TRANSITIONS,
    Delivery,
    DeliveryContact,
    Outcome,
    Referral,
    ReferralStatus,
    Status,
)
from .services import advisers_of, staff_url

DELIVERY_FIELDS = ("support_form", "support_giver", "place", "frequency", "worker_name")


class TransitionNotAllowed(Exception):
    """The referral's status cannot move to the one asked for (it may have moved meanwhile)."""

    def __init__(self, current: str, wanted: str):
        super().__init__(f"A referral that is {current} cannot become {wanted}.")
        self.current = current
        self.wanted = wanted


class NotDelivering(Exception):
    """Delivery is recorded only for a programme accepted or started, with consent in force."""


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
        if status == Status.STARTED:
            places.refuse_start_while_waiting(current)
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
        waiting = None
        if status == Status.ACCEPTED:
            waiting = places.on_accepted(current, actor=actor)
        elif status in (Status.DECLINED, Status.ENDED):
            places.on_closed(current, actor=actor)
        parent = current.parent
        if by_partner and status in _ADVISER_KINDS:
            notify_staff(
                council=parent.council,
                recipients=advisers_of(parent),
                kind=_ADVISER_KINDS[status],
                params={"parent": parent.display_name, "organisation": current.organisation.name},
                url=staff_url(current),
            )
        if waiting is not None:
            notify_parent(
                parent=parent,
                kind="referrals.parent.waiting",
                params={"organisation": current.organisation.name},
            )
        elif status in _PARENT_KINDS:
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
                **({"waiting_list": True} if waiting is not None else {}),
            },
        )
    return referral


def lock_for_delivery(referral: Referral) -> Referral:
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
        current = lock_for_delivery(referral)
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
        current = lock_for_delivery(referral)
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
