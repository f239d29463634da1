"""Whether someone may qualify for an entitlement, and why, in words. Pure: no queries.

A rule applies if the person lives in one of its nations and meets every condition of any one
of its ways to qualify. The words say what was matched ("You are 17, and it is for people
aged 17 or under"), what the guide cannot check ("You need to get one of these: …"), or, when
nothing matched, what stood in the way, taken from the way that came closest.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.authorities.models import Nation

from .models import Benefit, CareStatus, Situation

PERIOD_WORDS = {
    "one_off": gettext_lazy("%(amount)s, paid once"),
    "per_week": gettext_lazy("%(amount)s a week"),
    "per_month": gettext_lazy("%(amount)s a month"),
    "per_year": gettext_lazy("%(amount)s a year"),
    "per_academic_year": gettext_lazy("%(amount)s a school or college year"),
    "total": gettext_lazy("%(amount)s in total"),
    "none": "%(amount)s",
}


@dataclass(frozen=True)
class Facts:
    """What the guide knows about someone. `benefits` None: not known (not asked)."""

    nation: str
    age: int
    pregnant: bool = False
    partner_pregnant: bool = False
    child_ages: tuple[int, ...] = ()
    benefits: frozenset | None = frozenset()
    care_status: str = CareStatus.NEITHER
    parent_kind: str | None = None  # "mother", "father", or None if not said

    @property
    def expecting(self) -> bool:
        return self.pregnant or self.partner_pregnant


@dataclass(frozen=True)
class _Check:
    ok: bool
    text: str
    unknown: bool = False  # the guide cannot tell: said as something also needed


@dataclass(frozen=True)
class Outcome:
    applies: bool
    why: list  # what matched (applies) or what stood in the way (does not apply)
    also_needed: list = field(default_factory=list)


def assess(*, nations, ways, facts: Facts, also_needed: str = "") -> Outcome:
    if facts.nation not in nations:
        return Outcome(False, [_only_in(nations)])
    checked = [(way, _checks(way, facts)) for way in ways]
    for way, checks in checked:
        if all(check.ok for check in checks):
            why = [c.text for c in checks if not c.unknown and c.text]
            if getattr(way, "note", ""):
                why.append(way.note)
            needed = [c.text for c in checks if c.unknown]
            if also_needed:
                needed.append(also_needed)
            return Outcome(True, why or [_("Anyone living there can ask for it.")], needed)
    closest = min(checked, key=lambda item: sum(not c.ok for c in item[1]))[1]
    return Outcome(False, [c.text for c in closest if not c.ok])


def _checks(way, facts: Facts) -> list[_Check]:
    return [
        *_age(way, facts),
        *_situation(way, facts),
        *_first_child(way, facts),
        *_benefits(way, facts),
        *_care(way, facts),
        *_parent(way, facts),
    ]


def _only_in(nations) -> str:
    names = [str(Nation(n).label) for n in Nation.values if n in nations]
    if len(names) == 1:
        places = names[0]
    else:
        places = _("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}
    return _("It is only available in %(places)s.") % {"places": places}


def _age(way, facts: Facts) -> list[_Check]:
    low, high = way.min_age, way.max_age
    if low is None and high is None:
        return []
    if low is not None and high is not None:
        ages = _("aged %(min)s to %(max)s") % {"min": low, "max": high}
    elif low is not None:
        ages = _("aged %(min)s or over") % {"min": low}
    else:
        ages = _("aged %(max)s or under") % {"max": high}
    words = {"age": facts.age, "range": ages}
    if (low is None or facts.age >= low) and (high is None or facts.age <= high):
        return [_Check(True, _("You are %(age)s, and it is for people %(range)s.") % words)]
    return [_Check(False, _("It is for people %(range)s, and you are %(age)s.") % words)]


def _child_range(way) -> str:
    low, high = way.child_min_age, way.child_max_age
    if high is None:
        return _("of any age") if not low else _("aged %(min)s or over") % {"min": low}
    if low is not None and low == high:
        return _("aged %(age)s") % {"age": low}
    if low:
        return _("aged %(min)s to %(max)s") % {"min": low, "max": high}
    return _("under %(limit)s") % {"limit": high + 1}


def _child_in_range(way, facts: Facts) -> int | None:
    low, high = way.child_min_age or 0, way.child_max_age
    for age in sorted(facts.child_ages):
        if age >= low and (high is None or age <= high):
            return age
    return None


def _expecting_words(facts: Facts) -> str:
    if facts.pregnant and facts.partner_pregnant:
        return _("You or your partner are expecting a baby.")
    if facts.pregnant:
        return _("You are pregnant.")
    return _("Your partner is expecting a baby.")


def _situation(way, facts: Facts) -> list[_Check]:
    situation = way.situation
    if situation == Situation.ANY:
        return []
    if situation == Situation.PREGNANT:
        if facts.pregnant:
            return [_Check(True, _expecting_words(facts))]
        return [_Check(False, _("It is for people who are pregnant."))]
    if situation == Situation.PARTNER_PREGNANT:
        if facts.partner_pregnant:
            return [_Check(True, _expecting_words(facts))]
        return [_Check(False, _("It is for people whose partner is expecting a baby."))]
    if situation == Situation.EXPECTING:
        if facts.expecting:
            return [_Check(True, _expecting_words(facts))]
        return [_Check(False, _("It is for people who are expecting a baby, or whose partner is."))]
    if situation == Situation.PREGNANT_OR_CHILD and facts.pregnant:
        return [_Check(True, _expecting_words(facts))]
    if situation == Situation.EXPECTING_OR_CHILD and facts.expecting:
        return [_Check(True, _expecting_words(facts))]
    child = _child_in_range(way, facts)
    if child is not None:
        if child == 0:
            return [_Check(True, _("You have a baby under 1."))]
        return [_Check(True, _("You have a child aged %(age)s.") % {"age": child})]
    if facts.expecting and not way.child_min_age:
        return [_Check(False, _("You may be able to get it once your baby is born."))]
    words = {"range": _child_range(way)}
    if situation == Situation.PREGNANT_OR_CHILD:
        text = _("It is for people who are pregnant, or parents of a child %(range)s.")
    elif situation == Situation.EXPECTING_OR_CHILD:
        text = _(
            "It is for people expecting a baby (or whose partner is), or parents of a child "
            "%(range)s."
        )
    else:
        text = _("It is for parents of a child %(range)s.")
    return [_Check(False, text % words)]


def _first_child(way, facts: Facts) -> list[_Check]:
    if not way.first_child_only:
        return []
    others = [age for age in facts.child_ages if age < 16]
    # A baby already born counts as the first child; while expecting, there must be none.
    first = not others if facts.expecting else len(others) <= 1
    if first:
        return [_Check(True, _("It is for a first child, and you have no other child under 16."))]
    return [
        _Check(
            False, _("It is usually only for a first child, and you have another child under 16.")
        )
    ]


def _benefits(way, facts: Facts) -> list[_Check]:
    if not way.benefits:
        return []
    listed = ", ".join(str(Benefit(b).label) for b in way.benefits)
    if facts.benefits is None:
        return [
            _Check(
                True,
                _("You need to get one of these: %(benefits)s.") % {"benefits": listed},
                unknown=True,
            )
        ]
    got = [b for b in way.benefits if b in facts.benefits]
    if got:
        return [_Check(True, _("You get %(benefit)s.") % {"benefit": Benefit(got[0]).label})]
    return [
        _Check(False, _("You would need to get one of these: %(benefits)s.") % {"benefits": listed})
    ]


_CARE_MATCHED = {
    CareStatus.IN_CARE: gettext_lazy("You are in care."),
    CareStatus.CARE_LEAVER: gettext_lazy("You have left care."),
    CareStatus.NEITHER: gettext_lazy("You have not been in care."),
}


def _care(way, facts: Facts) -> list[_Check]:
    allowed = set(way.care_statuses or ())
    if not allowed:
        return []
    if facts.care_status in allowed:
        return [_Check(True, str(_CARE_MATCHED[facts.care_status]))]
    if allowed == {CareStatus.IN_CARE, CareStatus.CARE_LEAVER}:
        text = _("It is for young people in care or who have left care.")
    elif allowed == {CareStatus.CARE_LEAVER}:
        text = _("It is for young people who have left care.")
    elif allowed == {CareStatus.IN_CARE}:
        text = _("It is for young people in care.")
    else:
        text = _("This way to qualify is not open to young people in care or who have left care.")
    return [_Check(False, text)]


def _parent(way, facts: Facts) -> list[_Check]:
    kind = way.parent_kind
    if not kind or facts.parent_kind is None or facts.parent_kind == kind:
        return []
    return [_Check(False, _("It is for mothers.") if kind == "mother" else _("It is for fathers."))]


# --- Amounts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AmountLine:
    text: str  # "£4.25 a week"
    applies_to: str  # "for each baby under 1"
    from_date: datetime.date | None
    upcoming: bool  # takes effect later: "From 6 April 2027"
    needs_checking: bool

    @property
    def from_words(self) -> str:
        if self.from_date is None:
            return ""
        return date_format(self.from_date, "j F Y")


def amount_in_words(value: Decimal | None, unit: str, period: str) -> str:
    if value is None:
        return _("No set amount")
    if unit == "gbp":
        number = f"{value:,.2f}".removesuffix(".00")
        quantity = f"£{number}"
    elif unit == "percent":
        quantity = f"{value.normalize():f}%"
    else:
        quantity = _("%(number)s hours") % {"number": f"{value.normalize():f}"}
    return str(PERIOD_WORDS[period]) % {"amount": quantity}


def amount_lines(amounts, today: datetime.date) -> list[AmountLine]:
    """The amount in force today for each thing it is paid for, and the next one announced."""
    series: dict[str, list] = {}
    for amount in amounts:
        series.setdefault(amount.applies_to_en, []).append(amount)
    lines = []
    for rows in series.values():
        in_force = [a for a in rows if a.from_date is None or a.from_date <= today]
        later = sorted((a for a in rows if a.from_date and a.from_date > today), key=_from)
        chosen = [max(in_force, key=_from)] if in_force else []
        chosen += later[:1]
        for amount in chosen:
            lines.append(
                AmountLine(
                    text=amount_in_words(amount.value, amount.unit, amount.period),
                    applies_to=amount.applies_to,
                    from_date=amount.from_date,
                    upcoming=bool(amount.from_date and amount.from_date > today),
                    needs_checking=amount.needs_checking,
                )
            )
    return lines


def _from(amount) -> datetime.date:
    return amount.from_date or datetime.date.min
