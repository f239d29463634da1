"""Writes about concerns. Each runs in one transaction with its audit event.

Opening or closing a concern changes the parent's stages, so both refresh the parent's plan
inside the same transaction (plans.services.refresh_parent): the "concerns raised" promises
are added when a concern opens and closed when the last one closes, unless a child's legal
position keeps the stage.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import (
    EditConflict,
    claim_submission,
    complete_submission,
    save_if_unchanged,
)
from parent_charter.notifications.services import notify_parent, notify_staff
from parent_charter.parents.models import Parent
from parent_charter.plans import services as plans
from parent_charter.plans import services_items

from .models import (
    DECISIONS_NEEDING_REASONS,
    Concern,
    ConcernOffer,
    ConcernRequest,
    ConcernStatus,
    ConcernSummary,
    Decision,
    OfferAnswer,
    ParentView,
    SharedHow,
)

EDITABLE_FIELDS = (
    "raised_by_role",
    "raised_by_organisation",
    "raised_by_name",
    "raised_on",
    "evidence_what",
    "evidence_when",
    "evidence_source",
    "status",
)


class DuplicateSubmission(Exception):
    """The form was sent before; `existing` is what it made (None while that is unfinished)."""

    def __init__(self, existing=None):
        super().__init__("This form was already submitted.")
        self.existing = existing


class ConcernClosed(Exception):
    """A closed concern's own record is kept as it was closed."""


class ReasonsRequired(ValueError):
    """A refusal, or a partial agreement, must give the parent its reasons."""


class AlreadyShared(Exception):
    """This version of the summary has already been shared with the parent."""


class NotLatestSummary(Exception):
    """Only the newest version of a summary can be acknowledged."""


def _claim(form_token, object_type: str, model):
    claim = claim_submission(form_token, object_type=object_type)
    if claim.existing_object_id is not None:
        existing = model.objects.filter(public_id=claim.existing_object_id or None).first()
        raise DuplicateSubmission(existing)
    return claim


def _concern_url(concern: Concern) -> str:
    return reverse("concerns:detail", kwargs={"public_id": concern.public_id})


def _has_portal_account(parent) -> bool:
    # Through the parent's side of the join, so concerns need not import the portal.
    return Parent.objects.filter(pk=parent.pk, portal_account__user__is_active=True).exists()


# --- The concern ----------------------------------------------------------------------------


def concern_raise(
    *,
    parent,
    actor,
    form_token,
    raised_by_role: str,
    raised_on: datetime.date,
    evidence_what: str,
    evidence_when: datetime.date,
    evidence_source: str,
    raised_by_organisation: str = "",
    raised_by_name: str = "",
) -> Concern:
    """Record a concern about the parent's parenting. It opens at once, so the parent's
    "concerns raised" promises apply; their adviser is told if someone else recorded it."""
    with transaction.atomic():
        claim = _claim(form_token, "concerns.concern", Concern)
        concern = Concern.objects.create(
            council=parent.council,
            parent=parent,
            raised_by_role=raised_by_role,
            raised_by_organisation=raised_by_organisation.strip(),
            raised_by_name=raised_by_name.strip(),
            raised_on=raised_on,
            evidence_what=evidence_what.strip(),
            evidence_when=evidence_when,
            evidence_source=evidence_source.strip(),
            recorded_by=actor,
        )
        complete_submission(claim, concern)
        audit.record(
            actor=actor,
            council=parent.council,
            action="concern.raised",
            obj=concern,
            detail={
                "parent": str(parent.public_id),
                "raised_by_role": raised_by_role,
                "named": bool(concern.raised_by_name),
            },
        )
        plans.refresh_parent(parent=parent, actor=actor, reason="A concern was raised")
        adviser = parent.personal_adviser
        if adviser is not None and adviser != actor:
            notify_staff(
                council=parent.council,
                recipients=[adviser],
                kind="concerns.raised",
                params={"parent": parent.display_name},
                url=_concern_url(concern),
            )
    return concern


def concern_update(*, concern: Concern, actor, expected_version: int, **fields) -> list[str]:
    """Save changed details unless someone else saved first (raises EditConflict). The status
    moves only between open and under assessment here; closing is `concern_close`."""
    if fields.get("status") == ConcernStatus.CLOSED:
        raise ValueError("Close a concern with concern_close, which records the outcome.")
    with transaction.atomic():
        current = Concern.objects.select_for_update().get(pk=concern.pk)
        if current.status == ConcernStatus.CLOSED:
            raise ConcernClosed
        if current.version != expected_version:
            raise EditConflict(current=current)
        changed = [
            name
            for name in EDITABLE_FIELDS
            if name in fields and getattr(current, name) != fields[name]
        ]
        if not changed:
            return []
        save_if_unchanged(
            concern,
            expected_version=expected_version,
            fields={name: fields[name] for name in changed},
        )
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.updated",
            obj=concern,
            detail={"fields": changed, "status": concern.status},
        )
    return changed


def concern_close(
    *,
    concern: Concern,
    actor,
    expected_version: int,
    outcome: str,
    closed_on: datetime.date,
    outcome_detail: str = "",
) -> Concern:
    """Close the concern with its outcome. The parent's plan follows: the "concerns raised"
    promises close unless another open concern or a child's legal position keeps the stage."""
    with transaction.atomic():
        current = Concern.objects.select_for_update().get(pk=concern.pk)
        if current.status == ConcernStatus.CLOSED:
            raise ConcernClosed
        save_if_unchanged(
            concern,
            expected_version=expected_version,
            fields={
                "status": ConcernStatus.CLOSED,
                "outcome": outcome,
                "outcome_detail": outcome_detail.strip(),
                "closed_on": closed_on,
                "closed_by": actor,
            },
        )
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.closed",
            obj=concern,
            detail={"outcome": outcome},
        )
        plans.refresh_parent(parent=concern.parent, actor=actor, reason="A concern was closed")
    return concern


