"""Changes in moving between councils: propose, the parent's answer, withdraw, and the
receiving council's decision. Each runs in one transaction with its audit rows.

Crossing the council wall: a transfer belongs to the sending council, but the receiving
council decides it, and on acceptance the chosen information is read from the sending
council's record and written into new records of the receiving council. Those are the only
writes in the system that reach across the wall; each is done here, inside `scopes_disabled()`
or an explicit `scope()` of the one council concerned, and nowhere else (docs/adr/0024).
"""

import uuid

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.children import services as children
from parent_charter.children.models import LivesWith
from parent_charter.children.selectors import children_with_circumstances
from parent_charter.core.concurrency import EditConflict, claim_or_raise, complete_submission
from parent_charter.notifications import services as notifications
from parent_charter.parents import services as parents
from parent_charter.parents.models import EqualityAnswers, Parent
from parent_charter.plans import services_items as plan_items
from parent_charter.plans.models import ItemStatus, PlanItem
from parent_charter.retention import services as retention
from parent_charter.retention.models import SupportEnd

from . import catalogue
from .models import NEXT_STEPS, ConsentRoute, Kind, Status, Transfer, TransferStep

SENDING, RECEIVING, PARENT = "sending", "receiving", "parent"

DETAIL_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "parent_role",
    "preferred_language",
    "care_status",
    "care_category",
)
CONTACT_FIELDS = ("email", "phone", "address", "postcode", "preferred_contact")


class StepNotAllowed(Exception):
    """The transfer is no longer where this step starts from (someone else acted first)."""

    def __init__(self, transfer: Transfer):
        super().__init__("This step no longer follows the transfer's status.")
        self.transfer = transfer


class AlreadyOpen(Exception):
    """The parent already has a move waiting; only one may be open at a time."""


class AlreadyMoved(Exception):
    """The parent's support was transferred: the record is closed, and a later move is the
    receiving council's to propose."""


def deciders(council) -> list:
    """Who decides on a council's incoming transfers: its active team managers and council
    administrators."""
    return list(
        get_user_model()
        .objects.filter(
            council=council,
            is_active=True,
            role_grants__role__in=[Role.TEAM_MANAGER, Role.COUNCIL_ADMIN],
        )
        .distinct()
    )


def receiving_advisers(council):
    """Who may be the parent's adviser at the receiving council: its active advisers."""
    return (
        get_user_model()
        .objects.filter(council=council, is_active=True, role_grants__role=Role.PERSONAL_ADVISER)
        .distinct()
        .order_by("full_name")
    )


def propose(
    *, parent: Parent, actor, form_token, receiving_council, kind: str, information
) -> Transfer:
    """Propose moving (or sharing) the parent's support to another council. It waits for the
    parent's answer; the receiving council sees nothing until they agree."""
    if receiving_council.pk == parent.council_id:
        raise ValueError("A parent moves to another council, not their own.")
    with transaction.atomic():
        claim = claim_or_raise(form_token, object_type="transfers.transfer", model=Transfer)
        if Transfer.objects.filter(parent=parent, status__in=NEXT_STEPS).exists():
            raise AlreadyOpen
        if Transfer.objects.filter(
            parent=parent, status=Status.ACCEPTED, kind=Kind.TRANSFER
        ).exists():
            raise AlreadyMoved
        try:
            # Two proposals racing past the check above: the database keeps one open move.
            with transaction.atomic():
                transfer = Transfer.objects.create(
                    council=parent.council,
                    parent=parent,
                    receiving_council=receiving_council,
                    kind=kind,
                    information=catalogue.ordered(information),
                    proposed_by=actor,
                )
        except IntegrityError:
            raise AlreadyOpen from None
        TransferStep.objects.create(
            council=parent.council,
            transfer=transfer,
            status=Status.PROPOSED,
            by=actor,
            side=SENDING,
        )
        complete_submission(claim, transfer)
        audit.record(
            actor=actor,
            council=parent.council,
            action="transfer.proposed",
            obj=transfer,
            detail={
                "transfer": str(transfer.public_id),
                "to": receiving_council.slug,
                "kind": kind,
                "information": transfer.information,
            },
        )
        if _has_portal_account(parent):
            notifications.notify_parent(parent=parent, kind="transfers.consent_asked", actor=actor)
    return transfer


