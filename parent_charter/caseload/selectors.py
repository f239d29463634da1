"""Reads for caseloads and the team overview, in a fixed number of queries
however many parents or events there are. Each read of personal data is audited.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.charter.models import Stage
from parent_charter.parents.eligibility import (
    Eligibility,
    date_of_birth_cutoffs,
    eligibility_for,
    months_before,
)
from parent_charter.parents.models import Parent, ParentStage, display_name_fields
from parent_charter.parents.selectors import parents_for_list
from parent_charter.plans.models import FINISHED_STATUSES, PlanItem
from parent_charter.plans.selectors import (
    review_due,
    review_interval_months,
    with_last_review,
)
from parent_charter.transfers.selectors import moved_away

# "Due soon" on a caseload: an item or review due within this many days, or overdue.
DUE_SOON_DAYS = 14

# Filters a caseload can be narrowed by, besides name, stage and adviser (AND-ed together).
ITEMS_DUE = "items_due"
REVIEW_DUE = "review_due"
SUPPORT_ENDING = "support_ending"

# Stages as tags and filters on a caseload, short enough for a table (the charter's own titles
# are sentences). "At every stage" applies to everyone, so it tells nothing there.
STAGE_LABELS = {
    Stage.BEFORE_PARENTHOOD.value: gettext_lazy("Before parenthood"),
    Stage.EXPECTING_OR_PARENTING.value: gettext_lazy("Expecting or parenting"),
    Stage.CONCERNS_RAISED.value: gettext_lazy("Concerns raised"),
    Stage.LIVING_APART.value: gettext_lazy("Living apart from a child"),
    Stage.CHILD_REMOVED.value: gettext_lazy("Child removed"),
}

NO_ADVISER = "none"


def latest_start_due_by(horizon: datetime.date, months: int) -> datetime.date:
    """The latest date from which `months` later falls on or before `horizon`.

    So "a review is due by H" becomes "the last review was on or before this date" in SQL. On
    the last day of a month, every start date in the target month qualifies (31 January plus
    one month is 28 February).
    """
    start = months_before(horizon, months)
    if horizon.day == calendar.monthrange(horizon.year, horizon.month)[1]:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start


def _count(queryset):
    """A correlated COUNT(*) subquery, with no GROUP BY (and no default ordering) to get wrong."""
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _unfinished_items():
    """Plan items still applying and still to be done."""
    return PlanItem.objects.filter(closed_at__isnull=True).exclude(status__in=FINISHED_STATUSES)


def review_due_by(horizon: datetime.date, *, interval: int) -> Q:
    """Parents (annotated by plans' with_last_review) whose next review is due by `horizon`.

    The same rule as plans.selectors.review_due, in SQL: the first review falls due `interval`
    months after the plan was made, later ones that long after the previous review. A parent
    without a plan has no review due.
    """
    start = latest_start_due_by(horizon, interval)
    return Q(last_review_on__lte=start) | Q(
        last_review_on__isnull=True, support_plan__created_at__date__lte=start
    )


def support_ending_soon(*, offer, today: datetime.date) -> Q:
    """Support ends within the warning period and has not yet ended."""
    ended, ending = date_of_birth_cutoffs(offer=offer, today=today)
    return Q(date_of_birth__gt=ended, date_of_birth__lte=ending)


# What a caseload row reads of a parent, their adviser and their plan (caseload_rows and the
# template): the rest of each row (addresses, the adviser's account) is not fetched. A field
# read but not listed here would cost a query per row, which the tests' query counts catch.
CASELOAD_FIELDS = (
    "public_id",
    "council",
    *display_name_fields(),
    "date_of_birth",
    "personal_adviser__full_name",
    "support_plan__parent",
    "support_plan__created_at",
)


@dataclass(frozen=True)
class CaseloadFilters:
    search: str = ""
    stages: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    adviser: str = ""  # a user's public id, NO_ADVISER, or "" for all

    def for_audit(self) -> dict:
        """What was asked, without the words searched for (they may be a name)."""
        used = {}
        if self.search:
            used["search"] = True
        if self.stages:
            used["stages"] = sorted(self.stages)
        if self.only:
            used["only"] = sorted(self.only)
        if self.adviser:
            used["adviser"] = self.adviser
        return used


def caseload(*, user, whole_council: bool, filters: CaseloadFilters, offer, today: datetime.date):
    """Parents of one adviser (or of the whole council, for a team manager), filtered, with
    the dates and counts a caseload shows computed in the same query.
    """
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    items = _unfinished_items().filter(plan__parent=OuterRef("pk"))
    parents = with_last_review(
        parents_for_list(search=filters.search)
        .select_related("support_plan")
        .only(*CASELOAD_FIELDS)
        .prefetch_related(
            Prefetch(
                "current_stages",
                queryset=ParentStage.objects.only("parent", "stage"),
                to_attr="stage_rows",
            )
        )
    ).annotate(
        next_due=Subquery(
            items.filter(due_date__isnull=False).order_by("due_date").values("due_date")[:1]
        ),
        overdue_items=_count(items.filter(due_date__lt=today)),
    )
    # A parent whose support moved to another council is supported there now: their record
    # here is closed (kept, and still in the list of all parents), not casework.
    parents = parents.exclude(moved_away())
    if not whole_council:
        parents = parents.filter(personal_adviser=user)
    elif filters.adviser == NO_ADVISER:
        parents = parents.filter(personal_adviser__isnull=True)
    elif filters.adviser:
        parents = parents.filter(personal_adviser__public_id=filters.adviser)
    if filters.stages:  # any of the stages ticked
        parents = parents.filter(
            Exists(ParentStage.objects.filter(parent=OuterRef("pk"), stage__in=filters.stages))
        )
    if ITEMS_DUE in filters.only:
        parents = parents.filter(next_due__lte=horizon)
    if REVIEW_DUE in filters.only:
        parents = parents.filter(review_due_by(horizon, interval=review_interval_months(offer)))
    if SUPPORT_ENDING in filters.only:
        parents = parents.filter(support_ending_soon(offer=offer, today=today))
    return parents.order_by("family_name", "given_name", "pk")


@dataclass(frozen=True)
class CaseloadRow:
    parent: Parent
    age: int
    stages: list[tuple[str, str]]  # (stage, short label), in the charter's order
    next_due: datetime.date | None
    overdue_items: int
    next_review: datetime.date | None
    review_overdue: bool
    eligibility: Eligibility


def caseload_rows(parents, *, offer, today: datetime.date) -> list[CaseloadRow]:
    """What each row of a caseload shows, from the annotated parents (no further queries)."""
    rows = []
    for parent in parents:
        review = review_due(
            plan=getattr(parent, "support_plan", None),
            offer=offer,
            today=today,
            last_held_on=parent.last_review_on,
        )
        current = {row.stage for row in parent.stage_rows}
        stages = [(stage, label) for stage, label in STAGE_LABELS.items() if stage in current]
        rows.append(
            CaseloadRow(
                parent=parent,
                age=age_on(parent.date_of_birth, today),
                stages=stages,
                next_due=parent.next_due,
                overdue_items=parent.overdue_items,
                next_review=review.due_on,
                review_overdue=review.overdue,
                eligibility=eligibility_for(parent, offer=offer, today=today),
            )
        )
    return rows


def age_on(date_of_birth: datetime.date, today: datetime.date) -> int:
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


def advisers_of(council):
    """The council's active personal advisers, by name."""
    return (
        User.objects.filter(
            council=council, is_active=True, role_grants__role=Role.PERSONAL_ADVISER
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def record_caseload_viewed(
    *, actor, council, filters: CaseloadFilters, shown: int, total: int, page: int
) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=council,
            action="caseload.viewed",
            detail={"filters": filters.for_audit(), "shown": shown, "total": total, "page": page},
        )


@dataclass(frozen=True)
class TeamOverview:
    advisers: list  # Users annotated with parents, overdue_items, overdue_reviews, support_ending
    unallocated: int
    total_parents: int


def team_overview(*, actor, council, offer, today: datetime.date) -> TeamOverview:
    """Each personal adviser's caseload in figures, and the parents with no adviser (audited)."""
    interval = review_interval_months(offer)
    yesterday = today - datetime.timedelta(days=1)
    ending = support_ending_soon(offer=offer, today=today)
    overdue_review = review_due_by(yesterday, interval=interval)
    theirs = Parent.objects.filter(personal_adviser=OuterRef("pk")).exclude(moved_away())
    advisers = list(
        advisers_of(council).annotate(
            parents=_count(theirs),
            overdue_items=_count(
                _unfinished_items()
                .filter(plan__parent__personal_adviser=OuterRef("pk"), due_date__lt=today)
                .exclude(moved_away("plan__parent"))
            ),
            overdue_reviews=_count(with_last_review(theirs).filter(overdue_review)),
            support_ending=_count(theirs.filter(ending)),
        )
    )
    with transaction.atomic():
        counts = Parent.objects.exclude(moved_away()).aggregate(
            total=Count("pk"), unallocated=Count("pk", filter=Q(personal_adviser__isnull=True))
        )
        audit.record(
            actor=actor,
            council=council,
            action="team.viewed",
            detail={"advisers": len(advisers)},
        )
    return TeamOverview(
        advisers=advisers, unallocated=counts["unallocated"], total_parents=counts["total"]
    )


def parent_by_public_id(public_id) -> Parent:
    """One parent of the active council, not audited: the caller records what was done.

    Another council's parent raises DoesNotExist, like one that does not exist.
    """
    return Parent.objects.select_related("personal_adviser", "council").get(public_id=public_id)


# A parent's timeline: what happened and when, in sentences a person reads, newest first.
# Each source is read in one query and the entries are merged here, so the page costs the same
# however long the history is.
