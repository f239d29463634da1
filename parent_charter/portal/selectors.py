"""Reads for the portal's pages and for the staff pages that answer parents.

Everything a parent reads is fetched through their own record (`parent=`), so another
parent's plan item or challenge is simply not found (404). Each page costs the same number of
queries however many items, challenges or notices it shows.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from parent_charter.accounts.roles import Role
from parent_charter.authorities.models import Weekday, spans_by_day
from parent_charter.availability.selectors import shared_pattern_of
from parent_charter.charter.models import Commitment, Stage
from parent_charter.notifications.models import ParentNotice
from parent_charter.offers.models import LocalCommitment, LocalOffer
from parent_charter.plans.models import FINISHED_STATUSES, ItemStatus, PlanItem
from parent_charter.plans.selectors import guidance_for, is_overdue, item_title

from .models import (
    AWAITING_COUNCIL,
    Challenge,
    ChallengeEvent,
    ChallengeStatus,
    LinkPurpose,
    PortalAccount,
    PortalLink,
)
from .words import ITEM_STATUS_TAG, item_status_for_parent

NOTICES_SHOWN = 5  # on the home page, which links to all of them
MESSAGES_PER_PAGE = 20


# --- Home -----------------------------------------------------------------------------------


@dataclass
class HomePage:
    parent: object
    adviser: object | None
    adviser_phone: str
    office_hours: list
    notices: list
    notices_total: int = 0
    notices_unread: int = 0

    @property
    def unread_not_shown(self) -> int:
        return self.notices_unread - sum(1 for notice in self.notices if not notice.seen_at)


def home_page(parent) -> HomePage:
    """The adviser and their work telephone, the office's hours, the newest notices and how
    many there are in all and unread (so the page can say what it does not show).

    Four queries, five when the adviser has a working pattern (its days come with it; the
    adviser comes joined with the parent). The pattern is a shared read of the page and the office
    hours are kept on the council, so the who-to-contact panel of the same page reads neither
    again.
    """
    adviser = parent.personal_adviser
    phone = ""
    if adviser is not None:
        pattern = shared_pattern_of(adviser)
        phone = pattern.work_phone if pattern else ""
    prefetch_related_objects([parent.council], "office_hours")
    return HomePage(
        parent=parent,
        adviser=adviser,
        adviser_phone=phone,
        office_hours=[
            (Weekday(weekday).label, spans)
            for weekday, spans in spans_by_day(parent.council.office_hours.all()).items()
        ],
        notices=list(
            ParentNotice.objects.filter(parent=parent).order_by("-created_at", "-pk")[
                :NOTICES_SHOWN
            ]
        ),
        **notice_counts(parent),
    )


def notice_counts(parent) -> dict:
    """How many messages the parent has, and how many they have not seen. One query."""
    counts = ParentNotice.objects.filter(parent=parent).aggregate(
        total=Count("pk"), unread=Count("pk", filter=Q(seen_at__isnull=True))
    )
    return {"notices_total": counts["total"], "notices_unread": counts["unread"]}


def messages_page(parent, page_number):
    """One page of all the parent's messages, newest first. A page number that is not a number
    or is past the end gives the first or last page. Two queries (count and page)."""
    from django.core.paginator import Paginator

    notices = ParentNotice.objects.filter(parent=parent).order_by("-created_at", "-pk")
    return Paginator(notices, MESSAGES_PER_PAGE).get_page(page_number)


def plan_counts(parent) -> dict:
    """How many of the parent's open items are still to come, and how many are done. One query."""
    return PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True).aggregate(
        done=Count("pk", filter=Q(status=ItemStatus.DELIVERED)),
        next=Count("pk", filter=~Q(status__in=sorted(FINISHED_STATUSES))),
    )


def challenge_counts(parent) -> dict:
    """The parent's challenges waiting for the council, and those waiting for the parent."""
    return Challenge.objects.filter(parent=parent).aggregate(
        waiting=Count("pk", filter=Q(status__in=sorted(AWAITING_COUNCIL))),
        answered=Count("pk", filter=Q(status=ChallengeStatus.RESPONDED)),
        total=Count("pk"),
    )


# --- The plan in plain words ---------------------------------------------------------------


@dataclass(frozen=True)
class ParentItem:
    item: PlanItem
    title: str
    promise: str
    status_words: str
    tag_classes: str
    overdue: bool
    done_on: datetime.date | None = None


# An open item due within this many days, or late, needs doing now.
SOON = datetime.timedelta(days=28)
# Someone is already acting on these: they belong with what needs doing now.
UNDER_WAY = frozenset({ItemStatus.OFFERED, ItemStatus.ACCEPTED, ItemStatus.IN_PROGRESS})