def _has_portal_account(parent) -> bool:
    return get_user_model().objects.filter(portal_account__parent=parent).exists()


def _lock(transfer: Transfer) -> Transfer:
    # The receiving council locks and changes the sending council's row: the wall is lifted
    # for this one row, named by its primary key.
    with scopes_disabled():
        return Transfer.objects.select_for_update().get(pk=transfer.pk)


def _step(transfer, *, to, actor, side, expected_version, **fields) -> Transfer:
    """Move the transfer to `to` at the version its reader saw, and keep the step as a row."""
    current = _lock(transfer)
    # Each side acts only from its own council; the views guarantee it, and so does this.
    acting_for = current.receiving_council_id if side == RECEIVING else current.council_id
    if actor.council_id != acting_for:
        raise ValueError("Only the council on this side of the move may take this step.")
    if to not in NEXT_STEPS.get(current.status, ()):
        raise StepNotAllowed(current)
    if current.version != expected_version:
        raise EditConflict(current=current)
    with scopes_disabled():
        Transfer.objects.filter(pk=current.pk).update(
            status=to, version=current.version + 1, **fields
        )
        TransferStep.objects.create(
            council_id=current.council_id, transfer=current, status=to, by=actor, side=side
        )
    current.refresh_from_db()
    return current


def _record_in_both(transfer, *, actor, action: str, receiving_obj=None, **extra) -> None:
    """One audit row in each council's chain. The sending council's is about its parent; the
    receiving council's names the transfer and where it comes from, and is about a parent
    only once it has its own record of them."""
    detail = {"transfer": str(transfer.public_id)}
    audit.record(actor=actor, council=transfer.council, action=action, obj=transfer, detail=detail)
    audit.record(
        actor=actor,
        council=transfer.receiving_council,
        action=action,
        obj=receiving_obj,
        detail={**detail, "from": transfer.council.slug, **extra},
    )


def _decide(transfer, *, to, actor, expected_version, **fields) -> Transfer:
    return _step(
        transfer,
        to=to,
        actor=actor,
        side=RECEIVING,
        expected_version=expected_version,
        decided_by=actor,
        decided_at=timezone.now(),
        **fields,
    )


def record_answer(
    *, transfer: Transfer, actor, expected_version: int, agreed: bool, on, route: str
) -> Transfer:
    """Record the parent's answer: given by them in the portal, or to their adviser (who says
    how and when). With consent, the receiving council is told that a move is waiting."""
    to = Status.CONSENT_GIVEN if agreed else Status.CONSENT_REFUSED
    side = PARENT if route == ConsentRoute.PORTAL else SENDING
    with transaction.atomic():
        transfer = _step(
            transfer,
            to=to,
            actor=actor,
            side=side,
            expected_version=expected_version,
            consent_given_on=on,
            consent_route=route,
        )
        audit.record(
            actor=actor,
            council=transfer.council,
            action="transfer.consent.given" if agreed else "transfer.consent.refused",
            obj=transfer,
            detail={"transfer": str(transfer.public_id), "route": route},
        )
        if agreed:
            receiving = transfer.receiving_council
            # The receiving council's chain names the transfer and where it comes from, never
            # the parent: it holds no record of them yet.
            audit.record(
                actor=actor,
                council=receiving,
                action="transfer.received",
                detail={
                    "transfer": str(transfer.public_id),
                    "from": transfer.council.slug,
                    "kind": transfer.kind,
                },
            )
            with scope(council=receiving.pk):
                notifications.notify_staff(
                    council=receiving,
                    recipients=deciders(receiving),
                    kind="transfers.incoming",
                    params={"council": transfer.council.name},
                    url=reverse("transfers:incoming", kwargs={"public_id": transfer.public_id}),
                )
    return transfer


