"""Support from outside the plan: partners' referrals, parents' challenges and cost claims."""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from parent_charter.apart.models import ClaimStatus, CostClaim, CostKind
from parent_charter.charter.models import Commitment
from parent_charter.offers.models import LocalCommitment
from parent_charter.partner_referrals.models import Referral, ReferralStatus, ReferredBy
from parent_charter.partner_referrals.models import Status as PartnerStatus
from parent_charter.portal.models import Challenge, ChallengeStatus

from .common import aware_at, day_reader, local_day

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


def count_partner_referrals(book, periods, start, end):
    # Each moment put into a day once (by the database), not once for every measure and period.
    made = list(
        Referral.objects.filter(created_at__range=(aware_at(start), aware_at(end, True)))
        .annotate(day=local_day("created_at"))
        .values_list("referred_by", "day")
    )
    moves = list(
        ReferralStatus.objects.filter(
            status__in=[PartnerStatus.ACCEPTED, PartnerStatus.STARTED],
            at__range=(aware_at(start), aware_at(end, True)),
        )
        .annotate(day=local_day("at"))
        .values_list("status", "referral__programme_id", "day")
    )
    for p in periods:
        made_here = [by for by, day in made if p.contains(day)]
        moves_here = [(s, prog) for s, prog, day in moves if p.contains(day)]
        values = {
            "made": len(made_here),
            "self": sum(1 for by in made_here if by == ReferredBy.SELF),
            "accepted": sum(1 for s, _prog in moves_here if s == PartnerStatus.ACCEPTED),
            "started": sum(1 for s, _prog in moves_here if s == PartnerStatus.STARTED),
            "programme_started": sum(
                1 for s, prog in moves_here if s == PartnerStatus.STARTED and prog is not None
            ),
        }
        for key, value in values.items():
            book.put((p.slug, "partner", key), value)


def count_challenges(book, offer, shown, start, end):
    day_of = day_reader()
    rows = list(
        Challenge.objects.filter(
            raised_at__range=(aware_at(start), aware_at(end, True))
        ).values_list(
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
            if not p.contains(day_of(raised)):
                continue
            tally = tallies[p]
            tally[(key, "raised")] += 1
            if responded is not None and day_of(responded) <= due:
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


def challenges_view(count, rows, period, previous):
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


def count_claims(book, shown, start, end):
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


def claims_view(count, amounts, period, previous):
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
