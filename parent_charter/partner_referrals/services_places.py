"""The partner's work on a programme's places: offering a free place to the next on the
waiting list, recording the parent's answer, matching a parent to one of the programme's
volunteers or workers, and keeping the list of those people (ADR 0025).

Each write runs in one transaction with its audit event. Rows that decide who gets what (the
programme, the volunteer, the referral) are locked first, so two partner workers acting at once
cannot offer the same place twice or fill a volunteer beyond the families they can take.
"""

import re

from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import claim_or_raise, complete_submission, save_audited
from parent_charter.notifications.services import notify_parent
from parent_charter.parents.models import ParentRole
from parent_charter.parents.selectors import active_consents

from . import places, services_partner
from .models import (
    WAITING_ORDER,
    Match,
    OfferAnswer,
    Outcome,
    ProgrammeWorker,
    Referral,
    Status,
    WaitingListEntry,
    WaitingState,
)

WORKER_FIELDS = ("first_name", "role", "areas", "supports_dads", "families", "active")


class NotNext(Exception):
    """Someone else is ahead on the list, or this entry has been offered or closed meanwhile."""


class NoFreePlace(Exception):
    """Every place is taken or held for someone already offered one."""


class ConsentWithdrawn(Exception):
    """The parent no longer agrees to share with the partner: their referral should end."""


class NotOffered(Exception):
    """The place is no longer waiting for the parent's answer (answered or closed meanwhile)."""


class CannotMatch(Exception):
    """Matching is for a parent holding a place, with consent in force, to an active person of
    the same programme who supports dads when the parent is one."""


class WorkerFull(Exception):
    """The volunteer or worker already has as many families as they can take."""


class MatchChanged(Exception):
    """Someone matched the parent to another person after the form was opened."""

    def __init__(self, current):
        super().__init__("The parent's match changed meanwhile.")
        self.current = current


# --- Areas ----------------------------------------------------------------------------------

_OUTWARD = re.compile(r"^([A-Z]{1,2})(\d[A-Z\d]?)$")


def postcode_district(postcode: str) -> str:
    """The outward part of a UK postcode ("HR1" of "HR1 2AB"), or "" when it is not one."""
    compact = postcode.replace(" ", "").upper()
    if len(compact) < 5:
        return ""
    outward = compact[:-3]
    return outward if _OUTWARD.match(outward) else ""


def covers(areas: list[str], district: str) -> bool:
    """Whether a person's areas reach the district: the district itself ("HR1") or its whole
    postcode area ("HR")."""
    if not district:
        return False
    match = _OUTWARD.match(district)
    letters = match.group(1) if match else ""
    return any(area in (district, letters) for area in areas)


def normalise_areas(areas: list[str]) -> list[str]:
    seen: list[str] = []
    for area in areas:
        value = area.strip().upper()
        if value and value not in seen:
            seen.append(value)
    return seen


# --- The waiting list -------------------------------------------------------------------------


def next_waiting(programme_id: int) -> WaitingListEntry | None:
    """The first entry of the programme's waiting list, in the order places are offered."""
    return (
        WaitingListEntry.objects.filter(programme_id=programme_id, state=WaitingState.WAITING)
        .order_by(*WAITING_ORDER)
        .first()
    )


def free_places(programme) -> int | None:
    """Places neither taken nor held for someone offered one; None when there is no limit."""
    if programme.places is None:
        return None
    return max(programme.places - places.places_taken(programme.pk), 0)


def offer_place(*, entry: WaitingListEntry, actor) -> WaitingListEntry:
    """Offer a free place to the entry, which must be first on its programme's list."""
    with transaction.atomic():
        programme = places.lock_programme(entry.programme_id)
        current = (
            WaitingListEntry.objects.select_for_update(of=("self",))
            .select_related("referral__parent__council", "referral__organisation")
            .get(pk=entry.pk)
        )
        head = next_waiting(programme.pk)
        if current.state != WaitingState.WAITING or head is None or head.pk != current.pk:
            raise NotNext("Someone else is first on the list.")
        if not free_places(programme):
            raise NoFreePlace("Every place is taken.")
        referral = current.referral
        if not active_consents(referral.parent, referral.organisation).exists():
            raise ConsentWithdrawn("The parent withdrew their consent.")
        now = timezone.now()
        WaitingListEntry.objects.filter(pk=current.pk).update(
            state=WaitingState.OFFERED, offered_at=now, offered_by=actor
        )
        entry.state, entry.offered_at, entry.offered_by = WaitingState.OFFERED, now, actor
        notify_parent(
            parent=referral.parent,
            kind="referrals.parent.place_offered",
            params={"organisation": referral.organisation.name},
        )
        audit.record(
            actor=actor,
            council=referral.parent.council,
            action="referral.place.offered",
            obj=referral.parent,
            detail={"referral": str(referral.public_id), "joined_on": str(current.joined_on)},
        )
    return entry


# An answer that ends the referral, and the outcome recorded for it.
_ENDING = {OfferAnswer.DECLINED: Outcome.PARENT_STOPPED, OfferAnswer.NO_CONTACT: Outcome.NO_CONTACT}