def withdraw(*, transfer: Transfer, actor, expected_version: int) -> Transfer:
    """The sending council withdraws a move that is still open (the parent changed their mind,
    or did not move after all)."""
    with transaction.atomic():
        was = transfer.status
        transfer = _step(
            transfer,
            to=Status.WITHDRAWN,
            actor=actor,
            side=SENDING,
            expected_version=expected_version,
        )
        if was == Status.CONSENT_GIVEN:
            _record_in_both(transfer, actor=actor, action="transfer.withdrawn")
        else:
            audit.record(
                actor=actor,
                council=transfer.council,
                action="transfer.withdrawn",
                obj=transfer,
                detail={"transfer": str(transfer.public_id)},
            )
    return transfer


def decline(*, transfer: Transfer, actor, expected_version: int, reason: str) -> Transfer:
    """The receiving council declines, saying why (the sending council reads the reason)."""
    with transaction.atomic():
        transfer = _decide(
            transfer,
            to=Status.DECLINED,
            actor=actor,
            expected_version=expected_version,
            decline_reason=reason,
        )
        _record_in_both(transfer, actor=actor, action="transfer.declined")
        _tell_sending_side(transfer, kind="transfers.declined")
    return transfer


def _tell_sending_side(transfer: Transfer, *, kind: str) -> None:
    with scope(council=transfer.council_id):
        proposer = get_user_model().objects.get(pk=transfer.proposed_by_id)
        notifications.notify_staff(
            council=transfer.council,
            recipients=[proposer],
            kind=kind,
            params={"council": transfer.receiving_council.name},
            url=reverse("transfers:detail", kwargs={"public_id": transfer.public_id}),
        )


def accept(*, transfer: Transfer, actor, expected_version: int, adviser) -> Transfer:
    """The receiving council accepts: in one transaction, new records of the parent owned by
    the receiving council (with the adviser it chose) hold what the parent agreed may go; a
    transfer closes the sending council's record with its history kept (support ended today),
    shared support leaves it open. Both councils' audit trails record it."""
    receiving = actor.council
    if adviser.council_id != receiving.pk:
        raise ValueError("The adviser must work for the receiving council.")
    with transaction.atomic():
        transfer = _decide(
            transfer, to=Status.ACCEPTED, actor=actor, expected_version=expected_version
        )
        chosen = set(transfer.information)
        snapshot = _read_sending_record(transfer, chosen)
        with scope(council=receiving.pk):
            new_parent, children_made, plan_items_carried = _write_receiving_records(
                snapshot, receiving=receiving, actor=actor, adviser=adviser, chosen=chosen
            )
        with scopes_disabled():
            Transfer.objects.filter(pk=transfer.pk).update(receiving_parent=new_parent)
        transfer.receiving_parent = new_parent
        _record_in_both(
            transfer,
            actor=actor,
            action="transfer.accepted",
            receiving_obj=new_parent,
            kind=transfer.kind,
            information=transfer.information,
            children=children_made,
            plan_items=plan_items_carried,
        )
        if transfer.kind == Kind.TRANSFER:
            _close_sending_record(transfer, actor=actor)
        _tell_sending_side(transfer, kind="transfers.accepted")
    return transfer


def _read_sending_record(transfer: Transfer, chosen: set) -> dict:
    """What the parent agreed may go, read from the sending council's records into plain values
    (only the chosen groups are read at all). The one read across the wall on acceptance."""
    with scopes_disabled():
        parent = Parent.objects.get(pk=transfer.parent_id, council_id=transfer.council_id)
        snapshot = {"details": {name: getattr(parent, name) for name in DETAIL_FIELDS}}
        if "contact" in chosen:
            snapshot["contact"] = {name: getattr(parent, name) for name in CONTACT_FIELDS}
        if "equality" in chosen:
            answers = EqualityAnswers.objects.filter(parent=parent).first()
            if answers is not None:
                snapshot["equality"] = {
                    "ethnic_group": answers.ethnic_group,
                    "disability": answers.disability,
                }
        if "plan" in chosen:
            snapshot["plan"] = {
                (item.commitment.key, item.milestone_key): {
                    "status": item.status,
                    "parent_view": item.parent_view,
                    "evidence": item.evidence,
                }
                for item in _charter_items(parent).exclude(status=ItemStatus.TO_DISCUSS)
            }
        if "children" in chosen:
            snapshot["children"] = [
                _child_values(link, circumstance, sending_council=transfer.council)
                for link, circumstance in children_with_circumstances(parent)
            ]
    return snapshot