# --- The summary in plain words ---------------------------------------------------------------


def summary_write(
    *, concern: Concern, actor, form_token, what_is_happening: str, the_plan: str
) -> ConcernSummary:
    """Write a new version of the summary. A parent with a portal account sees it there at
    once, so it counts as shared and they are told; otherwise the adviser records how and
    when they shared it (`summary_record_shared`). Each version needs its own acknowledgement.
    """
    with transaction.atomic():
        claim = _claim(form_token, "concerns.summary", ConcernSummary)
        # Locked so that two workers writing at once get versions n and n + 1.
        Concern.objects.select_for_update().filter(pk=concern.pk).first()
        latest = concern.summaries.aggregate(latest=Max("number"))["latest"] or 0
        parent = concern.parent
        online = _has_portal_account(parent)
        now = timezone.now()
        summary = ConcernSummary.objects.create(
            council=concern.council,
            concern=concern,
            number=latest + 1,
            what_is_happening=what_is_happening.strip(),
            the_plan=the_plan.strip(),
            written_by=actor,
            written_at=now,
            shared_on=timezone.localdate(now) if online else None,
            shared_how=SharedHow.PORTAL if online else "",
            shared_recorded_by=actor if online else None,
        )
        complete_submission(claim, summary)
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.summary.written",
            obj=concern,
            detail={"version": summary.number, "shared_online": online},
        )
        if online:
            notify_parent(parent=parent, kind="concerns.summary_shared")
    return summary


def summary_record_shared(
    *,
    summary: ConcernSummary,
    actor,
    shared_on: datetime.date,
    shared_how: str,
    shared_note: str = "",
) -> ConcernSummary:
    """Record that the adviser shared this version with the parent (on a date, and how)."""
    with transaction.atomic():
        updated = ConcernSummary.objects.filter(pk=summary.pk, shared_on__isnull=True).update(
            shared_on=shared_on,
            shared_how=shared_how,
            shared_note=shared_note.strip(),
            shared_recorded_by=actor,
        )
        if updated != 1:
            raise AlreadyShared
        summary.refresh_from_db()
        concern = summary.concern
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.summary.shared",
            obj=concern,
            detail={"version": summary.number, "how": shared_how},
        )
        notify_parent(parent=concern.parent, kind="concerns.summary_shared")
    return summary


def summary_acknowledge(*, summary: ConcernSummary, actor) -> bool:
    """The parent says they have read this version. Returns False if it was already
    acknowledged; raises NotLatestSummary if a newer version has been written since."""
    with transaction.atomic():
        concern = Concern.objects.select_related("parent__personal_adviser").get(
            pk=summary.concern_id
        )
        latest = concern.summaries.aggregate(latest=Max("number"))["latest"]
        if summary.number != latest:
            raise NotLatestSummary
        now = timezone.now()
        updated = ConcernSummary.objects.filter(pk=summary.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=now
        )
        if updated != 1:
            return False
        summary.acknowledged_at = now
        if summary.shared_on is None:
            # Read in the portal before the adviser recorded sharing it: that is how it reached
            # the parent.
            ConcernSummary.objects.filter(pk=summary.pk).update(
                shared_on=timezone.localdate(now), shared_how=SharedHow.PORTAL
            )
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.summary.acknowledged",
            obj=concern,
            detail={"version": summary.number},
        )
        parent = concern.parent
        if parent.personal_adviser is not None:
            notify_staff(
                council=concern.council,
                recipients=[parent.personal_adviser],
                kind="concerns.summary_acknowledged",
                params={"parent": parent.display_name},
                url=_concern_url(concern),
            )
    return True


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
    with transaction.atomic():
        claim = _claim(form_token, "concerns.offer", ConcernOffer)
        offer = ConcernOffer.objects.create(
            council=concern.council,
            concern=concern,
            kind=kind,
            offered_on=offered_on,
            answer=answer,
            answered_on=_answer_date(answer, answered_on),
            note=note.strip(),
            recorded_by=actor,
        )
        complete_submission(claim, offer)
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.offer.recorded",
            obj=concern,
            detail={"offer": str(offer.public_id), "kind": kind, "answer": answer},
        )
    return offer


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
        save_if_unchanged(
            offer,
            expected_version=expected_version,
            fields={name: values[name] for name in changed},
        )
        audit.record(
            actor=actor,
            council=offer.council,
            action="concern.offer.updated",
            obj=offer.concern,
            detail={"offer": str(offer.public_id), "fields": changed, "answer": answer},
        )
    return changed


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
    with transaction.atomic():
        claim = _claim(form_token, "concerns.request", ConcernRequest)
        request = ConcernRequest.objects.create(
            council=concern.council,
            concern=concern,
            kind=kind,
            detail=detail.strip(),
            requested_on=requested_on,
            asked_by=asked_by,
            recorded_by=actor,
        )
        complete_submission(claim, request)
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.request.recorded",
            obj=concern,
            detail={"request": str(request.public_id), "kind": kind, "asked_by": asked_by},
        )
    return request


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
    with transaction.atomic():
        claim = _claim(form_token, "concerns.parentview", ParentView)
        view = ParentView.objects.create(
            council=concern.council,
            concern=concern,
            given_on=given_on,
            words=words.strip(),
            recorded_by=actor,
        )
        complete_submission(claim, view)
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.parent_view.recorded",
            obj=concern,
            detail={"view": str(view.public_id)},
        )
    return view


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
