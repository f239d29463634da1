"""Reads of local offers for the public pages. No personal data here."""

from dataclasses import dataclass

from django.db.models import Prefetch

from parent_charter.authorities.models import Council
from parent_charter.charter.models import Commitment, Stage

from .models import LocalCommitment, LocalOffer, Programme


def published_offers():
    return (
        LocalOffer.objects.filter(published=True)
        .exclude(status="withdrawn")
        .select_related("council", "charter_version")
        .order_by("council__name")
    )


@dataclass
class StageSection:
    stage: str
    label: str
    commitments: list
    local_commitments: list


def public_offer(slug: str) -> LocalOffer:
    """One council's published offer and all its page shows, in a fixed number of queries."""
    return (
        LocalOffer.objects.filter(published=True, council__slug=slug)
        .select_related("council", "charter_version")
        .prefetch_related(
            "council__office_hours",
            Prefetch(
                "commitments",
                queryset=LocalCommitment.objects.filter(retired=False).order_by("order", "pk"),
                to_attr="active_local_commitments",
            ),
            Prefetch(
                "programmes",
                queryset=Programme.objects.select_related("provider").prefetch_related("benefits"),
            ),
        )
        .get()
    )


def sections_for(offer: LocalOffer) -> list[StageSection]:
    """The offer's promises to each parent grouped by stage: the charter's first, then the
    council's own. The council's commitments to every parent at once are apart
    (council_commitments)."""
    base = list(
        Commitment.objects.filter(
            charter_version=offer.charter_version, council_wide=False
        ).order_by("order")
    )
    sections = []
    for stage in Stage:
        charter_items = [c for c in base if c.stage == stage]
        local_items = [
            c for c in offer.active_local_commitments if c.stage == stage and not c.council_wide
        ]
        if charter_items or local_items:
            sections.append(StageSection(stage, stage.label, charter_items, local_items))
    return sections


def council_commitments(offer: LocalOffer) -> list:
    """What the council does for every parent at once (reviewing how the promises are kept,
    challenging stigma): its own commitments, reported as the council's, on no parent's plan."""
    charter = Commitment.objects.filter(
        charter_version=offer.charter_version, council_wide=True
    ).order_by("order")
    return [*charter, *(c for c in offer.active_local_commitments if c.council_wide)]


def council_for_admin(user) -> Council:
    return Council.objects.select_related("local_offer").get(pk=user.council_id)