def _charter_items(parent):
    """The parent's open plan items for the charter's own promises, not tied to a child: the
    promises both councils keep alike, matched between their plans by the promise's key."""
    return PlanItem.objects.filter(
        plan__parent=parent,
        closed_at__isnull=True,
        commitment__isnull=False,
        child__isnull=True,
    ).select_related("commitment")


def _carry_plan(parent, progress: dict, *, actor) -> int:
    """Bring each charter promise's progress to the new plan's item for the same promise (made
    by the plans app when the record was made). Returns how many items were brought."""
    carried = 0
    for item in _charter_items(parent):
        values = progress.get((item.commitment.key, item.milestone_key))
        if values is None:
            continue
        if values["status"] == ItemStatus.DELIVERED and not values["evidence"].strip():
            continue  # delivery with no evidence on record: the new council records its own
        plan_items.item_update(
            item=item,
            actor=actor,
            expected_version=item.version,
            owner=item.owner,
            due_date=item.due_date,
            **values,
        )
        carried += 1
    return carried


def _child_values(link, circumstance, *, sending_council) -> dict:
    child = link.child
    values = {
        "given_name": child.given_name,
        "due_date": child.due_date,
        "date_of_birth": child.date_of_birth,
        "lives_with": circumstance.lives_with if circumstance else LivesWith.NOT_YET_BORN,
        "legal_status": circumstance.legal_status if circumstance else "none",
    }
    if circumstance is None and child.is_born:
        values["lives_with"], values["lives_with_which"] = LivesWith.ONE_PARENT, "this"
    other = next(
        (row for row in child.parent_links.all() if row.pk != link.pk),
        None,
    )
    if other is not None:
        if other.parent is not None:
            # A parent the sending council supports: named only, never linked across councils.
            values["other_parent_name"] = f"{other.parent.given_name} {other.parent.family_name}"
            values["other_parent_care_experienced"] = True
            values["other_parent_council"] = sending_council.name
        else:
            values["other_parent_name"] = other.other_parent_name
            values["other_parent_care_experienced"] = other.other_parent_care_experienced
            values["other_parent_council"] = other.other_parent_council
    if circumstance is not None and circumstance.lives_with == LivesWith.ONE_PARENT:
        with_this = circumstance.lives_with_parent_id == link.pk
        values["lives_with_which"] = "this" if with_this or other is None else "other"
    return values


def _write_receiving_records(snapshot, *, receiving, actor, adviser, chosen) -> tuple:
    """New records of the receiving council, each made (and audited) by its own app's service."""
    fields = {**snapshot["details"], **snapshot.get("contact", {}), "personal_adviser": adviser}
    parent = parents.parent_create(
        council=receiving, actor=actor, form_token=uuid.uuid4(), **fields
    )
    made = 0
    for values in snapshot.get("children", []):
        children.child_add(parent=parent, actor=actor, form_token=uuid.uuid4(), **values)
        made += 1
    if snapshot.get("equality"):
        parents.equality_update(
            parent=parent, actor=actor, expected_version=1, **snapshot["equality"]
        )
    carried = _carry_plan(parent, snapshot["plan"], actor=actor) if snapshot.get("plan") else 0
    return parent, made, carried


def _close_sending_record(transfer: Transfer, *, actor) -> None:
    """A transfer ends the sending council's support today; the record and its history stay
    (retention periods count from today). Support already recorded as ended stays as it was."""
    with scope(council=transfer.council_id):
        parent = Parent.objects.select_related("council").get(pk=transfer.parent_id)
        if not SupportEnd.objects.filter(parent=parent).exists():
            retention.record_support_end(parent=parent, actor=actor, ended_on=timezone.localdate())
        audit.record(
            actor=actor,
            council=transfer.council,
            action="transfer.closed",
            obj=transfer,
            detail={"transfer": str(transfer.public_id), "reason": "moved_to_another_council"},
        )
