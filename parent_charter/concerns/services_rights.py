"""What a parent is offered and asks for while a concern is open: advocacy and legal advice,
their requests and the decisions on them, their views in their own words, and the support
agreed (an item on their plan). Each write runs in one transaction with its audit event."""

import datetime

from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.adding import add_once
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    EditConflict,
    save_audited,
    save_if_unchanged,
)
from parent_charter.notifications.services import notify_parent
from parent_charter.plans import services_items

from .models import (
    DECISIONS_NEEDING_REASONS,
    Concern,
    ConcernOffer,
    ConcernRequest,
    Decision,
    OfferAnswer,
    ParentView,
)


class ReasonsRequired(ValueError):
    """A refusal, or a partial agreement, must give the parent its reasons."""


# --- Advocacy and legal advice ----------------------------------------------------------------


def offer_record(
    *,
    concern: Concern,
    actor,
    form_token,
    kind: str,
    offered_on: datetime.date,
    answer: str = OfferAnswer.NOT_YET_DECIDED,
    answered_on: datetime.date | None = None,
    note: str = "",
) -> ConcernOffer:
    return add_once(
        ConcernOffer,
        form_token=form_token,
        object_type="concerns.offer",
        actor=actor,
        action="concern.offer.recorded",
        about=concern,
        audit_detail=lambda offer: {"offer": str(offer.public_id), "kind": kind, "answer": answer},
        council=concern.council,
        concern=concern,
        kind=kind,
        offered_on=offered_on,
        answer=answer,
        answered_on=_answer_date(answer, answered_on),
        note=note.strip(),
        recorded_by=actor,
    )


def _answer_date(answer: str, answered_on):
    if answer == OfferAnswer.NOT_YET_DECIDED:
        return None
    return answered_on or timezone.localdate()


def offer_update(
    *,
    offer: ConcernOffer,
    actor,
    expected_version: int,
    answer: str,
    answered_on: datetime.date | None = None,
    note: str = "",
) -> list[str]:
    """Record the parent's answer (or a change of mind) unless someone saved first."""
    values = {"answer": answer, "answered_on": _answer_date(answer, answered_on), "note": note}
    with transaction.atomic():
        changed = [name for name, value in values.items() if getattr(offer, name) != value]
        if not changed:
            current = ConcernOffer.objects.get(pk=offer.pk)
            if current.version != expected_version:
                raise EditConflict(current=current)
            return []
        return save_audited(
            offer,
            expected_version=expected_version,
            fields=values,
            only_changed=True,
            actor=actor,
            action="concern.offer.updated",
            obj=offer.concern,
            detail={"offer": str(offer.public_id), "answer": answer},
        )


# --- The parent's requests ------------------------------------------------------------------


def request_record(
    *,
    concern: Concern,
    actor,
    form_token,
    kind: str,
    requested_on: datetime.date,
    asked_by: str,
    detail: str = "",
) -> ConcernRequest:
    return add_once(
        ConcernRequest,
        form_token=form_token,
        object_type="concerns.request",
        actor=actor,
        action="concern.request.recorded",
        about=concern,
        audit_detail=lambda request: {
            "request": str(request.public_id),
            "kind": kind,
            "asked_by": asked_by,
        },
        council=concern.council,
        concern=concern,
        kind=kind,
        requested_on=requested_on,
        asked_by=asked_by,
        recorded_by=actor,
        detail=detail.strip(),
    )


def request_decide(
    *,
    request: ConcernRequest,
    actor,
    expected_version: int,
    decision: str,
    decided_by_name: str,
    decided_on: datetime.date,
    reasons: str = "",
) -> ConcernRequest:
    """Record the decision on a request, with reasons (required for a refusal or a partial
    agreement), and tell the parent."""
    if decision == Decision.PENDING:
        raise ValueError("A decision is agreed, partly agreed or refused.")
    if decision in DECISIONS_NEEDING_REASONS and not reasons.strip():
        raise ReasonsRequired("Give the reasons for the decision.")
    with transaction.atomic():
        save_if_unchanged(
            request,
            expected_version=expected_version,
            fields={
                "decision": decision,
                "reasons": reasons.strip(),
                "decided_by_name": decided_by_name.strip(),
                "decided_on": decided_on,
                "decision_recorded_by": actor,
            },
        )
        concern = request.concern
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.request.decided",
            obj=concern,
            detail={"request": str(request.public_id), "kind": request.kind, "decision": decision},
        )
        notify_parent(parent=concern.parent, kind=f"concerns.request_{decision}")
    return request


# --- The parent's views, and support ------------------------------------------------------------


def view_record(
    *, concern: Concern, actor, form_token, given_on: datetime.date, words: str
) -> ParentView:
    return add_once(
        ParentView,
        form_token=form_token,
        object_type="concerns.parentview",
        actor=actor,
        action="concern.parent_view.recorded",
        about=concern,
        audit_detail=lambda view: {"view": str(view.public_id)},
        council=concern.council,
        concern=concern,
        given_on=given_on,
        words=words.strip(),
        recorded_by=actor,
    )


def support_add(
    *,
    concern: Concern,
    actor,
    form_token,
    area: str,
    title: str,
    detail: str = "",
    owner=None,
    due_date: datetime.date | None = None,
):
    """Support agreed to address the concern becomes an item on the parent's plan."""
    try:
        return services_items.add_support_item(
            parent=concern.parent,
            actor=actor,
            title=title,
            detail=detail,
            concern=concern,
            support_area=area,
            owner=owner,
            due_date=due_date,
            form_token=form_token,
        )
    except services_items.DuplicateSubmission as duplicate:
        raise DuplicateSubmission(duplicate.existing) from None
