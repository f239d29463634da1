"""Places on a programme with a fixed number of them, as a referral's status moves (ADR 0025).

A place is taken while a referral to the programme is accepted or started, unless the referral
is waiting for one. When a referral is accepted and no place is free, or others are already
waiting, it joins the waiting list dated that day: a newcomer never overtakes anyone waiting.
Places that come free are offered in the list's order by the partner (services_places).

These run inside services_partner.change_status's transaction, with the programme's row locked
so that two acceptances at once cannot both take the last place.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.offers.models import Programme

from .models import (
    DELIVERING_STATUSES,
    Match,
    Referral,
    WaitingListEntry,
    WaitingState,
)

# Waiting for a place, or offered one and not yet answered: support cannot start yet.
NOT_YET_PLACED = (WaitingState.WAITING, WaitingState.OFFERED)


class StillWaiting(Exception):
    """Support cannot start while the parent is on the waiting list."""


def lock_programme(programme_id: int) -> Programme:
    """The programme's row, locked until the transaction ends: places change one at a time."""
    return Programme.objects.select_for_update().get(pk=programme_id)


def holding_places(programme_ids):
    """Referrals holding a place: accepted or started, and not waiting (an offered place is
    held for the parent it was offered to until they answer)."""
    waiting = WaitingListEntry.objects.filter(referral=OuterRef("pk"), state=WaitingState.WAITING)
    return Referral.objects.filter(
        programme_id__in=programme_ids, status__in=DELIVERING_STATUSES
    ).exclude(Exists(waiting))


def places_taken(programme_id: int, *, leaving_out: int | None = None) -> int:
    referrals = holding_places([programme_id])
    if leaving_out is not None:
        referrals = referrals.exclude(pk=leaving_out)
    return referrals.count()


def anyone_waiting(programme_id: int) -> bool:
    return WaitingListEntry.objects.filter(
        programme_id=programme_id, state=WaitingState.WAITING
    ).exists()


def on_accepted(referral: Referral, *, actor) -> WaitingListEntry | None:
    """Give the accepted referral a place, or put it on the waiting list (returned)."""
    if referral.programme_id is None:
        return None
    programme = lock_programme(referral.programme_id)
    if programme.places is None:
        return None
    taken = places_taken(programme.pk, leaving_out=referral.pk)
    if taken < programme.places and not anyone_waiting(programme.pk):
        return None
    entry = WaitingListEntry.objects.create(
        council_id=referral.council_id,
        referral=referral,
        programme=programme,
        joined_on=timezone.localdate(),
    )
    audit.record(
        actor=actor,
        council=referral.parent.council,
        action="referral.waiting_list.joined",
        obj=referral.parent,
        detail={"referral": str(referral.public_id), "places": programme.places, "taken": taken},
    )
    return entry


def refuse_start_while_waiting(referral: Referral) -> None:
    if WaitingListEntry.objects.filter(referral=referral, state__in=NOT_YET_PLACED).exists():
        raise StillWaiting("The parent is waiting for a place.")


def on_closed(referral: Referral, *, actor) -> None:
    """The referral was declined or ended: it leaves the waiting list, its match ends, and the
    place it held is free for the next on the list."""
    now = timezone.now()
    left = WaitingListEntry.objects.filter(referral=referral, state__in=NOT_YET_PLACED).update(
        state=WaitingState.LEFT, left_on=timezone.localdate(now), closed_at=now, closed_by=actor
    )
    ended = Match.objects.filter(referral=referral, ended_at__isnull=True).update(ended_at=now)
    if left or ended:
        audit.record(
            actor=actor,
            council=referral.parent.council,
            action="referral.place.released",
            obj=referral.parent,
            detail={
                "referral": str(referral.public_id),
                "left_waiting_list": bool(left),
                "match_ended": bool(ended),
            },
        )