@dataclass
class ParentPlan:
    next: list[ParentItem] = field(default_factory=list)
    done: list[ParentItem] = field(default_factory=list)
    other: list[ParentItem] = field(default_factory=list)  # declined or not needed
    closed: list[ParentItem] = field(default_factory=list)
    # `next` split by what needs doing now: late, due soon or under way; due later; and still
    # to talk through with the adviser, with no date. A plan of 30 promises reads as a few.
    now: list[ParentItem] = field(default_factory=list)
    coming: list[ParentItem] = field(default_factory=list)
    to_discuss: list[ParentItem] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.next or self.done or self.other or self.closed)


def _parent_item(item: PlanItem, today: datetime.date) -> ParentItem:
    history = getattr(item, "delivered_rows", None) or []
    return ParentItem(
        item=item,
        title=item_title(item),
        promise=guidance_for(item).wording,
        status_words=item_status_for_parent(item.status),
        tag_classes=ITEM_STATUS_TAG.get(item.status, ""),
        overdue=is_overdue(item, today),
        done_on=timezone.localdate(history[-1].at) if history else None,
    )


def _items(parent):
    from parent_charter.plans.models import PlanItemStatus

    return (
        PlanItem.objects.filter(plan__parent=parent)
        .select_related("commitment", "local_commitment", "child")
        .prefetch_related(
            Prefetch(
                "status_history",
                queryset=PlanItemStatus.objects.filter(status=ItemStatus.DELIVERED).order_by(
                    "at", "pk"
                ),
                to_attr="delivered_rows",
            )
        )
        .order_by("order", "pk")
    )


def parent_plan(parent, *, today: datetime.date | None = None) -> ParentPlan:
    """The parent's plan: what is next (soonest due first), what is done, and the rest."""
    today = today or timezone.localdate()
    plan = ParentPlan()
    for item in _items(parent):
        row = _parent_item(item, today)
        if item.closed_at is not None:
            plan.closed.append(row)
        elif item.status == ItemStatus.DELIVERED:
            plan.done.append(row)
        elif item.status in FINISHED_STATUSES:
            plan.other.append(row)
        else:
            plan.next.append(row)
    far = datetime.date.max
    plan.next.sort(key=lambda row: (row.item.due_date or far, row.item.order, row.item.pk))
    plan.done.sort(key=lambda row: row.done_on or far, reverse=True)
    for row in plan.next:
        due = row.item.due_date
        soon = due is not None and due <= today + SOON
        if row.overdue or soon or row.item.status in UNDER_WAY:
            plan.now.append(row)
        elif due is not None:
            plan.coming.append(row)
        else:
            plan.to_discuss.append(row)
    return plan


def item_for_parent(parent, public_id) -> PlanItem:
    """One item of this parent's plan, else DoesNotExist (another parent's is not found)."""
    return PlanItem.objects.select_related("commitment", "local_commitment", "child", "plan").get(
        public_id=public_id, plan__parent=parent
    )


def parent_item(item: PlanItem) -> ParentItem:
    return _parent_item(item, timezone.localdate())


def item_history(item: PlanItem) -> list:
    return list(item.status_history.order_by("at", "pk"))


# --- Promises a parent may challenge ---------------------------------------------------------


@dataclass(frozen=True)
class PromiseChoices:
    plan_items: list[tuple[str, str]]  # ("item:<public id>", title)
    # The same, grouped by stage in the charter's order: [(stage label, [(value, title)])].
    plan_item_groups: list[tuple[str, list[tuple[str, str]]]]
    others: list[tuple[str, list[tuple[str, str]]]]  # (stage label, [("charter:<pk>", title)])
    items_by_value: dict
    commitments_by_value: dict


