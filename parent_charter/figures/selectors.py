"""The council figures: counts for a period beside the one before, and four quarters' trend.

Everything is read in a fixed number of queries (one per kind of record, over the whole span
of the periods shown), then counted in Python, so a council of any size costs the same number
of queries. Every count the page shows, and every sum that ties counts together, goes through
`disclosure.protect` before anything leaves this module: small numbers never reach a template.
The only names here are in `parents_behind`, for team managers, and that read is audited.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.apart.models import ClaimStatus, CostClaim, CostKind
from parent_charter.audit import services as audit
from parent_charter.charter.models import Commitment, Stage
from parent_charter.children.models import ChildCircumstance, ChildParent, LegalStatus, LivesWith
from parent_charter.offers.models import LocalCommitment, LocalOffer
from parent_charter.parents import eligibility
from parent_charter.parents.models import Parent, ParentRole, StageChange
from parent_charter.plans.models import (
    ItemStatus,
    PlanItem,
    PlanItemStatus,
    PlanReview,
    SupportPlan,
)
from parent_charter.portal.models import Challenge, ChallengeStatus
from parent_charter.referrals.models import Referral, ReferralStatus, ReferredBy
from parent_charter.referrals.models import Status as PartnerStatus
from parent_charter.safeguards.models import (
    ChildrenServicesReferral,
    GuardEvent,
    GuardEventKind,
    ReferralKind,
    ReferralStep,
    StepKind,
)

from . import disclosure
from .models import FiguresSettings
from .periods import Period, trend_quarters

# The study behind the charter, as the committee report cites it.
ONE_IN_FOUR = {
    "percent": 25,
    "source": _(
        "Cardiff Council, Corporate Parenting Advisory Committee, 9 January 2023, "
        "“CASCADE: a good practice charter for supporting parents in and leaving care”, "
        "paragraph 5d: the study by Dr Louise Roberts (CASCADE, Cardiff University) found "
        "1 in 4 children were separated from both birth parents."
    ),
}

AGE_BANDS = (
    ("under_18", _("Under 18"), 0, 17),
    ("18_20", _("18 to 20"), 18, 20),
    ("21_24", _("21 to 24"), 21, 24),
    ("25_over", _("25 and over"), 25, 200),
)
ROLE_LABELS = {
    ParentRole.MOTHER: _("Mothers"),
    ParentRole.FATHER: _("Fathers"),
    ParentRole.PARENT: _("Other parents"),
}
PROMISE_COLUMNS = (
    ("delivered", _("Delivered")),
    ("in_progress", _("In progress")),
    ("not_started", _("Not started")),
    ("declined", _("Declined or not needed")),
)
STATUS_COLUMN = {
    ItemStatus.DELIVERED: "delivered",
    ItemStatus.IN_PROGRESS: "in_progress",
    ItemStatus.OFFERED: "in_progress",
    ItemStatus.ACCEPTED: "in_progress",
    ItemStatus.TO_DISCUSS: "not_started",
    ItemStatus.DECLINED: "declined",
    ItemStatus.NOT_NEEDED: "declined",
}
REFERRAL_MEASURES = (
    ("made", _("Made")),
    ("sent_straight", _("Sent straight to children's services")),
    ("held_history", _("Held: rested on the parent's own past")),
    ("held_routine", _("Held: a routine referral, resting on policy or status")),
    ("refused", _("Refused: care status or history given as a ground")),
    ("returned", _("Returned to rewrite the evidence")),
    ("withdrawn", _("Withdrawn")),
    ("sent_after_check", _("Sent after a manager's check")),
)
STEP_MEASURE = {
    StepKind.SENT: "sent_straight",
    StepKind.HELD: "held_history",
    StepKind.HELD_ROUTINE: "held_routine",
    StepKind.RETURNED: "returned",
    StepKind.WITHDRAWN: "withdrawn",
    StepKind.SENT_AFTER_CHECK: "sent_after_check",
}
PLACES = (
    ("with_parent", _("With a parent we support")),
    ("other_parent_family", _("With the other parent, relatives or friends")),
    ("foster_care", _("In foster or residential care")),
    ("adopted", _("Adopted")),
    ("special_guardianship", _("Under a special guardianship order")),
    ("elsewhere", _("Somewhere else")),
    ("not_recorded", _("Not recorded")),
)
# Places where a child lives apart from both birth parents.
SEPARATED = ("foster_care", "adopted", "special_guardianship", "elsewhere")
PARTNER_MEASURES = (
    ("made", _("Referrals made")),
    ("self", _("Of which, self-referrals")),
    ("accepted", _("Accepted by the partner")),
    ("started", _("Support started")),
    ("programme_started", _("Of which, programme support started (such as Baby Steps)")),
)
CHALLENGE_MEASURES = (
    ("raised", _("Raised")),
    ("answered_in_time", _("Answered within the council's working days")),
    ("escalated", _("Escalated")),
    ("resolved", _("Resolved")),
)
TREND_MEASURES = (
    ("supported", _("Parents supported")),
    ("started", _("Support started")),
    ("ended", _("Support ended at the age limit")),
    ("cs_made", _("Referrals and pre-birth requests to children's services")),
    ("cs_held", _("Of which, held by the guard")),
    ("children", _("Children of parents supported")),
    ("separated", _("Children separated from both birth parents")),
    ("challenges", _("Challenges raised")),
    ("claims_paid", _("Cost claims paid")),
)

# Figures a team manager may follow to the parents behind them.
DRILL_FIGURES = (
    ["supported", "started", "ended"]
    + [f"role:{role}" for role in ROLE_LABELS]
    + [f"age:{key}" for key, *_rest in AGE_BANDS]
    + [f"stage:{stage}" for stage in Stage.values]
    + [f"cs_made:{kind}" for kind in (*ReferralKind.values, "all")]
    + ["separated"]
)


def threshold_for(council) -> int:
    settings = FiguresSettings.objects.filter(council=council).first()
    return settings.suppression_threshold if settings else disclosure.DEFAULT_THRESHOLD


def _day(moment) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


def _aware(day: datetime.date, end: bool = False):
    moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    return timezone.make_aware(moment)


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# --- The records, read once for every period on the page ---------------------------------


def _parents(offer) -> list[dict]:
    """Each parent's first and last day of support (the age limit of the council's offer)."""
    age = offer.eligibility_age if offer else 25
    boundary = offer.eligibility_boundary if offer else eligibility.BEFORE_BIRTHDAY
    rows = []
    for row in Parent.objects.values("pk", "date_of_birth", "parent_role", "created_at"):
        ends_on = eligibility.eligibility(
            row["date_of_birth"], age=age, boundary=boundary, today=row["date_of_birth"]
        ).ends_on
        rows.append(
            {
                **row,
                "first": _day(row["created_at"]),
                "last": ends_on - datetime.timedelta(days=1),
            }
        )
    return rows


def _supported(parent, period: Period) -> bool:
    return parent["first"] <= period.end and parent["last"] >= period.start


def _parent_sets(parents, stage_spans, period: Period) -> dict[str, set]:
    """The parents behind each parents figure of a period, by figure key."""
    sets: dict[str, set] = defaultdict(set)
    for parent in parents:
        if not _supported(parent, period):
            continue
        pk = parent["pk"]
        sets["supported"].add(pk)
        if period.contains(parent["first"]):
            sets["started"].add(pk)
        if period.contains(parent["last"]):
            sets["ended"].add(pk)
        sets[f"role:{parent['parent_role']}"].add(pk)
        age = _age(parent["date_of_birth"], min(period.end, parent["last"]))
        for key, _label, low, high in AGE_BANDS:
            if low <= age <= high:
                sets[f"age:{key}"].add(pk)
        for stage, spans in stage_spans.get(pk, {}).items():
            if any(
                begin <= period.end and (until is None or until >= period.start)
                for begin, until in spans
            ):
                sets[f"stage:{stage}"].add(pk)
    return sets


def _stage_spans() -> dict:
    """{parent: {stage: [(from, until or None)]}} from the history of stage changes."""
    spans: dict = defaultdict(lambda: defaultdict(list))
    rows = StageChange.objects.values_list("parent_id", "stage", "entered", "at").order_by(
        "at", "pk"
    )
    for parent_id, stage, entered, at in rows:
        day = _day(at)
        runs = spans[parent_id][stage]
        if entered:
            if not runs or runs[-1][1] is not None:
                runs.append((day, None))
        elif runs and runs[-1][1] is None:
            runs[-1] = (runs[-1][0], day)
    return spans


# --- Building the page -------------------------------------------------------------------


class _Book:
    """Every count a page publishes, keyed (period, section, row, column), and the sums that
    tie them, so that one call protects them all together."""

    def __init__(self):
        self.values: dict = {}
        self.relations: list = []

    def put(self, key, value: int):
        self.values[key] = int(value)

    def total(self, parts, whole):
        self.relations.append(disclosure.total(parts, whole))


def council_figures(*, council, period: Period) -> dict:
    threshold = threshold_for(council)
    previous = period.previous
    quarters = trend_quarters(period)
    shown = sorted({period, previous, *quarters})
    start, end = min(p.start for p in shown), max(p.end for p in shown)
    offer = LocalOffer.objects.filter(council=council).select_related("charter_version").first()
    parents = _parents(offer)
    stage_spans = _stage_spans()
    parent_sets = {p: _parent_sets(parents, stage_spans, p) for p in shown}
    book = _Book()

    # Parents supported, by role and age band, started and ended.
    for p in shown:
        sets = parent_sets[p]
        for key in DRILL_FIGURES:
            book.put((p.slug, "parents", key), len(sets.get(key, ())))
        supported = (p.slug, "parents", "supported")
        book.total([(p.slug, "parents", f"role:{role}") for role in ROLE_LABELS], supported)
        book.total([(p.slug, "parents", f"age:{k}") for k, *_r in AGE_BANDS], supported)
    # Supported now = supported before - ended before + started now, for each pair shown.
    for earlier, later in zip(shown, shown[1:], strict=False):
        if later.kind == earlier.kind and earlier.shifted(1) == later:
            book.relations.append(
                {
                    (later.slug, "parents", "supported"): 1,
                    (earlier.slug, "parents", "supported"): -1,
                    (earlier.slug, "parents", "ended"): 1,
                    (later.slug, "parents", "started"): -1,
                }
            )

    promises = _promises(book, offer, [period, previous])
    reviews = _reviews(book, offer, [period, previous], parents)
    _childrens_services(book, shown, start, end)
    _separation(book, shown, parents)
    _partner_referrals(book, [period, previous], start, end)
    challenge_rows = _challenges(book, offer, shown, start, end)
    claims = _claims(book, shown, start, end)

    counts = disclosure.protect(book.values, book.relations, threshold=threshold)

    def count(*key):
        return counts[key]

    def pair(section, row):
        return [count(p.slug, section, row) for p in (period, previous)]

    return {
        "threshold": threshold,
        "period": period,
        "previous": previous,
        "quarters": quarters,
        "parents": _parents_view(count, period, previous),
        "promises": _promises_view(count, promises, period, previous),
        "reviews": {
            "rows": [(label, pair("reviews", key)) for key, label in reviews],
        },
        "childrens_services": _cs_view(count, period, previous),
        "separation": _separation_view(count, period, previous),
        "partner_referrals": [(label, pair("partner", key)) for key, label in PARTNER_MEASURES],
        "challenges": _challenges_view(count, challenge_rows, period, previous),
        "claims": _claims_view(count, claims, period, previous),
        "trend": [
            (label, [count(q.slug, "trend", key) for q in quarters])
            for key, label in TREND_MEASURES
        ],
        "one_in_four": ONE_IN_FOUR,
    }


# --- Sections ----------------------------------------------------------------------------


def _parents_view(count, period, previous):
    def rows(keys_labels):
        return [
            (key, label, [count(p.slug, "parents", key) for p in (period, previous)])
            for key, label in keys_labels
        ]

    return {
        "headline": rows(
            [
                ("supported", _("Parents supported")),
                ("started", _("Support started")),
                ("ended", _("Support ended at the age limit")),
            ]
        ),
        "roles": rows([(f"role:{role}", label) for role, label in ROLE_LABELS.items()]),
        "ages": rows([(f"age:{key}", label) for key, label, *_r in AGE_BANDS]),
        "stages": rows([(f"stage:{stage}", label) for stage, label in Stage.choices]),
    }


def _promises(book, offer, periods):
    """Each promise of the offer against every plan item made for it."""
    promises = []
    if offer is not None:
        for pk, title_en, title_cy in (
            Commitment.objects.filter(charter_version_id=offer.charter_version_id)
            .values_list("pk", "title_en", "title_cy")
            .order_by("order", "pk")
        ):
            promises.append((("charter", pk), title_en, title_cy))
        for pk, title_en, title_cy in (
            LocalCommitment.objects.filter(offer=offer, retired=False)
            .values_list("pk", "title_en", "title_cy")
            .order_by("order", "pk")
        ):
            promises.append((("local", pk), title_en, title_cy))
    items = list(
        PlanItem.objects.filter(
            Q(commitment__isnull=False) | Q(local_commitment__isnull=False)
        ).values(
            "pk",
            "commitment_id",
            "local_commitment_id",
            "created_at",
            "closed_at",
            "due_date",
            "status",
            "parent_view",
        )
    )
    history = defaultdict(list)
    for item_id, status, at in (
        PlanItemStatus.objects.filter(
            item__in=[i["pk"] for i in items] if len(items) < 500 else PlanItem.objects.all()
        )
        .values_list("item_id", "status", "at")
        .order_by("at", "pk")
    ):
        history[item_id].append((_day(at), status))
    known = {key for key, *_r in promises}
    for p in periods:
        tally = defaultdict(int)
        for item in items:
            key = (
                ("charter", item["commitment_id"])
                if item["commitment_id"]
                else ("local", item["local_commitment_id"])
            )
            if key not in known:
                continue
            if _day(item["created_at"]) > p.end:
                continue
            if item["closed_at"] is not None and _day(item["closed_at"]) < p.start:
                continue
            statuses = [s for day, s in history[item["pk"]] if day <= p.end]
            status = statuses[-1] if statuses else ItemStatus.TO_DISCUSS
            tally[(key, "applies")] += 1
            tally[(key, STATUS_COLUMN[status])] += 1
            finished = status in (ItemStatus.DELIVERED, ItemStatus.DECLINED, ItemStatus.NOT_NEEDED)
            if item["due_date"] and item["due_date"] < p.end and not finished:
                tally[(key, "overdue")] += 1
            if item["parent_view"].strip():
                tally[("all", "parent_view")] += 1
            tally[("all", "applies")] += 1
        for key, *_r in promises:
            for column in ("applies", "overdue", *[c for c, _l in PROMISE_COLUMNS]):
                book.put((p.slug, "promises", key, column), tally[(key, column)])
            book.total(
                [(p.slug, "promises", key, c) for c, _l in PROMISE_COLUMNS],
                (p.slug, "promises", key, "applies"),
            )
        book.put((p.slug, "promises", "all", "applies"), tally[("all", "applies")])
        book.put((p.slug, "promises", "all", "parent_view"), tally[("all", "parent_view")])
        book.total(
            [(p.slug, "promises", key, "applies") for key, *_r in promises],
            (p.slug, "promises", "all", "applies"),
        )
    return promises


def _promises_view(count, promises, period, previous):
    from django.utils.translation import get_language

    welsh = (get_language() or "en").startswith("cy")
    rows = []
    for key, title_en, title_cy in promises:
        now = {
            c: count(period.slug, "promises", key, c)
            for c in ("applies", "overdue", *[c for c, _l in PROMISE_COLUMNS])
        }
        before = count(previous.slug, "promises", key, "applies")
        kept = disclosure.share(now["delivered"], now["applies"])
        rows.append(
            {
                "title": (title_cy if welsh and title_cy else title_en),
                "local": key[0] == "local",
                "cells": now,
                "kept": kept,
                "applies_before": before,
            }
        )
    # Kept least first; a promise whose share cannot be shown goes after those that can.
    rows.sort(key=lambda r: (r["kept"].percent is None, r["kept"].percent or 0))
    applies = count(period.slug, "promises", "all", "applies")
    with_view = count(period.slug, "promises", "all", "parent_view")
    return {
        "columns": PROMISE_COLUMNS,
        "rows": rows,
        "applies": applies,
        "with_view": with_view,
        "with_view_share": disclosure.share(with_view, applies),
    }


def _reviews(book, offer, periods, parents):
    """Plan reviews held on time or late, and plans overdue a review at the end of the period."""
    months = offer.review_interval_months if offer else 6
    by_pk = {parent["pk"]: parent for parent in parents}
    plans = {
        pk: (created, by_pk.get(parent_id))
        for pk, created, parent_id in SupportPlan.objects.values_list(
            "pk", "created_at", "parent_id"
        )
    }
    held = defaultdict(list)
    for plan_id, day in PlanReview.objects.values_list("plan_id", "held_on").order_by("held_on"):
        held[plan_id].append(day)

    def due_after(day):
        return eligibility.months_before(day, -months)

    for p in periods:
        on_time = late = overdue = 0
        for plan_id, (created, parent) in plans.items():
            last = _day(created)
            for day in held[plan_id]:
                if day > p.end:
                    break
                if p.contains(day):
                    if day <= due_after(last):
                        on_time += 1
                    else:
                        late += 1
                last = day
            # Overdue only while the parent is still supported at the end of the period.
            still_supported = parent is not None and parent["first"] <= p.end <= parent["last"]
            if still_supported and due_after(last) < p.end and _day(created) <= p.end:
                overdue += 1
        book.put((p.slug, "reviews", "on_time"), on_time)
        book.put((p.slug, "reviews", "late"), late)
        book.put((p.slug, "reviews", "overdue"), overdue)
    return [
        ("on_time", _("Reviews held on time")),
        ("late", _("Reviews held late")),
        ("overdue", _("Plans overdue a review at the end of the period")),
    ]


def _childrens_services(book, shown, start, end):
    made = defaultdict(int)
    for kind, at in ChildrenServicesReferral.objects.filter(
        created_at__range=(_aware(start), _aware(end, True))
    ).values_list("kind", "created_at"):
        made[(kind, _day(at))] += 1
    steps = defaultdict(int)
    for step, kind, at in ReferralStep.objects.filter(
        at__range=(_aware(start), _aware(end, True))
    ).values_list("step", "referral__kind", "at"):
        if step in STEP_MEASURE:
            steps[(STEP_MEASURE[step], kind, _day(at))] += 1
    refused = defaultdict(int)
    for kind, at in GuardEvent.objects.filter(
        kind=GuardEventKind.REFUSED_GROUND,
        occurred_at__range=(_aware(start), _aware(end, True)),
    ).values_list("referral_kind", "occurred_at"):
        refused[(kind, _day(at))] += 1
    for p in shown:
        for measure, _label in REFERRAL_MEASURES:
            parts = []
            for kind in ReferralKind.values:
                if measure == "made":
                    value = sum(n for (k, d), n in made.items() if k == kind and p.contains(d))
                elif measure == "refused":
                    value = sum(n for (k, d), n in refused.items() if k == kind and p.contains(d))
                else:
                    value = sum(
                        n
                        for (m, k, d), n in steps.items()
                        if m == measure and k == kind and p.contains(d)
                    )
                book.put((p.slug, "cs", measure, kind), value)
                parts.append((p.slug, "cs", measure, kind))
            book.put((p.slug, "cs", measure, "all"), sum(book.values[k] for k in parts))
            book.total(parts, (p.slug, "cs", measure, "all"))
        book.put((p.slug, "trend", "cs_made"), book.values[(p.slug, "cs", "made", "all")])
        book.relations.append({(p.slug, "trend", "cs_made"): 1, (p.slug, "cs", "made", "all"): -1})
        held = (
            book.values[(p.slug, "cs", "held_history", "all")]
            + book.values[(p.slug, "cs", "held_routine", "all")]
        )
        book.put((p.slug, "trend", "cs_held"), held)
        book.total(
            [(p.slug, "cs", "held_history", "all"), (p.slug, "cs", "held_routine", "all")],
            (p.slug, "trend", "cs_held"),
        )
        book.put((p.slug, "trend", "supported"), book.values[(p.slug, "parents", "supported")])
        book.put((p.slug, "trend", "started"), book.values[(p.slug, "parents", "started")])
        book.put((p.slug, "trend", "ended"), book.values[(p.slug, "parents", "ended")])
        for key in ("supported", "started", "ended"):
            book.relations.append({(p.slug, "trend", key): 1, (p.slug, "parents", key): -1})


def _cs_view(count, period, previous):
    """Rows of (label, [[(count, figure a team manager may follow, or None)] per period])."""
    rows = []
    for measure, label in REFERRAL_MEASURES:
        rows.append(
            (
                label,
                [
                    [
                        (
                            count(p.slug, "cs", measure, kind),
                            f"cs_made:{kind}" if measure == "made" and p == period else None,
                        )
                        for kind in (*ReferralKind.values, "all")
                    ]
                    for p in (period, previous)
                ],
            )
        )
    rates = []
    for p in (period, previous):
        made = count(p.slug, "cs", "made", "all")
        supported = count(p.slug, "parents", "supported")
        rates.append(disclosure.share(made, supported))
    return {"kinds": ReferralKind.choices, "rows": rows, "rates": rates}


def _children_places(parents):
    """A function of a period giving {child: (where the child lived at its end, the supported
    parents)} for the born children of the parents supported in it. Two queries, once."""
    links = defaultdict(set)
    born = {}
    for child_id, parent_id, date_of_birth in ChildParent.objects.filter(
        parent__isnull=False
    ).values_list("child_id", "parent_id", "child__date_of_birth"):
        links[child_id].add(parent_id)
        born[child_id] = date_of_birth
    circumstances = defaultdict(list)
    for (
        child_id,
        lives_with,
        with_parent,
        legal,
        from_date,
    ) in ChildCircumstance.objects.values_list(
        "child_id", "lives_with", "lives_with_parent__parent_id", "legal_status", "from_date"
    ).order_by("from_date", "recorded_at", "pk"):
        circumstances[child_id].append((from_date, lives_with, with_parent, legal))
    by_pk = {parent["pk"]: parent for parent in parents}

    def places(p: Period) -> dict:
        found = {}
        for child_id, parent_ids in links.items():
            if born[child_id] is None or born[child_id] > p.end:
                continue
            supported = {pk for pk in parent_ids if pk in by_pk and _supported(by_pk[pk], p)}
            if not supported:
                continue
            rows = [row for row in circumstances[child_id] if row[0] <= p.end]
            found[child_id] = (_place(rows[-1] if rows else None), supported)
        return found

    return places


def _separation(book, shown, parents):
    """Where the children of the parents supported lived at the end of each period."""
    places = _children_places(parents)
    for p in shown:
        tally = defaultdict(int)
        for place, _supported_parents in places(p).values():
            tally[place] += 1
        keys = [(p.slug, "separation", place) for place, _label in PLACES]
        for place, _label in PLACES:
            book.put((p.slug, "separation", place), tally[place])
        book.put((p.slug, "separation", "children"), sum(tally.values()))
        book.total(keys, (p.slug, "separation", "children"))
        book.put((p.slug, "separation", "separated"), sum(tally[k] for k in SEPARATED))
        book.total(
            [(p.slug, "separation", k) for k in SEPARATED], (p.slug, "separation", "separated")
        )
        for key in ("children", "separated"):
            book.put((p.slug, "trend", key), book.values[(p.slug, "separation", key)])
            book.relations.append({(p.slug, "trend", key): 1, (p.slug, "separation", key): -1})


def _place(row) -> str:
    if row is None:
        return "not_recorded"
    _from, lives_with, with_parent, legal = row
    if legal == LegalStatus.SPECIAL_GUARDIANSHIP:
        return "special_guardianship"
    if lives_with == LivesWith.ADOPTED or legal == LegalStatus.ADOPTED:
        return "adopted"
    if lives_with == LivesWith.BOTH_PARENTS or (
        lives_with == LivesWith.ONE_PARENT and with_parent is not None
    ):
        return "with_parent"
    if lives_with in (LivesWith.ONE_PARENT, LivesWith.RELATIVES):
        return "other_parent_family"
    if lives_with == LivesWith.FOSTER_CARE:
        return "foster_care"
    if lives_with == LivesWith.NOT_YET_BORN:
        return "not_recorded"
    return "elsewhere"


def _separation_view(count, period, previous):
    rows = [
        (label, [count(p.slug, "separation", key) for p in (period, previous)])
        for key, label in PLACES
    ]
    children = [count(p.slug, "separation", "children") for p in (period, previous)]
    separated = [count(p.slug, "separation", "separated") for p in (period, previous)]
    return {
        "rows": rows,
        "children": children,
        "separated": separated,
        "shares": [disclosure.share(s, c) for s, c in zip(separated, children, strict=True)],
    }


def _partner_referrals(book, periods, start, end):
    made = list(
        Referral.objects.filter(created_at__range=(_aware(start), _aware(end, True))).values_list(
            "referred_by", "created_at"
        )
    )
    moves = list(
        ReferralStatus.objects.filter(
            status__in=[PartnerStatus.ACCEPTED, PartnerStatus.STARTED],
            at__range=(_aware(start), _aware(end, True)),
        ).values_list("status", "referral__programme_id", "at")
    )
    for p in periods:
        values = {
            "made": sum(1 for _by, at in made if p.contains(_day(at))),
            "self": sum(1 for by, at in made if by == ReferredBy.SELF and p.contains(_day(at))),
            "accepted": sum(
                1 for s, _prog, at in moves if s == PartnerStatus.ACCEPTED and p.contains(_day(at))
            ),
            "started": sum(
                1 for s, _prog, at in moves if s == PartnerStatus.STARTED and p.contains(_day(at))
            ),
            "programme_started": sum(
                1
                for s, prog, at in moves
                if s == PartnerStatus.STARTED and prog is not None and p.contains(_day(at))
            ),
        }
        for key, value in values.items():
            book.put((p.slug, "partner", key), value)


def _challenges(book, offer, shown, start, end):
    rows = list(
        Challenge.objects.filter(raised_at__range=(_aware(start), _aware(end, True))).values_list(
            "commitment_id",
            "local_commitment_id",
            "plan_item__commitment_id",
            "plan_item__local_commitment_id",
            "plan_item__title",
            "raised_at",
            "due_on",
            "responded_at",
            "escalated_at",
            "status",
        )
    )
    titles = {}
    promise_keys = set()
    tallies = {p: defaultdict(int) for p in shown}
    for (
        commitment,
        local,
        item_commitment,
        item_local,
        _t,
        raised,
        due,
        responded,
        escalated,
        status,
    ) in rows:
        if commitment or item_commitment:
            key = ("charter", commitment or item_commitment)
        elif local or item_local:
            key = ("local", local or item_local)
        else:
            key = ("other", 0)
        promise_keys.add(key)
        for p in shown:
            if not p.contains(_day(raised)):
                continue
            tally = tallies[p]
            tally[(key, "raised")] += 1
            if responded is not None and _day(responded) <= due:
                tally[(key, "answered_in_time")] += 1
            if escalated is not None:
                tally[(key, "escalated")] += 1
            if status == ChallengeStatus.RESOLVED:
                tally[(key, "resolved")] += 1
    charter_ids = [k[1] for k in promise_keys if k[0] == "charter"]
    local_ids = [k[1] for k in promise_keys if k[0] == "local"]
    for pk, en, cy in Commitment.objects.filter(pk__in=charter_ids).values_list(
        "pk", "title_en", "title_cy"
    ):
        titles[("charter", pk)] = (en, cy)
    for pk, en, cy in LocalCommitment.objects.filter(pk__in=local_ids).values_list(
        "pk", "title_en", "title_cy"
    ):
        titles[("local", pk)] = (en, cy)
    ordered = sorted(promise_keys, key=lambda k: (k[0], titles.get(k, ("", ""))[0]))
    for p in shown:
        for measure, _label in CHALLENGE_MEASURES:
            parts = []
            for key in ordered:
                book.put((p.slug, "challenges", key, measure), tallies[p][(key, measure)])
                parts.append((p.slug, "challenges", key, measure))
            book.put((p.slug, "challenges", "all", measure), sum(book.values[k] for k in parts))
            book.total(parts, (p.slug, "challenges", "all", measure))
        book.put(
            (p.slug, "trend", "challenges"), book.values[(p.slug, "challenges", "all", "raised")]
        )
        book.relations.append(
            {(p.slug, "trend", "challenges"): 1, (p.slug, "challenges", "all", "raised"): -1}
        )
    return [(key, titles.get(key)) for key in ordered]


def _challenges_view(count, rows, period, previous):
    from django.utils.translation import get_language

    welsh = (get_language() or "en").startswith("cy")
    out = []
    for key, title in rows:
        if title is None:
            label = _("Another part of the plan")
        else:
            label = title[1] if welsh and title[1] else title[0]
        out.append(
            (label, [count(period.slug, "challenges", key, m) for m, _l in CHALLENGE_MEASURES])
        )
    return {
        "measures": CHALLENGE_MEASURES,
        "rows": out,
        "totals": [
            [count(p.slug, "challenges", "all", m) for m, _l in CHALLENGE_MEASURES]
            for p in (period, previous)
        ],
    }


def _claims(book, shown, start, end):
    """Cost claims paid, by kind: how many and how much. An amount is shown only beside a count
    that is shown, so a small number of payments cannot be read from their sum."""
    rows = list(
        CostClaim.objects.filter(status=ClaimStatus.PAID, paid_on__range=(start, end)).values_list(
            "kind", "amount", "paid_on"
        )
    )
    amounts = {}
    for p in shown:
        parts = []
        for kind in CostKind.values:
            matching = [amount for k, amount, paid in rows if k == kind and p.contains(paid)]
            book.put((p.slug, "claims", kind), len(matching))
            amounts[(p.slug, kind)] = sum(matching, Decimal("0.00"))
            parts.append((p.slug, "claims", kind))
        book.put((p.slug, "claims", "all"), sum(book.values[k] for k in parts))
        book.total(parts, (p.slug, "claims", "all"))
        amounts[(p.slug, "all")] = sum(
            (amounts[(p.slug, kind)] for kind in CostKind.values), Decimal("0.00")
        )
        book.put((p.slug, "trend", "claims_paid"), book.values[(p.slug, "claims", "all")])
        book.relations.append({(p.slug, "trend", "claims_paid"): 1, (p.slug, "claims", "all"): -1})
    return amounts


def _claims_view(count, amounts, period, previous):
    def money(p, kind):
        shown = count(p.slug, "claims", kind)
        return amounts[(p.slug, kind)] if shown.shown else None

    rows = [
        (label, [(count(p.slug, "claims", kind), money(p, kind)) for p in (period, previous)])
        for kind, label in [*CostKind.choices, ("all", _("All kinds"))]
    ]
    # A sum of amounts would let a reader take the shown kinds from the total: the total amount
    # is shown only when every kind's amount is shown too.
    for p_index, p in enumerate((period, previous)):
        if any(
            money(p, kind) is None and count(p.slug, "claims", kind).value != 0
            for kind in CostKind.values
        ):
            label, cells = rows[-1]
            cells[p_index] = (cells[p_index][0], None)
    return rows


# --- The parents behind a figure ---------------------------------------------------------


def parents_behind(*, actor, council, period: Period, figure: str) -> list[Parent]:
    """The parents behind one parents figure, for a team manager. Audited as a read."""
    if figure not in DRILL_FIGURES:
        raise ValueError(figure)
    offer = LocalOffer.objects.filter(council=council).first()
    parents = _parents(offer)
    if figure.startswith("cs_made:"):
        kind = figure.removeprefix("cs_made:")
        made = ChildrenServicesReferral.objects.filter(
            created_at__range=(_aware(period.start), _aware(period.end, True))
        )
        if kind != "all":
            made = made.filter(kind=kind)
        ids = set(made.values_list("parent_id", flat=True))
    elif figure == "separated":
        ids = {
            pk
            for place, supported in _children_places(parents)(period).values()
            if place in SEPARATED
            for pk in supported
        }
    else:
        ids = _parent_sets(parents, _stage_spans(), period).get(figure, set())
    found = list(
        Parent.objects.filter(pk__in=ids)
        .only(
            "public_id",
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "parent_role",
            "council_id",
        )
        .order_by("family_name", "given_name", "pk")
    )
    audit.record_now(
        actor=actor,
        council=council,
        action="figures.parents_listed",
        detail={"figure": figure, "period": period.slug, "count": len(found)},
    )
    return found


def drill_label(figure: str) -> str:
    """The words for a parents figure."""
    labels = {
        "supported": _("Parents supported"),
        "started": _("Support started"),
        "ended": _("Support ended at the age limit"),
        **{f"role:{role}": label for role, label in ROLE_LABELS.items()},
        **{f"age:{key}": label for key, label, *_r in AGE_BANDS},
        **{f"stage:{stage}": label for stage, label in Stage.choices},
        "cs_made:referral": _("Parents referred to children's services"),
        "cs_made:pre_birth": _("Parents with a request for a pre-birth assessment"),
        "cs_made:all": _("Parents with a referral or pre-birth request to children's services"),
        "separated": _("Parents of children separated from both birth parents"),
    }
    return labels[figure]
