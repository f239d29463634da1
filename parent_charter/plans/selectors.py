"""Reads of support plans: the task list, one item with its history, reviews and when one is due.

Every page costs the same number of queries however many items or reviews it shows. Reads of
personal data are audited here (`plan.viewed`, `plan.item.viewed`).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from parent_charter.audit import services as audit
from parent_charter.charter.models import Stage
from parent_charter.offers.models import LocalOffer
from parent_charter.parents.eligibility import months_before
from parent_charter.parents.models import Parent

from . import milestones
from .models import (
    FINISHED_STATUSES,
    ItemSource,
    ItemStatus,
    PlanItem,
    PlanReview,
    SupportPlan,
)

DEFAULT_REVIEW_INTERVAL_MONTHS = 6

# The colour of each status's tag in the task list ("" is the default blue). Delivered has no
# tag (None): the task list pattern shows a finished task as plain text.
STATUS_TAG_CLASSES = {
    ItemStatus.TO_DISCUSS: "",
    ItemStatus.OFFERED: "govuk-tag--purple",
    ItemStatus.ACCEPTED: "govuk-tag--teal",
    ItemStatus.IN_PROGRESS: "govuk-tag--yellow",
    ItemStatus.DECLINED: "govuk-tag--grey",
    ItemStatus.NOT_NEEDED: "govuk-tag--grey",
    ItemStatus.DELIVERED: None,
}


# --- Titles and presentation -------------------------------------------------------------


def child_label(child) -> str:
    """How a milestone names the child: their name, or the baby's due date or birthday."""
    if child.given_name:
        return child.given_name
    if child.is_expected:
        return _("baby due %(date)s") % {"date": date_format(child.due_date, "j F Y")}
    return _("baby born %(date)s") % {"date": date_format(child.date_of_birth, "j F Y")}


def item_title(item: PlanItem) -> str:
    """The item's title in the active language. Needs commitment, local_commitment, child."""
    if item.source == ItemSource.SUPPORT:
        return item.title
    if item.commitment_id:
        return item.commitment.title
    if item.local_commitment_id:
        return item.local_commitment.title
    milestone = milestones.BY_KEY.get(item.milestone_key)
    title = str(milestone.title) if milestone else item.milestone_key
    if item.child_id:
        return _("%(milestone)s (%(child)s)") % {
            "milestone": title,
            "child": child_label(item.child),
        }
    return title


def is_overdue(item: PlanItem, today: datetime.date) -> bool:
    return (
        item.closed_at is None
        and item.status not in FINISHED_STATUSES
        and item.due_date is not None
        and item.due_date < today
    )


@dataclass(frozen=True)
class ItemRow:
    """One line of the task list."""

    item: PlanItem
    title: str
    overdue: bool

    @property
    def has_tag(self) -> bool:
        return STATUS_TAG_CLASSES.get(self.item.status, "") is not None

    @property
    def tag_classes(self) -> str:
        return STATUS_TAG_CLASSES.get(self.item.status) or ""


@dataclass(frozen=True)
class StageGroup:
    stage: str
    label: str
    rows: list[ItemRow]


# --- When a review is due -----------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDue:
    due_on: datetime.date | None
    overdue: bool
    last_held_on: datetime.date | None


_UNKNOWN = object()


def review_interval_months(offer: LocalOffer | None) -> int:
    if offer is None or not offer.review_interval_months:
        return DEFAULT_REVIEW_INTERVAL_MONTHS
    return offer.review_interval_months


def review_due(*, plan, offer, today, last_held_on=_UNKNOWN) -> ReviewDue:
    """When the plan's next review is due: the last review (or the plan's start) + the interval.

    The last review's date is taken, in order, from `last_held_on` if given, from a
    `last_review_on` annotation on the plan or on its cached parent (see `with_last_review`),
    or else read with one query. A parent with no plan yet has no review due.
    """
    if plan is None:
        return ReviewDue(due_on=None, overdue=False, last_held_on=None)
    if last_held_on is _UNKNOWN:
        last_held_on = _annotated_last_review(plan)
    if last_held_on is _UNKNOWN:
        last_held_on = (
            PlanReview.objects.filter(plan=plan)
            .order_by("-held_on")
            .values_list("held_on", flat=True)
            .first()
        )
    start = last_held_on or timezone.localdate(plan.created_at)
    due_on = months_before(start, -review_interval_months(offer))
    return ReviewDue(due_on=due_on, overdue=due_on < today, last_held_on=last_held_on)


def _annotated_last_review(plan):
    if hasattr(plan, "last_review_on"):
        return plan.last_review_on
    if SupportPlan.parent.is_cached(plan) and hasattr(plan.parent, "last_review_on"):
        return plan.parent.last_review_on
    return _UNKNOWN


def with_last_review(queryset):
    """Parents (or plans) annotated with `last_review_on`, the date of their latest review.

    A queryset of parents also gets `plan_created_at` (None without a plan), so that when the
    next review is due can be filtered in SQL as well as worked out by `review_due`.
    """
    is_parents = queryset.model is Parent
    latest = (
        PlanReview.objects.filter(**{"plan__parent" if is_parents else "plan": OuterRef("pk")})
        .order_by("-held_on", "-pk")
        .values("held_on")[:1]
    )
    queryset = queryset.annotate(last_review_on=Subquery(latest))
    if is_parents:
        queryset = queryset.annotate(plan_created_at=F("support_plan__created_at"))
    return queryset


def offer_for(council) -> LocalOffer | None:
    """The council's local offer, or None: read once and kept on the council (pages that read
    the parent with `council__local_offer` read it with no query at all)."""
    return getattr(council, "local_offer", None)


# --- The plan page ------------------------------------------------------------------------