def promise_choices(parent) -> PromiseChoices:
    """The parent's open plan items, and the council's other promises grouped by stage."""
    items = list(
        PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True)
        .select_related("commitment", "local_commitment", "child", "plan")
        .order_by("order", "pk")
    )
    in_plan_charter = {i.commitment_id for i in items if i.commitment_id}
    in_plan_local = {i.local_commitment_id for i in items if i.local_commitment_id}
    offer = LocalOffer.objects.filter(council=parent.council).first()
    others: dict[str, list] = {}
    commitments_by_value = {}
    if offer is not None:
        promises = [
            ("charter", c)
            for c in Commitment.objects.filter(charter_version_id=offer.charter_version_id)
            .exclude(pk__in=in_plan_charter)
            .order_by("order", "pk")
        ] + [
            ("local", c)
            for c in LocalCommitment.objects.filter(offer=offer, retired=False)
            .exclude(pk__in=in_plan_local)
            .order_by("order", "pk")
        ]
        for kind, promise in promises:
            value = f"{kind}:{promise.pk}"
            commitments_by_value[value] = promise
            others.setdefault(promise.stage, []).append((value, promise.title))
    items_by_value = {f"item:{item.public_id}": item for item in items}
    by_stage: dict[str, list] = {}
    for value, item in items_by_value.items():
        by_stage.setdefault(item.stage, []).append((value, item_title(item)))
    return PromiseChoices(
        plan_items=[(value, item_title(item)) for value, item in items_by_value.items()],
        plan_item_groups=[
            (str(stage.label), by_stage[stage.value]) for stage in Stage if stage.value in by_stage
        ],
        others=[
            (str(stage.label), others[stage.value]) for stage in Stage if stage.value in others
        ],
        items_by_value=items_by_value,
        commitments_by_value=commitments_by_value,
    )


# --- Challenges -------------------------------------------------------------------------------


def promise_title(challenge: Challenge) -> str:
    """The promise a challenge names, in the active language. Needs the promise joined."""
    if challenge.plan_item_id:
        return item_title(challenge.plan_item)
    promise = challenge.commitment or challenge.local_commitment
    return promise.title if promise is not None else ""


def _challenges():
    return Challenge.objects.select_related(
        "plan_item__commitment",
        "plan_item__local_commitment",
        "plan_item__child",
        "commitment",
        "local_commitment",
    )


def challenges_of(parent) -> list[Challenge]:
    return list(_challenges().filter(parent=parent).order_by("-raised_at", "-pk"))


def _with_events(queryset):
    return queryset.prefetch_related(
        Prefetch("events", queryset=ChallengeEvent.objects.select_related("by").order_by("pk"))
    )


def challenge_for_parent(parent, public_id) -> Challenge:
    """One of this parent's challenges with its timeline, else DoesNotExist."""
    return _with_events(_challenges()).get(public_id=public_id, parent=parent)


# --- Staff: the council's challenges --------------------------------------------------------

STAFF_FILTERS = ("open", "overdue", "all")


def challenges_for_staff(*, show: str, today: datetime.date | None = None):
    """The council's challenges (the scope is the council), newest first. One query."""
    today = today or timezone.localdate()
    challenges = _challenges().select_related("parent", "parent__personal_adviser")
    if show == "open":
        challenges = challenges.filter(status__in=sorted(AWAITING_COUNCIL))
    elif show == "overdue":
        challenges = challenges.filter(status__in=sorted(AWAITING_COUNCIL), due_on__lt=today)
    return challenges.order_by("due_on", "-raised_at", "-pk") if show != "all" else challenges


def challenge_for_staff(public_id) -> Challenge:
    return _with_events(
        _challenges().select_related("parent__council", "parent__personal_adviser", "responded_by")
    ).get(public_id=public_id)


def open_challenge_count(user) -> int:
    """For the start page: open challenges of the council, or of a PA's own caseload."""
    challenges = Challenge.objects.filter(
        council_id=user.council_id, status__in=sorted(AWAITING_COUNCIL)
    )
    if not user.has_role(Role.TEAM_MANAGER):
        challenges = challenges.filter(parent__personal_adviser=user)
    return challenges.count()


def is_challenge_overdue(challenge: Challenge, today: datetime.date | None = None) -> bool:
    return challenge.awaits_council and challenge.due_on < (today or timezone.localdate())


# --- The portal account section of a parent's staff page -------------------------------------


@dataclass(frozen=True)
class AccountSummary:
    account: PortalAccount | None
    invitation: PortalLink | None
    invitation_state: str  # "", "pending", "expired", "used", "sending"
    open_challenges: int


def account_summary(parent) -> AccountSummary:
    """Three queries: the account, the newest invitation, the open challenges."""
    account = PortalAccount.objects.filter(parent=parent).select_related("user").first()
    invitation = (
        PortalLink.objects.filter(parent=parent, purpose=LinkPurpose.INVITATION)
        .order_by("-created_at", "-pk")
        .first()
    )
    state = ""
    if invitation is not None:
        now = timezone.now()
        if invitation.used_at:
            state = "used"
        elif invitation.revoked_at:
            state = "cancelled"
        elif invitation.expires_at is None:
            state = "sending"
        elif invitation.expires_at <= now:
            state = "expired"
        else:
            state = "pending"
    return AccountSummary(
        account=account,
        invitation=invitation,
        invitation_state=state,
        open_challenges=Challenge.objects.filter(
            parent=parent, status__in=sorted(AWAITING_COUNCIL)
        ).count(),
    )
