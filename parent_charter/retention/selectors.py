"""Reads of the retention schedule and of what is due for disposal.

`due_for_disposal` costs one query per kind of record plus a fixed few, however many parents
the council has. `retention_for(parent)` is what the subject-access export states.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parent_charter.parents.models import Parent

from .kinds import KINDS, RecordKind, ordered_kinds
from .models import DisposalRequest, DisposalStatus, RetentionRule, SupportEnd


@dataclass(frozen=True)
class Rule:
    kind: RecordKind
    keep_for_months: int
    reason: str
    version: int  # 0 while the council uses the suggested default
    is_default: bool

    @property
    def period(self) -> str:
        return period_words(self.keep_for_months)


def period_words(months: int) -> str:
    if months == 0:
        return _("Until disposal is approved, once support ends")
    if months % 12 == 0:
        years = months // 12
        return ngettext(
            "%(count)d year after support ends", "%(count)d years after support ends", years
        ) % {"count": years}
    return ngettext(
        "%(count)d month after support ends", "%(count)d months after support ends", months
    ) % {"count": months}


def schedule_for(council) -> list[Rule]:
    """The council's schedule: its own rules, and the suggested default for any kind it has not
    set. Reads one query."""
    stored = {rule.kind: rule for rule in RetentionRule.objects.filter(council=council)}
    rules = []
    for kind in ordered_kinds():
        row = stored.get(kind.key)
        if row is None:
            rules.append(Rule(kind, kind.default_months, str(kind.default_reason), 0, True))
        else:
            rules.append(Rule(kind, row.keep_for_months, row.reason, row.version, False))
    return rules


def rule_for(council, key: str) -> Rule:
    return next(rule for rule in schedule_for(council) if rule.kind.key == key)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    # 29 February plus whole years, or the 31st plus months, lands on the month's last day.
    for last_day in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class DueItem:
    parent: Parent
    rule: Rule
    support_ended_on: datetime.date
    due_on: datetime.date
    record_count: int
    proposal: DisposalRequest | None


def due_for_disposal(council, *, today: datetime.date | None = None) -> list[DueItem]:
    """Each kind of record of each parent whose retention period has run out, with any
    proposal waiting for approval. The parent's own record comes last for each parent."""
    today = today or timezone.localdate()
    ends = list(
        SupportEnd.objects.filter(council=council, ended_on__lte=today)
        .select_related("parent")
        .order_by("ended_on", "pk")
    )
    if not ends:
        return []
    rules = schedule_for(council)
    open_proposals = {
        (proposal.parent_id, proposal.kind): proposal
        for proposal in DisposalRequest.objects.filter(
            council=council, status=DisposalStatus.PROPOSED
        ).select_related("proposed_by")
    }
    # A subquery, not a list: a council may have thousands of parents whose support ended.
    parent_ids = SupportEnd.objects.filter(council=council, ended_on__lte=today).values("parent_id")
    counts: dict[str, dict[int, int]] = {}
    for rule in rules:
        if not any(add_months(end.ended_on, rule.keep_for_months) <= today for end in ends):
            counts[rule.kind.key] = {}
            continue
        counts[rule.kind.key] = rule.kind.counts_for(parent_ids)
    items = []
    for end in ends:
        for rule in rules:
            due_on = add_months(end.ended_on, rule.keep_for_months)
            held = counts[rule.kind.key].get(end.parent_id, 0)
            if due_on <= today and held:
                items.append(
                    DueItem(
                        parent=end.parent,
                        rule=rule,
                        support_ended_on=end.ended_on,
                        due_on=due_on,
                        record_count=held,
                        proposal=open_proposals.get((end.parent_id, rule.kind.key)),
                    )
                )
    return items


def retention_for(parent) -> list[dict]:
    """For the parent's subject-access export: for each kind of record, how long the council
    keeps it after support ends, why, and (once support has ended) until when."""
    rules = schedule_for(parent.council)
    end = SupportEnd.objects.filter(parent=parent).first()
    return [
        {
            "kind": str(rule.kind.label),
            "covers": str(rule.kind.covers),
            "period": rule.period,
            "reason": rule.reason,
            "kept_until": add_months(end.ended_on, rule.keep_for_months) if end else None,
        }
        for rule in rules
    ]


def disposal_register(council, *, limit: int = 50) -> list[DisposalRequest]:
    return list(
        DisposalRequest.objects.filter(council=council)
        .exclude(status=DisposalStatus.PROPOSED)
        .select_related("proposed_by", "decided_by")
        .order_by("-decided_at")[:limit]
    )


def kind(key: str) -> RecordKind:
    return KINDS[key]


def public_schedule(council) -> list[Rule]:
    """The council's schedule for its public privacy notice. The schedule holds no personal
    data; the scope names this one council, so nothing of another council is read."""
    from django_scopes import scope

    with scope(council=council.pk):
        return schedule_for(council)
