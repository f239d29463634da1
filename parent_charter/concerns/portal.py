"""Reads for the parent's own portal: their concerns page and a summary they acknowledge, each
audited as a read by the parent. The panel on the portal home is in `contributions`."""

import datetime
from dataclasses import dataclass

from parent_charter.core.pages import read_audited
from parent_charter.parents.models import Parent

from .models import Concern, ConcernSummary
from .selectors import with_everything


@dataclass(frozen=True)
class PortalConcern:
    """A concern as its parent sees it: never the name of who raised it, nor the evidence
    notes written for staff (the summary tells the parent what is happening in plain words)."""

    public_id: object
    raised_on: datetime.date
    raised_by: str
    status: str
    is_open: bool
    outcome: str
    outcome_detail: str
    closed_on: datetime.date | None
    summary: ConcernSummary | None
    earlier_summaries: list
    offers: list
    requests: list
    views: list
    support: list


def _for_parent(concern: Concern) -> PortalConcern:
    summaries = list(concern.summaries.all())
    return PortalConcern(
        public_id=concern.public_id,
        raised_on=concern.raised_on,
        raised_by=concern.raised_by_for_parent,
        status=concern.get_status_display(),
        is_open=concern.is_open,
        outcome=concern.get_outcome_display() if concern.outcome else "",
        outcome_detail=concern.outcome_detail,
        closed_on=concern.closed_on,
        summary=summaries[0] if summaries else None,
        earlier_summaries=summaries[1:],
        offers=list(concern.offers.all()),
        requests=list(concern.requests.all()),
        views=list(concern.parent_views.all()),
        support=list(concern.support_items.all()),
    )


def portal_concerns(*, actor, parent: Parent) -> list[PortalConcern]:
    """The signed-in parent's own concerns, newest first, audited as a read by the parent."""
    concerns = list(
        with_everything(Concern.objects.filter(parent=parent)).order_by("-raised_on", "-pk")
    )
    read_audited(
        actor=actor,
        council=parent.council,
        action="concern.portal.viewed",
        obj=parent,
        detail={"concerns": len(concerns)},
    )
    return [_for_parent(concern) for concern in concerns]


def summary_for_parent(*, parent: Parent, public_id) -> ConcernSummary:
    """A summary of one of this parent's concerns; anyone else's is DoesNotExist."""
    return ConcernSummary.objects.select_related("concern").get(
        public_id=public_id, concern__parent=parent
    )
