"""The council figures: counts for a period beside the one before, and four quarters' trend.

Everything is read in a fixed number of queries (one per kind of record, over the whole span
of the periods shown), so a council of any size costs the same number of queries. The plan
items, by far the most rows a council holds, are counted by the database; the smaller reads are
counted here, where the same sets of parents also serve the drill-down and the equality
figures. Every count the page shows, and every sum that ties counts together, goes through
`disclosure.protect` before anything leaves this module (its sections, one module per group of
figures, are in `sections/`): small numbers never reach a template.
The only names here are in `parents_behind`, for team managers, and that read is audited.
"""

from django.utils.translation import gettext_lazy as _

from parent_charter.audit import services as audit
from parent_charter.charter.models import Stage
from parent_charter.childrens_services.models import ChildrenServicesReferral, ReferralKind
from parent_charter.offers.models import LocalOffer
from parent_charter.parents.models import Parent

from . import disclosure
from .models import FiguresSettings
from .periods import Period, trend_quarters
from .sections.children import (
    SEPARATED,
    children_places,
    childrens_services_view,
    count_childrens_services,
    count_separation,
    separation_view,
)
from .sections.common import Book, aware_at
from .sections.equality import (
    equality_labels,
    equality_sets,
    equality_view,
    figure_keys,
    protect_equality,
    read_answers,
    referred_parents,
)
from .sections.parents import (
    AGE_BANDS,
    ROLE_LABELS,
    figure_sets,
    parents_view,
    read_parents,
    read_stage_spans,
)
from .sections.promises import count_promises, count_reviews, promises_view
from .sections.support import (
    PARTNER_MEASURES,
    challenges_view,
    claims_view,
    count_challenges,
    count_claims,
    count_partner_referrals,
)

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
    + figure_keys()
)


def threshold_for(council) -> int:
    settings = FiguresSettings.objects.filter(council=council).first()
    return settings.suppression_threshold if settings else disclosure.DEFAULT_THRESHOLD


def council_figures(*, council, period: Period) -> dict:
    threshold = threshold_for(council)
    previous = period.previous
    quarters = trend_quarters(period)
    shown = sorted({period, previous, *quarters})
    start, end = min(p.start for p in shown), max(p.end for p in shown)
    offer = LocalOffer.objects.filter(council=council).select_related("charter_version").first()
    parents = read_parents(offer)
    stage_spans = read_stage_spans()
    parent_sets = {p: figure_sets(parents, stage_spans, p) for p in shown}
    book = Book()

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

    promises = count_promises(book, offer, [period, previous])
    reviews = count_reviews(book, offer, [period, previous], parents)
    count_childrens_services(book, shown, start, end)
    places = count_separation(book, shown, parents)
    count_partner_referrals(book, [period, previous], start, end)
    challenge_rows = count_challenges(book, offer, shown, start, end)
    claims = count_claims(book, shown, start, end)

    counts = disclosure.protect(book.values, book.relations, threshold=threshold)
    equality = protect_equality(
        equality_sets(parents, read_answers(), referred_parents(period), places, period),
        supported=counts[(period.slug, "parents", "supported")],
        threshold=threshold,
    )

    def count(*key):
        return counts[key]

    def pair(section, row):
        return [count(p.slug, section, row) for p in (period, previous)]

    return {
        "threshold": threshold,
        "period": period,
        "previous": previous,
        "quarters": quarters,
        "pair": [period, previous],
        "parents": parents_view(count, period, previous),
        "promises": promises_view(count, promises, period, previous),
        "reviews": {
            "rows": [(label, pair("reviews", key)) for key, label in reviews],
        },
        "childrens_services": childrens_services_view(count, period, previous),
        "separation": separation_view(count, period, previous),
        "equality": equality_view(equality, period),
        "partner_referrals": [(label, pair("partner", key)) for key, label in PARTNER_MEASURES],
        "challenges": challenges_view(count, challenge_rows, period, previous),
        "claims": claims_view(count, claims, period, previous),
        "trend": [
            (label, [count(q.slug, "trend", key) for q in quarters])
            for key, label in TREND_MEASURES
        ],
        "one_in_four": ONE_IN_FOUR,
    }


def parents_behind(*, actor, council, period: Period, figure: str) -> list[Parent]:
    """The parents behind one parents figure, for a team manager. Audited as a read."""
    if figure not in DRILL_FIGURES:
        raise ValueError(figure)
    offer = LocalOffer.objects.filter(council=council).first()
    parents = read_parents(offer)
    if figure.startswith("cs_made:"):
        kind = figure.removeprefix("cs_made:")
        made = ChildrenServicesReferral.objects.filter(
            created_at__range=(aware_at(period.start), aware_at(period.end, True))
        )
        if kind != "all":
            made = made.filter(kind=kind)
        ids = set(made.values_list("parent_id", flat=True))
    elif figure.startswith("eq:"):
        ids = equality_sets(
            parents, read_answers(), referred_parents(period), children_places(parents), period
        )[figure]
    elif figure == "separated":
        ids = {
            pk
            for place, supported in children_places(parents)(period).values()
            if place in SEPARATED
            for pk in supported
        }
    else:
        ids = figure_sets(parents, read_stage_spans(), period).get(figure, set())
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
        **equality_labels(),
    }
    return labels[figure]