def get_parent(public_id) -> Parent:
    """A parent of the active council. Another council's: DoesNotExist."""
    return Parent.objects.select_related("personal_adviser", "council").get(public_id=public_id)


def plan_of(parent) -> SupportPlan | None:
    """The parent's plan, or None: read once and kept on the parent, so that the sections of a
    page that each need it (the plan's summary, its reviews) cost one query between them."""
    return getattr(parent, "support_plan", None)


@dataclass
class PlanPage:
    parent: Parent
    plan: SupportPlan | None
    groups: list[StageGroup] = field(default_factory=list)
    closed: list[ItemRow] = field(default_factory=list)
    review: ReviewDue | None = None
    overdue_count: int = 0


def _items_of(plan):
    return PlanItem.objects.filter(plan=plan).select_related(
        "commitment", "local_commitment", "child", "owner"
    )


def plan_for_view(*, actor, parent_public_id, today: datetime.date | None = None) -> PlanPage:
    """A parent's plan as a task list grouped by stage, audited as `plan.viewed`."""
    today = today or timezone.localdate()
    with transaction.atomic():
        parent = get_parent(parent_public_id)
        plan = plan_of(parent)
        page = PlanPage(parent=parent, plan=plan)
        if plan is not None:
            by_stage: dict[str, list[ItemRow]] = {}
            for item in _items_of(plan).order_by("order", "pk"):
                row = ItemRow(item=item, title=item_title(item), overdue=is_overdue(item, today))
                if item.closed_at is None:
                    by_stage.setdefault(item.stage, []).append(row)
                else:
                    page.closed.append(row)
            page.groups = [
                StageGroup(stage=stage.value, label=str(stage.label), rows=by_stage[stage.value])
                for stage in Stage
                if stage.value in by_stage
            ]
            page.closed.sort(key=lambda row: (row.item.closed_at, row.item.pk), reverse=True)
            page.overdue_count = sum(row.overdue for group in page.groups for row in group.rows)
            page.review = review_due(plan=plan, offer=offer_for(parent.council), today=today)
        audit.record(
            actor=actor,
            council=parent.council,
            action="plan.viewed",
            obj=parent,
            detail={
                "items": sum(len(group.rows) for group in page.groups),
                "closed": len(page.closed),
            },
        )
    return page


# --- One item -----------------------------------------------------------------------------


def item_for_page(public_id) -> PlanItem:
    """One plan item of the active council, with what its page shows. Else DoesNotExist."""
    return PlanItem.objects.select_related(
        "plan__parent__council", "commitment", "local_commitment", "child", "owner", "concern"
    ).get(public_id=public_id)


def status_history(item: PlanItem) -> list:
    return list(item.status_history.select_related("by").order_by("at", "pk"))


def record_item_viewed(*, actor, item: PlanItem) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=item.plan.parent.council,
            action="plan.item.viewed",
            obj=item.plan.parent,
            detail={"item": str(item.public_id)},
        )


@dataclass(frozen=True)
class ItemGuidance:
    """What the item promises and how a worker knows it was kept."""

    wording: str
    guidance: str
    evidence: str


def guidance_for(item: PlanItem) -> ItemGuidance:
    if item.source == ItemSource.SUPPORT:
        return ItemGuidance("", "", "")  # its own detail is shown instead (plans/item.html)
    source = item.commitment or item.local_commitment
    if source is not None:
        return ItemGuidance(source.wording, source.guidance, source.evidence)
    milestone = milestones.BY_KEY.get(item.milestone_key)
    return ItemGuidance(str(milestone.description) if milestone else "", "", "")


# --- Parent page sections -----------------------------------------------------------------


@dataclass(frozen=True)
class PlanSummary:
    plan: SupportPlan | None
    by_status: list[tuple[str, int]]  # (label, count) in status order, only those present
    open_items: int
    overdue: int


def plan_summary(parent, *, today: datetime.date | None = None) -> PlanSummary:
    """Counts of the parent's open items by status, and how many are overdue. Two queries."""
    today = today or timezone.localdate()
    plan = plan_of(parent)
    if plan is None:
        return PlanSummary(plan=None, by_status=[], open_items=0, overdue=0)
    rows = (
        PlanItem.objects.filter(plan=plan, closed_at__isnull=True)
        .values("status")
        .annotate(
            count=Count("pk"),
            overdue=Count(
                "pk",
                filter=Q(due_date__lt=today) & ~Q(status__in=sorted(FINISHED_STATUSES)),
            ),
        )
        .order_by()
    )
    counts = {row["status"]: row for row in rows}
    return PlanSummary(
        plan=plan,
        by_status=[
            (str(label), counts[value]["count"])
            for value, label in ItemStatus.choices
            if value in counts
        ],
        open_items=sum(row["count"] for row in counts.values()),
        overdue=sum(row["overdue"] for row in counts.values()),
    )


@dataclass(frozen=True)
class ReviewsSummary:
    plan: SupportPlan | None
    reviews: list
    due: ReviewDue


def reviews_summary(parent, *, today: datetime.date | None = None) -> ReviewsSummary:
    """The parent's plan reviews, newest first, and when the next is due. Three queries."""
    today = today or timezone.localdate()
    plan = plan_of(parent)
    if plan is None:
        return ReviewsSummary(
            plan=None, reviews=[], due=review_due(plan=None, offer=None, today=today)
        )
    reviews = list(
        PlanReview.objects.filter(plan=plan)
        .select_related("recorded_by")
        .order_by("-held_on", "-pk")
    )
    due = review_due(
        plan=plan,
        offer=offer_for(parent.council),
        today=today,
        last_held_on=reviews[0].held_on if reviews else None,
    )
    return ReviewsSummary(plan=plan, reviews=reviews, due=due)
