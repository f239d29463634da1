"""Referrals and pre-birth requests to children's services, and where the children of the
parents supported live."""

import functools
from collections import defaultdict

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from parent_charter.children.models import ChildCircumstance, ChildParent, LegalStatus, LivesWith
from parent_charter.childrens_services.models import (
    ChildrenServicesReferral,
    GuardEvent,
    GuardEventKind,
    ReferralKind,
    ReferralStep,
    StepKind,
)

from .. import disclosure
from ..periods import Period
from .common import aware_at, local_day
from .parents import supported_in

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


def _counted_by_day(rows, moment: str, *fields) -> dict:
    """{(*fields, local day of `moment`): how many} of a queryset, counted by the database."""
    counted = (
        rows.annotate(day=local_day(moment))
        .values_list(*fields, "day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {tuple(key): n for *key, n in counted}


def count_childrens_services(book, shown, start, end):
    span = (aware_at(start), aware_at(end, True))
    made = _counted_by_day(
        ChildrenServicesReferral.objects.filter(created_at__range=span), "created_at", "kind"
    )
    steps = defaultdict(int)
    for (step, kind, day), n in _counted_by_day(
        ReferralStep.objects.filter(at__range=span, step__in=list(STEP_MEASURE)),
        "at",
        "step",
        "referral__kind",
    ).items():
        steps[(STEP_MEASURE[step], kind, day)] += n
    refused = _counted_by_day(
        GuardEvent.objects.filter(kind=GuardEventKind.REFUSED_GROUND, occurred_at__range=span),
        "occurred_at",
        "referral_kind",
    )
    for p in shown:
        # Each period's counts by (measure, kind), in one pass over each kind of row.
        tally = defaultdict(int)
        for (kind, day), n in made.items():
            if p.contains(day):
                tally[("made", kind)] += n
        for (kind, day), n in refused.items():
            if p.contains(day):
                tally[("refused", kind)] += n
        for (measure, kind, day), n in steps.items():
            if p.contains(day):
                tally[(measure, kind)] += n
        for measure, _label in REFERRAL_MEASURES:
            parts = []
            for kind in ReferralKind.values:
                book.put((p.slug, "cs", measure, kind), tally[(measure, kind)])
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


def childrens_services_view(count, period, previous):
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


def children_places(parents):
    """A function of a period giving {child: (where the child lived at its end, the supported
    parents)} for the born children of the parents supported in it. Two queries, once."""
    links = defaultdict(set)
    born = {}
    # A child and its links belong to one council; saying so lets the database join through
    # the council's index rather than read every council's children.
    for child_id, parent_id, date_of_birth in ChildParent.objects.filter(
        parent__isnull=False, child__council=F("council")
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

    @functools.cache
    def places(p: Period) -> dict:
        # Asked for by the separation and the equality figures: worked out once a period.
        found = {}
        for child_id, parent_ids in links.items():
            if born[child_id] is None or born[child_id] > p.end:
                continue
            supported = {pk for pk in parent_ids if pk in by_pk and supported_in(by_pk[pk], p)}
            if not supported:
                continue
            rows = [row for row in circumstances[child_id] if row[0] <= p.end]
            found[child_id] = (_place(rows[-1] if rows else None), supported)
        return found

    return places


def count_separation(book, shown, parents):
    """Where the children of the parents supported lived at the end of each period. Returns
    the `children_places` it read, for the equality figures."""
    places = children_places(parents)
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
    return places


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


def separation_view(count, period, previous):
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
