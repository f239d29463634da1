"""Reads of the living-apart records, for the staff pages, the parent page and the portal.

Every list is read in a fixed number of queries however many children, sessions, letters or
claims there are. Page reads are audited; the parent-page section and the portal panel are
not (their pages record one view for everything on them).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.children.models import Child, ChildParent
from parent_charter.children.selectors import (
    child_label,
    children_read_once,
    home_for_parent,
)
from parent_charter.core.pages import read_audited
from parent_charter.parents.models import Parent
from parent_charter.plans.services import child_facts

from .models import (
    ClaimStatus,
    ContactArrangement,
    ContactKind,
    ContactSession,
    CostClaim,
    GriefFollowUp,
    GriefSupportOffer,
    LetterBoxExchange,
    Proceeding,
    Receipt,
)


@dataclass
class ChildContact:
    """One child of the parent, with how they keep in touch and what is coming up."""

    child: Child
    label: str
    home: str
    apart: bool
    arrangements: list[ContactArrangement] = field(default_factory=list)
    next_contact: ContactArrangement | None = None
    next_letter: LetterBoxExchange | None = None

    @property
    def active_arrangements(self) -> list[ContactArrangement]:
        return [a for a in self.arrangements if a.is_active]

    @property
    def next_letter_overdue(self) -> bool:
        return self.next_letter is not None and self.next_letter.due_on < timezone.localdate()


def parent_for_apart(*, public_id) -> Parent:
    """A parent of the active council (another council's: DoesNotExist)."""
    return Parent.objects.select_related("council", "personal_adviser").get(public_id=public_id)


def record_page_viewed(*, actor, parent: Parent, form: str = "") -> None:
    """A living-apart page or form shows the parent's record: that is a read."""
    audit.record_now(
        actor=actor,
        council=parent.council,
        action="apart.page.viewed",
        obj=parent,
        detail={"form": form} if form else {},
    )


def apart_children(parent: Parent) -> list[ChildContact]:
    """The parent's born children who do not live with them, in two queries."""
    rows = []
    for link, circumstance in _children(parent):
        facts = child_facts(link, circumstance)
        if facts.is_born and not facts.lives_with_this_parent:
            rows.append(_child_row(link, circumstance, apart=True))
    return rows


def _children(parent: Parent):
    return sorted(
        children_read_once(parent),
        key=lambda pair: (pair[0].child.date_of_birth or pair[0].child.due_date, pair[0].pk),
    )


def _child_row(link: ChildParent, circumstance, *, apart: bool) -> ChildContact:
    return ChildContact(
        child=link.child,
        label=child_label(link.child),
        home=home_for_parent(link.child, circumstance, link),
        apart=apart,
    )


def _arrangements(parent: Parent, *, with_history: bool):
    queryset = ContactArrangement.objects.filter(parent=parent).order_by("ended_on", "pk")
    exchanges = LetterBoxExchange.objects.order_by("-due_on", "-pk")
    prefetches = [Prefetch("letter_exchanges", queryset=exchanges)]
    if with_history:
        prefetches.append(
            Prefetch(
                "sessions",
                queryset=ContactSession.objects.select_related("recorded_by").order_by(
                    "-held_on", "-pk"
                ),
            )
        )
    return list(queryset.prefetch_related(*prefetches))


def contacts_by_child(
    parent: Parent,
    *,
    with_history: bool = False,
    today: datetime.date | None = None,
) -> list[ChildContact]:
    """Each child apart from the parent, and any other child with an arrangement on record
    (a child back home keeps their history), with the next contact and letter due. The
    children are read once for the page being gathered (`children_read_once`)."""
    today = today or timezone.localdate()
    arrangements = _arrangements(parent, with_history=with_history)
    by_child: dict[int, list[ContactArrangement]] = {}
    for arrangement in arrangements:
        by_child.setdefault(arrangement.child_id, []).append(arrangement)
    rows = []
    for link, circumstance in _children(parent):
        facts = child_facts(link, circumstance)
        apart = facts.is_born and not facts.lives_with_this_parent
        if not apart and link.child_id not in by_child:
            continue
        row = _child_row(link, circumstance, apart=apart)
        row.arrangements = by_child.get(link.child_id, [])
        _fill_next_dates(row, today)
        rows.append(row)
    return rows


def _fill_next_dates(row: ChildContact, today: datetime.date) -> None:
    upcoming = [
        a
        for a in row.active_arrangements
        if a.kind != ContactKind.LETTER_BOX and a.next_date is not None and a.next_date >= today
    ]
    row.next_contact = min(upcoming, key=lambda a: (a.next_date, a.pk), default=None)
    unsent = [
        exchange
        for a in row.active_arrangements
        if a.kind == ContactKind.LETTER_BOX
        for exchange in a.letter_exchanges.all()
        if exchange.sent_on is None
    ]
    row.next_letter = min(unsent, key=lambda e: (e.due_on, e.pk), default=None)


def claims_of(parent: Parent) -> list[CostClaim]:
    """The parent's claims, newest first, with the receipt's details but not its bytes."""
    return list(
        CostClaim.objects.filter(parent=parent)
        .select_related("claimed_by", "decided_by", "arrangement__child", "receipt")
        .defer("receipt__data")
        .order_by("-claimed_at", "-pk")
    )


def proceedings_of(parent: Parent) -> list[Proceeding]:
    return list(
        Proceeding.objects.filter(parent=parent).select_related("child").order_by("-held_on", "-pk")
    )


def grief_support_of(parent: Parent) -> list[GriefSupportOffer]:
    return list(
        GriefSupportOffer.objects.filter(parent=parent)
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=GriefFollowUp.objects.select_related("recorded_by").order_by("on", "pk"),
            )
        )
        .order_by("-offered_on", "-pk")
    )