def answer_offer(*, entry: WaitingListEntry, actor, answer: str) -> WaitingListEntry:
    """Record the parent's answer to an offered place. Taken: the place is theirs and support
    can start. Otherwise they leave the list, the referral ends and the place is offered on."""
    if answer not in OfferAnswer.values:
        raise ValueError("Choose the parent's answer.")
    with transaction.atomic():
        current = (
            WaitingListEntry.objects.select_for_update(of=("self",))
            .select_related("referral__parent__council")
            .get(pk=entry.pk)
        )
        if current.state != WaitingState.OFFERED:
            raise NotOffered("The offer has been answered or closed.")
        now = timezone.now()
        state = WaitingState.PLACED if answer == OfferAnswer.TAKEN else WaitingState.LEFT
        WaitingListEntry.objects.filter(pk=current.pk).update(
            state=state,
            answer=answer,
            closed_at=now,
            closed_by=actor,
            left_on=timezone.localdate(now) if state == WaitingState.LEFT else None,
        )
        entry.state, entry.answer = state, answer
        referral = current.referral
        audit.record(
            actor=actor,
            council=referral.parent.council,
            action="referral.place.answered",
            obj=referral.parent,
            detail={"referral": str(referral.public_id), "answer": answer},
        )
        if answer in _ENDING:
            services_partner.change_status(
                referral=referral,
                actor=actor,
                status=Status.ENDED,
                outcome=_ENDING[answer],
                note=OfferAnswer(answer).label,
                by_partner=True,
            )
    return entry


# --- Matching -------------------------------------------------------------------------------


def current_match(referral: Referral) -> Match | None:
    return (
        Match.objects.filter(referral=referral, ended_at__isnull=True)
        .select_related("worker")
        .first()
    )


def worker_load(worker: ProgrammeWorker, *, leaving_out: Referral | None = None) -> int:
    matches = Match.objects.filter(worker=worker, ended_at__isnull=True)
    if leaving_out is not None:
        matches = matches.exclude(referral=leaving_out)
    return matches.count()


def suits(worker: ProgrammeWorker, parent) -> bool:
    """A dad is matched only with someone who supports dads."""
    return worker.supports_dads or parent.parent_role != ParentRole.FATHER


def match(*, referral: Referral, worker: ProgrammeWorker, actor, expected_worker_id) -> Match:
    """Match the parent to `worker`, ending any match they had.

    `expected_worker_id` is the public id of the person the editor saw them matched to (None
    for no one): if that changed meanwhile, MatchChanged and nothing is written.
    """
    with transaction.atomic():
        current = services_partner.lock_for_delivery(referral)
        try:
            places.refuse_start_while_waiting(current)
        except places.StillWaiting:
            raise CannotMatch("The parent is waiting for a place.") from None
        existing = (
            Match.objects.select_for_update(of=("self",))
            .filter(referral=current, ended_at__isnull=True)
            .select_related("worker")
            .first()
        )
        seen = existing.worker.public_id if existing else None
        if seen != expected_worker_id:
            raise MatchChanged(existing)
        person = ProgrammeWorker.objects.select_for_update().get(pk=worker.pk)
        if person.programme_id != current.programme_id or not person.active:
            raise CannotMatch("That person does not take families on this programme.")
        if not suits(person, current.parent):
            raise CannotMatch("That person does not support dads.")
        if existing is not None and existing.worker_id == person.pk:
            return existing
        if worker_load(person, leaving_out=current) >= person.families:
            raise WorkerFull("That person has no room for another family.")
        now = timezone.now()
        if existing is not None:
            Match.objects.filter(pk=existing.pk).update(ended_at=now)
        made = Match.objects.create(
            council_id=current.council_id,
            referral=current,
            worker=person,
            matched_at=now,
            matched_by=actor,
        )
        audit.record(
            actor=actor,
            council=current.parent.council,
            action="referral.matched",
            obj=current.parent,
            detail={
                "referral": str(current.public_id),
                "worker": str(person.public_id),
                "replaced": str(existing.worker.public_id) if existing else "",
            },
        )
    return made


# --- The programme's people -----------------------------------------------------------------


def _worker_values(fields: dict) -> dict:
    values = {name: fields[name] for name in WORKER_FIELDS if name in fields}
    if "first_name" in values:
        values["first_name"] = values["first_name"].strip()
    if "areas" in values:
        values["areas"] = normalise_areas(values["areas"])
    return values


def worker_add(*, programme, actor, form_token, **fields) -> ProgrammeWorker:
    """Add a volunteer or worker to the programme. A resent form adds them once."""
    with transaction.atomic():
        claim = claim_or_raise(
            form_token, object_type="referrals.programmeworker", model=ProgrammeWorker
        )
        worker = ProgrammeWorker.objects.create(
            council=programme.offer.council, programme=programme, **_worker_values(fields)
        )
        complete_submission(claim, worker)
        audit.record(
            actor=actor,
            council=programme.offer.council,
            action="referral.worker.added",
            obj=worker,
            detail={"fields": sorted(_worker_values(fields))},
        )
    return worker


def worker_update(*, worker: ProgrammeWorker, actor, expected_version: int, **fields) -> list:
    """Change a volunteer's details at the version the editor saw (EditConflict otherwise)."""
    values = _worker_values(fields)
    with transaction.atomic():
        # Locked, so a match made meanwhile is counted before the number can drop below it.
        ProgrammeWorker.objects.select_for_update().filter(pk=worker.pk).exists()
        load = worker_load(worker)
        if values.get("families", worker.families) < load:
            raise WorkerFull("They already have more families than that.")
        return save_audited(
            worker,
            expected_version=expected_version,
            fields=values,
            actor=actor,
            action="referral.worker.changed",
        )
