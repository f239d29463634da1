"""Parents supported: by role, age band and charter stage, and when support started and ended."""

import datetime
from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Stage
from parent_charter.parents import eligibility
from parent_charter.parents.models import Parent, ParentRole, StageChange

from ..periods import Period
from .common import age_on, local_day

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


def read_parents(offer) -> list[dict]:
    """Each parent's first and last day of support (the age limit of the council's offer)."""
    age = offer.eligibility_age if offer else 25
    boundary = offer.eligibility_boundary if offer else eligibility.BEFORE_BIRTHDAY
    rows = []
    for row in Parent.objects.annotate(first=local_day("created_at")).values(
        "pk", "date_of_birth", "parent_role", "first"
    ):
        ends_on = eligibility.support_ends_on(row["date_of_birth"], age=age, boundary=boundary)
        row["last"] = ends_on - datetime.timedelta(days=1)
        rows.append(row)
    return rows


def supported_in(parent, period: Period) -> bool:
    return parent["first"] <= period.end and parent["last"] >= period.start


def figure_sets(parents, stage_spans, period: Period) -> dict[str, set]:
    """The parents behind each parents figure of a period, by figure key."""
    sets: dict[str, set] = defaultdict(set)
    start, end = period.start, period.end
    bands = [(sets[f"age:{key}"], low, high) for key, _label, low, high in AGE_BANDS]
    supported, started, ended = sets["supported"], sets["started"], sets["ended"]
    for parent in parents:
        if not supported_in(parent, period):
            continue
        first, last = parent["first"], parent["last"]
        pk = parent["pk"]
        supported.add(pk)
        if period.contains(first):
            started.add(pk)
        if period.contains(last):
            ended.add(pk)
        sets[f"role:{parent['parent_role']}"].add(pk)
        age = age_on(parent["date_of_birth"], min(end, last))
        for members, low, high in bands:
            if low <= age <= high:
                members.add(pk)
        for stage, spans in stage_spans.get(pk, {}).items():
            for begin, until in spans:
                if begin <= end and (until is None or until >= start):
                    sets[f"stage:{stage}"].add(pk)
                    break
    return sets


def read_stage_spans() -> dict:
    """{parent: {stage: [(from, until or None)]}} from the history of stage changes."""
    spans: dict = defaultdict(lambda: defaultdict(list))
    rows = (
        StageChange.objects.annotate(day=local_day("at"))
        .values_list("parent_id", "stage", "entered", "day")
        .order_by("at", "pk")
    )
    for parent_id, stage, entered, day in rows:
        runs = spans[parent_id][stage]
        if entered:
            if not runs or runs[-1][1] is not None:
                runs.append((day, None))
        elif runs and runs[-1][1] is None:
            runs[-1] = (runs[-1][0], day)
    return spans


def parents_view(count, period, previous):
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
