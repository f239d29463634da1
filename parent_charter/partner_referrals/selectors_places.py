"""Reads of a partner's programmes: places, the waiting list in the order it is offered, the
families with who they are matched to, and the programme's people; and the adviser's prompts.

The partner's page costs the same number of queries however many families, people or entries
it shows. It shows a parent's name only while their consent to share with the partner is in
force, as the partner's referral list does; the area a parent lives in is used to suggest a
volunteer only when the parent agreed to share their contact details.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from parent_charter.offers.models import Programme

from .models import (
    DELIVERING_STATUSES,
    OPEN_STATUSES,
    Match,
    ProgrammePrompt,
    ProgrammeWorker,
    Referral,
    SharedInformation,
    WaitingState,
)
from .selectors import consent_in_force_expression
from .services_places import covers, postcode_district, suits


@dataclass
class ProgrammePlaces:
    programme: Programme
    families: list = field(default_factory=list)  # holding a place, with `current_match`
    waiting: list = field(default_factory=list)  # in the order places are offered
    offered: list = field(default_factory=list)  # offered a place, waiting for an answer
    workers: list = field(default_factory=list)  # with `load`

    @property
    def taken(self) -> int:
        return len(self.families) + len(self.offered)

    @property
    def free(self) -> int | None:
        if self.programme.places is None:
            return None
        return max(self.programme.places - self.taken, 0)

    @property
    def next_up(self):
        """The referral a free place is offered to now, or None."""
        return self.waiting[0] if self.waiting and self.free else None


def partner_programmes(organisation_id) -> list[Programme]:
    if organisation_id is None:
        return []
    return list(
        Programme.objects.filter(provider_id=organisation_id).order_by("order", "name", "pk")
    )


def partner_programme(*, slug: str, organisation_id, council_id) -> Programme:
    """One of the partner's own programmes in their council's offer; any other: DoesNotExist."""
    if organisation_id is None:
        raise Programme.DoesNotExist
    return Programme.objects.select_related("offer__council").get(
        slug=slug, provider_id=organisation_id, offer__council_id=council_id
    )


def _current_matches():
    return Prefetch(
        "matches",
        queryset=Match.objects.filter(ended_at__isnull=True).select_related("worker"),
        to_attr="current_matches",
    )


def places_of(organisation_id) -> list[ProgrammePlaces]:
    """Every programme the organisation runs, with its families, list and people (5 queries)."""
    programmes = partner_programmes(organisation_id)
    by_id = {programme.pk: ProgrammePlaces(programme) for programme in programmes}
    if not by_id:
        return []
    delivering = (
        Referral.objects.filter(programme_id__in=by_id, status__in=DELIVERING_STATUSES)
        .select_related("parent", "waiting")
        .annotate(consent_in_force=consent_in_force_expression())
        .prefetch_related(_current_matches())
        .order_by("created_at", "pk")
    )
    for referral in delivering:
        group = by_id[referral.programme_id]
        referral.current_match = referral.current_matches[0] if referral.current_matches else None
        state = getattr(_waiting_of(referral), "state", "")
        if state == WaitingState.WAITING:
            group.waiting.append(referral)
        elif state == WaitingState.OFFERED:
            group.offered.append(referral)
        else:
            group.families.append(referral)
    workers = ProgrammeWorker.objects.filter(programme_id__in=by_id).annotate(
        load=Count("matches", filter=Q(matches__ended_at__isnull=True))
    )
    for worker in workers.order_by("first_name", "pk"):
        by_id[worker.programme_id].workers.append(worker)
    for group in by_id.values():
        # The order places are offered in: models.WAITING_ORDER, which services_places follows.
        group.waiting.sort(key=lambda r: (r.waiting.joined_on, r.created_at, r.pk))
    return list(by_id.values())


def _waiting_of(referral: Referral):
    try:
        return referral.waiting
    except Referral.waiting.RelatedObjectDoesNotExist:
        return None


def waiting_entry_for_partner(*, public_id, organisation_id):
    """A waiting-list entry of a referral to the partner's own organisation, or DoesNotExist."""
    if organisation_id is None:
        raise Referral.DoesNotExist
    referral = (
        Referral.objects.select_related("parent__council", "organisation", "programme", "waiting")
        .annotate(consent_in_force=consent_in_force_expression())
        .get(public_id=public_id, organisation_id=organisation_id)
    )
    entry = _waiting_of(referral)
    if entry is None:
        raise Referral.DoesNotExist
    return entry


def worker_for_partner(*, public_id, organisation_id) -> ProgrammeWorker:
    if organisation_id is None:
        raise ProgrammeWorker.DoesNotExist
    return ProgrammeWorker.objects.select_related("programme").get(
        public_id=public_id, programme__provider_id=organisation_id
    )


@dataclass
class Suggestion:
    worker: ProgrammeWorker
    load: int
    in_area: bool


def suggestions_for(referral: Referral) -> tuple[list[Suggestion], bool]:
    """The programme's people who could take this parent, nearest first, and whether the
    parent's area was known. Only active people with room, and for a dad only those who support
    dads. Those covering the parent's area come first; when none does, the others are offered
    so the partner can decide."""
    parent = referral.parent
    area_shared = SharedInformation.CONTACT in referral.shared and bool(
        getattr(referral, "consent_in_force", False)
    )
    district = postcode_district(parent.postcode) if area_shared else ""
    workers = ProgrammeWorker.objects.filter(programme_id=referral.programme_id, active=True)
    workers = workers.annotate(
        load=Count(
            "matches",
            filter=Q(matches__ended_at__isnull=True) & ~Q(matches__referral=referral),
        )
    ).order_by("first_name", "pk")
    found = [
        Suggestion(worker, worker.load, covers(worker.areas, district))
        for worker in workers
        if worker.load < worker.families and suits(worker, parent)
    ]
    nearby = [s for s in found if s.in_area]
    return (nearby if nearby else found), bool(district)


# --- The adviser's prompts -------------------------------------------------------------------


def open_prompts(parent) -> list[ProgrammePrompt]:
    """Prompts still waiting for the parent's answer, leaving out programmes the parent has
    an open referral to (one query)."""
    return list(
        ProgrammePrompt.objects.filter(parent=parent, answer="")
        .exclude(
            Exists(
                Referral.objects.filter(
                    parent_id=OuterRef("parent_id"),
                    programme_id=OuterRef("programme_id"),
                    status__in=OPEN_STATUSES,
                )
            )
        )
        .select_related("programme", "child")
        # What the parent page's referrals section shows of a prompt.
        .only("public_id", "programme__name", "child__date_of_birth", "child__due_date")
        .order_by("raised_at", "pk")
    )


def prompt_for_staff(*, public_id) -> ProgrammePrompt:
    return ProgrammePrompt.objects.select_related("parent__council", "programme", "child").get(
        public_id=public_id
    )
