"""Reads for referrals to children's services and the guard's figures.

Reads of personal data are audited here. The sections this app adds to a parent's page are in
contributions.py. Every list costs the same number of queries
however many rows it shows, and the figures leave this module with small numbers suppressed.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from parent_charter.core.form_reads import record_form_viewed, record_parent_viewed
from parent_charter.core.pages import read_audited
from parent_charter.notifications.models import ParentNotice
from parent_charter.parents.models import Parent, display_name_fields

from . import guard
from .models import (
    ChildrenServicesReferral,
    GuardEvent,
    GuardEventKind,
    ReferralEvidence,
    ReferralStep,
    Status,
)

# Cells of the figures below this are shown as "fewer than 5" (CONTRIBUTING: reports).
SUPPRESS_BELOW = 5
FIGURES_MONTHS = 12

STATUS_TAGS = {
    Status.HELD: "govuk-tag--yellow",
    Status.SENT: "govuk-tag--blue",
    Status.RETURNED: "govuk-tag--orange",
    Status.WITHDRAWN: "govuk-tag--grey",
}


def _referrals():
    return ChildrenServicesReferral.objects.select_related(
        "parent", "child", "created_by", "sent_by", "council"
    )


def _history():
    return (
        Prefetch("evidence", queryset=ReferralEvidence.objects.order_by("round", "position", "pk")),
        Prefetch(
            "steps", queryset=ReferralStep.objects.select_related("actor").order_by("at", "pk")
        ),
    )


def referral_for_view(*, actor, public_id) -> ChildrenServicesReferral:
    """One referral of the active council with its history, audited as viewed."""
    referral = _referrals().prefetch_related(*_history()).get(public_id=public_id)
    read_audited(
        actor=actor, council=referral.council, action="safeguards.referral.viewed", obj=referral
    )
    return referral


def referral_for_change(*, public_id) -> ChildrenServicesReferral:
    """A referral to decide on or rewrite. Its page view is audited by `record_viewed`."""
    return _referrals().prefetch_related(*_history()).get(public_id=public_id)


def record_viewed(*, actor, referral, form: str) -> None:
    record_form_viewed(actor=actor, obj=referral, action="safeguards.referral.viewed", form=form)


def parent_for_referral(*, actor, public_id) -> Parent:
    """The parent a new referral is about; opening the form shows their name: audited."""
    parent = Parent.objects.select_related("council").get(public_id=public_id)
    record_parent_viewed(actor=actor, parent=parent, form="safeguards.referral")
    return parent


@dataclass(frozen=True)
class FindingRow:
    number: int
    finding: guard.Finding


@dataclass(frozen=True)
class EvidenceView:
    evidence: ReferralEvidence
    paragraphs: list
    findings: list[FindingRow]
    source_paragraphs: list = ()
    impact_paragraphs: list = ()


def evidence_view(evidence: ReferralEvidence) -> EvidenceView:
    """A piece of evidence with the guard's words highlighted, built from stored positions.

    Every field the guard read (what, the source, the effect now) is highlighted; the findings
    are numbered across them in that order.
    """
    rows, shown = [], {}
    for name in ("what", "source_detail", "impact"):
        text = getattr(evidence, name) or ""
        findings = guard.findings_from_stored(text, evidence.findings, field=name)
        first = len(rows) + 1
        rows.extend(FindingRow(number, f) for number, f in enumerate(findings, start=first))
        shown[name] = guard.highlight(text, findings, first=first)
    return EvidenceView(
        evidence=evidence,
        paragraphs=shown["what"],
        findings=rows,
        source_paragraphs=shown["source_detail"],
        impact_paragraphs=shown["impact"],
    )


def evidence_by_round(referral) -> list[tuple[int, list[EvidenceView]]]:
    """Newest round first: (round, pieces). Uses the prefetched evidence."""
    rounds: dict[int, list[EvidenceView]] = {}
    for evidence in referral.evidence.all():
        rounds.setdefault(evidence.round, []).append(evidence_view(evidence))
    return sorted(rounds.items(), reverse=True)


def current_evidence_initial(referral) -> list[dict]:
    """The latest round as the starting point of a rewrite."""
    pieces = [e for e in referral.evidence.all() if e.round == referral.round]
    return [
        {
            "what": e.what,
            "seen_on": e.seen_on,
            "source_kind": e.source_kind,
            "source_detail": e.source_detail,
            "impact": e.impact,
        }
        for e in pieces
    ]


# What a row of the managers' list shows: the parent's and the child's names, who made it and
# when, what it is and its status. Anything else read in a row would cost a query per row.
LIST_FIELDS = (
    "public_id",
    "council",
    "kind",
    "status",
    "created_at",
    *display_name_fields("parent"),
    "child__given_name",
    "created_by__full_name",
)


def referrals_for_managers():
    """The council's referrals, those waiting for a decision first, then the newest."""
    listed = ChildrenServicesReferral.objects.select_related("parent", "child", "created_by")
    return listed.only(*LIST_FIELDS).order_by(
        Case(
            When(status=Status.HELD, then=Value(0)),
            When(status=Status.RETURNED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        "-created_at",
        "-pk",
    )


def record_list_viewed(*, actor, shown: int, page: int) -> None:
    read_audited(
        actor=actor,
        council=actor.council,
        action="safeguards.referral.list.viewed",
        detail={"shown": shown, "page": page},
    )


def held_count() -> int:
    return ChildrenServicesReferral.objects.filter(status=Status.HELD).count()


def notice_for_telling(*, public_id) -> ParentNotice:
    return ParentNotice.objects.select_related("parent", "council").get(public_id=public_id)


# The guard's figures: counts by month, small numbers suppressed before they leave here.


@dataclass(frozen=True)
class Cell:
    count: int | None  # None when suppressed: the number never reaches the page

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    cells: list[Cell]


def _suppress(count: int) -> Cell:
    return Cell(count if count >= SUPPRESS_BELOW else None)


def _months_back(today: datetime.date, count: int) -> list[datetime.date]:
    months, year, month = [], today.year, today.month
    for _index in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return months


def guard_figures(*, today: datetime.date | None = None) -> dict:
    """Counts by month and kind of event for the active council, in one query.

    There are no totals: beside a suppressed cell, a total would let a reader work the small
    number back out.
    """
    today = today or timezone.localdate()
    months = _months_back(today, FIGURES_MONTHS)
    start = timezone.make_aware(datetime.datetime.combine(months[-1], datetime.time.min))
    counts: dict[tuple[datetime.date, str], int] = {}
    rows = (
        GuardEvent.objects.filter(occurred_at__gte=start)
        .annotate(month=TruncMonth("occurred_at"))
        .values("month", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        counts[(month.replace(day=1), row["kind"])] = row["n"]
    kinds = list(GuardEventKind)
    return {
        "columns": [kind.label for kind in kinds],
        "rows": [
            MonthRow(month, [_suppress(counts.get((month, kind.value), 0)) for kind in kinds])
            for month in months
        ],
        "threshold": SUPPRESS_BELOW,
    }