@dataclass
class LivingApartPage:
    children: list[ChildContact]
    claims: list[CostClaim] | None
    proceedings: list[Proceeding]
    grief_support: list[GriefSupportOffer]


def living_apart_page(*, actor, parent: Parent, with_claims: bool) -> LivingApartPage:
    """Everything on a parent's living-apart page, audited as one read."""
    page = LivingApartPage(
        children=contacts_by_child(parent, with_history=True),
        claims=claims_of(parent) if with_claims else None,
        proceedings=proceedings_of(parent),
        grief_support=grief_support_of(parent),
    )
    read_audited(actor=actor, council=parent.council, action="apart.page.viewed", obj=parent)
    return page


def arrangement_for_change(*, public_id) -> ContactArrangement:
    return ContactArrangement.objects.select_related(
        "council", "parent__council", "parent__personal_adviser", "child"
    ).get(public_id=public_id)


def exchange_for_change(*, public_id) -> LetterBoxExchange:
    return LetterBoxExchange.objects.select_related(
        "council", "arrangement__parent__council", "arrangement__child"
    ).get(public_id=public_id)


def proceeding_for_change(*, public_id) -> Proceeding:
    return Proceeding.objects.select_related("council", "parent__council", "child").get(
        public_id=public_id
    )


def grief_offer_for_change(*, public_id) -> GriefSupportOffer:
    return GriefSupportOffer.objects.select_related("council", "parent__council").get(
        public_id=public_id
    )


def children_among(rows: list[ChildContact]):
    """The children of `rows`, as a queryset for a form's choice of child."""
    return Child.objects.filter(pk__in=[row.child.pk for row in rows]).order_by(
        "date_of_birth", "pk"
    )


def active_arrangements(parent: Parent):
    """The parent's arrangements that have not ended, for a form's choice."""
    return (
        ContactArrangement.objects.filter(parent=parent, ended_on__isnull=True)
        .select_related("child")
        .order_by("child__date_of_birth", "pk")
    )


def children_choices(parent: Parent):
    """The parent's children, for a form's choice of child (by public_id)."""
    return Child.objects.filter(parent_links__parent=parent).order_by("date_of_birth", "pk")


def _claims():
    return CostClaim.objects.select_related(
        "council",
        "parent__council",
        "parent__personal_adviser",
        "claimed_by",
        "decided_by",
        "paid_recorded_by",
        "arrangement__child",
        "receipt",
    ).defer("receipt__data")


def receipt_of(claim: CostClaim) -> Receipt | None:
    try:
        return claim.receipt
    except Receipt.DoesNotExist:
        return None


def claim_for_view(*, actor, public_id) -> CostClaim:
    """One claim of the active council, audited as viewed."""
    claim = _claims().get(public_id=public_id)
    read_audited(actor=actor, council=claim.council, action="apart.claim.viewed", obj=claim)
    return claim


def claim_for_change(*, public_id) -> CostClaim:
    return _claims().get(public_id=public_id)


def receipt_for_download(*, public_id) -> Receipt:
    """The receipt of a claim of the active council, bytes and all."""
    return Receipt.objects.select_related("council", "claim").get(claim__public_id=public_id)


def claims_waiting(*, actor) -> list[CostClaim]:
    """Claims waiting for a team manager, oldest first, in one query; audited as a read."""
    claims = list(
        CostClaim.objects.filter(status=ClaimStatus.WAITING)
        .select_related("parent", "claimed_by", "arrangement__child", "receipt")
        .defer("receipt__data")
        .order_by("claimed_at", "pk")
    )
    read_audited(
        actor=actor,
        council=actor.council,
        action="apart.claims.waiting.viewed",
        detail={"shown": len(claims)},
    )
    return claims


def waiting_count(user) -> int:
    """Waiting claims this user may decide: everyone's but their own. One query."""
    return CostClaim.objects.filter(status=ClaimStatus.WAITING).exclude(claimed_by=user).count()


def letter_box_due(*, council, start, end):
    """Letters not yet sent, of arrangements still running, due from `start` to `end`."""
    return LetterBoxExchange.objects.filter(
        council=council,
        due_on__gte=start,
        due_on__lte=end,
        sent_on__isnull=True,
        arrangement__ended_on__isnull=True,
    ).order_by("due_on", "pk")


def contact_due(*, council, start, end):
    """Running arrangements (other than letter-box) whose next date is from `start` to `end`."""
    return (
        ContactArrangement.objects.filter(
            council=council, ended_on__isnull=True, next_date__gte=start, next_date__lte=end
        )
        .exclude(kind=ContactKind.LETTER_BOX)
        .order_by("next_date", "pk")
    )
