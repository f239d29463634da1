"""The council figures page's numbers as one flat list, for reporting tools.

Built from `figures.selectors.council_figures`, the very figures the page shows: every count
has already been through the page's disclosure control, so a small number is "fewer" (with no
value) here exactly where the page says "fewer than 5", and a hidden one is hidden here too.
Money is given only where the page shows it.
"""

from django.utils.translation import gettext as _

from parent_charter.figures.sections.promises import PROMISE_COLUMNS
from parent_charter.figures.sections.support import CHALLENGE_MEASURES


def period_data(period) -> dict:
    return {"id": period.slug, "label": period.label, "start": period.start, "end": period.end}


def _figure(section, measure, period, count, *, breakdown=None, amount=None) -> dict:
    return {
        "section": section,
        "measure": str(measure),
        "breakdown": str(breakdown) if breakdown is not None else None,
        "period": period.slug,
        "state": count.state,
        "value": count.value if count.shown else None,
        "amount": None if amount is None or not count.shown else f"{amount:.2f}",
    }


def flatten(figures: dict) -> list[dict]:
    pair = figures["pair"]
    period = figures["period"]
    out = []

    def pairs(section, rows, breakdown=None):
        for label, counts in rows:
            for p, count in zip(pair, counts, strict=True):
                out.append(_figure(section, label, p, count, breakdown=breakdown))

    parents = figures["parents"]
    for group in ("headline", "roles", "ages", "stages"):
        pairs(f"parents.{group}", [(label, counts) for _key, label, counts in parents[group]])

    promises = figures["promises"]
    columns = [("applies", _("Applies")), ("overdue", _("Overdue")), *PROMISE_COLUMNS]
    for row in promises["rows"]:
        for key, label in columns:
            out.append(
                _figure("promises", row["title"], period, row["cells"][key], breakdown=label)
            )
        out.append(
            _figure(
                "promises", row["title"], pair[1], row["applies_before"], breakdown=_("Applies")
            )
        )
    out.append(_figure("promises", _("All promises"), period, promises["applies"]))
    out.append(_figure("promises", _("With the parent's own view"), period, promises["with_view"]))

    pairs("reviews", figures["reviews"]["rows"])

    services = figures["childrens_services"]
    kind_labels = [label for _kind, label in services["kinds"]] + [_("All")]
    for label, per_period in services["rows"]:
        for p, cells in zip(pair, per_period, strict=True):
            for kind_label, (count, _drill) in zip(kind_labels, cells, strict=True):
                out.append(_figure("childrens_services", label, p, count, breakdown=kind_label))

    separation = figures["separation"]
    pairs("separation", separation["rows"])
    pairs(
        "separation",
        [
            (_("Children of parents supported"), separation["children"]),
            (_("Separated from both birth parents"), separation["separated"]),
        ],
    )

    pairs("partner_referrals", figures["partner_referrals"])

    challenges = figures["challenges"]
    for label, counts in challenges["rows"]:
        for (_key, measure), count in zip(CHALLENGE_MEASURES, counts, strict=True):
            out.append(_figure("challenges", label, period, count, breakdown=measure))
    for p, counts in zip(pair, challenges["totals"], strict=True):
        for (_key, measure), count in zip(CHALLENGE_MEASURES, counts, strict=True):
            out.append(_figure("challenges", _("All"), p, count, breakdown=measure))

    for label, cells in figures["claims"]:
        for p, (count, amount) in zip(pair, cells, strict=True):
            out.append(_figure("claims_paid", label, p, count, amount=amount))

    for label, counts in figures["trend"]:
        for quarter, count in zip(figures["quarters"], counts, strict=True):
            out.append(_figure("trend", label, quarter, count))
    return out
