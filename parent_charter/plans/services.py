"""Keeping a parent's stages and support plan in step with the facts.

`refresh_parent` is called by every service that changes a fact stages depend on (a child
added or born, where a child lives, a legal position, a concern opened or closed) and by the
daily refresh for time-based milestones. It records stage changes, adds an item for each
promise or milestone that now applies, closes (never deletes) items that no longer apply, and
reopens items that apply again, all in one transaction with its audit events.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.charter.models import AppliesTo, Commitment, Stage
from parent_charter.children.models import LivesWith
from parent_charter.children.selectors import children_with_circumstances
from parent_charter.offers.models import LocalCommitment, LocalOffer
from parent_charter.parents.models import ParentStage, StageChange
from parent_charter.parents.stages import ChildFacts, derive_stages, has_open_concern

from . import milestones
from .models import ItemSource, ItemStatus, PlanItem, PlanItemStatus, SupportPlan

STAGE_ORDER = {stage.value: index for index, stage in enumerate(Stage)}


@dataclass
class RefreshResult:
    stages: dict[str, str]
    entered: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    added: int = 0
    closed: int = 0
    reopened: int = 0


def child_facts(link, circumstance) -> ChildFacts:
    child = link.child
    if circumstance is None:
        lives_with = LivesWith.NOT_YET_BORN if child.is_expected else LivesWith.ONE_PARENT
        with_this_parent = True  # nothing recorded yet: assume the child is at home
        legal_status = "none"
    else:
        lives_with = circumstance.lives_with
        legal_status = circumstance.legal_status
        with_this_parent = lives_with in (LivesWith.NOT_YET_BORN, LivesWith.BOTH_PARENTS) or (
            lives_with == LivesWith.ONE_PARENT and circumstance.lives_with_parent_id == link.pk
        )
    return ChildFacts(
        is_born=child.is_born,
        lives_with_this_parent=with_this_parent,
        lives_with=lives_with,
        legal_status=legal_status,
    )


def ensure_plan(parent) -> SupportPlan:
    plan, _created = SupportPlan.objects.get_or_create(
        parent=parent, defaults={"council": parent.council}
    )
    return plan


def refresh_parent(*, parent, actor, reason: str = "", today: datetime.date | None = None):
    """`reason` says, in the system's words, what prompted the refresh; it is kept as the
    reason of the audit events the refresh writes."""
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        children = children_with_circumstances(parent)
        stages = derive_stages(
            [child_facts(link, row) for link, row in children],
            open_concern=has_open_concern(parent),
        )
        result = RefreshResult(stages=stages)
        _record_stage_changes(parent, stages, actor, reason, now, result)
        plan = ensure_plan(parent)
        wanted = _applicable_items(parent, plan, stages, children, today)
        _apply_items(plan, wanted, stages, actor, now, result)
        if result.added or result.closed or result.reopened:
            plan.regenerated_at = now
            plan.save(update_fields=["regenerated_at"])
            audit.record(
                actor=actor,
                council=parent.council,
                action="plan.regenerated",
                obj=parent,
                reason=reason,
                detail={
                    "added": result.added,
                    "closed": result.closed,
                    "reopened": result.reopened,
                },
            )
    return result


def _stage_change(parent, stage, *, entered: bool, at, reason: str, actor) -> None:
    """The parent's history row for entering or leaving a stage (`by` only a person)."""
    StageChange.objects.create(
        council=parent.council,
        parent=parent,
        stage=stage,
        entered=entered,
        at=at,
        reason=reason,
        by=actor if _is_user(actor) else None,
    )


def _record_stage_changes(parent, stages, actor, reason, now, result) -> None:
    current = {row.stage: row for row in ParentStage.objects.filter(parent=parent)}
    for stage, why in stages.items():
        if stage not in current:
            ParentStage.objects.create(
                council=parent.council, parent=parent, stage=stage, since=now
            )
            _stage_change(parent, stage, entered=True, at=now, reason=why, actor=actor)
            result.entered.append(stage)
    for stage, row in current.items():
        if stage not in stages:
            row.delete()
            _stage_change(parent, stage, entered=False, at=now, reason="left", actor=actor)
            result.left.append(stage)
    if result.entered or result.left:
        audit.record(
            actor=actor,
            council=parent.council,
            action="parent.stages.changed",
            obj=parent,
            reason=reason,
            detail={"entered": result.entered, "left": result.left},
        )


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


@dataclass(frozen=True)
class WantedItem:
    key: tuple
    source: str
    stage: str
    order: int
    commitment: Commitment | None = None
    local_commitment: LocalCommitment | None = None
    milestone_key: str = ""
    child: object = None
    due_date: datetime.date | None = None

    @property
    def covers(self) -> str:
        """The milestone this promise covers, if any."""
        promise = self.commitment or self.local_commitment
        return promise.milestone if promise is not None else ""


def _applicable_items(parent, plan, stages, children, today) -> dict[tuple, WantedItem]:
    wanted: dict[tuple, WantedItem] = {}
    offer = LocalOffer.objects.filter(council=parent.council).first()
    for_whom = AppliesTo.for_parent_role(parent.parent_role)
    # Promises only for while a baby is on the way close once every child is born.
    expecting = any(link.child.is_expected for link, _row in children)
    if offer is not None:
        # The charter's promises, then the council's own (ordered after the charter's).
        for prefix, source, promises, after, field in (
            (
                "charter",
                ItemSource.CHARTER,
                Commitment.objects.filter(charter_version=offer.charter_version_id),
                0,
                "commitment",
            ),
            (
                "local",
                ItemSource.LOCAL,
                LocalCommitment.objects.filter(offer=offer, retired=False),
                500,
                "local_commitment",
            ),
        ):
            for promise in promises.filter(
                stage__in=stages, applies_to__in=for_whom, council_wide=False
            ):
                if promise.ends_at_birth and not expecting:
                    continue
                key = (prefix, promise.pk)
                wanted[key] = WantedItem(
                    key,
                    source,
                    promise.stage,
                    STAGE_ORDER[promise.stage] * 1000 + after + promise.order,
                    **{field: promise},
                )
    # A promise that covers a milestone (the first scan, Healthy Start) is the plan's one item
    # for it: the milestone is not added beside it, and the promise takes its due date.
    covering = {spec.covers: key for key, spec in wanted.items() if spec.covers}
    existing_milestones = set(
        plan.items.exclude(milestone_key="").values_list("milestone_key", "child_id")
    )
    for link, _row in children:
        child = link.child
        for milestone in milestones.MILESTONES:
            due = milestone.due(child)
            if due is None:
                continue
            already = (milestone.key, child.pk) in existing_milestones
            in_window = today - milestones.LOOK_BACK <= due <= today + milestones.LOOK_AHEAD
            if milestone.key in covering:
                promise = wanted[covering[milestone.key]]
                if in_window and (promise.due_date is None or due < promise.due_date):
                    wanted[covering[milestone.key]] = dataclasses.replace(promise, due_date=due)
                continue
            if already or in_window:
                key = ("milestone", milestone.key, child.pk)
                wanted[key] = WantedItem(
                    key,
                    ItemSource.MILESTONE,
                    Stage.EXPECTING_OR_PARENTING,
                    STAGE_ORDER[Stage.EXPECTING_OR_PARENTING] * 1000 + 900,
                    milestone_key=milestone.key,
                    child=child,
                    due_date=due,
                )
    return wanted


def _item_key(item: PlanItem) -> tuple:
    if item.source == ItemSource.SUPPORT:
        return ("support", item.pk)
    if item.commitment_id:
        return ("charter", item.commitment_id)
    if item.local_commitment_id:
        return ("local", item.local_commitment_id)
    return ("milestone", item.milestone_key, item.child_id)


def _apply_items(plan, wanted, stages, actor, now, result) -> None:
    by = actor if _is_user(actor) else None

    def history(item, status, note) -> PlanItemStatus:
        """The row of the item's history that says what the refresh did to it."""
        return PlanItemStatus(
            council=plan.council, item=item, status=status, at=now, by=by, note=note
        )

    # Support items were agreed by a worker, not derived from the facts: the refresh neither
    # wants them nor closes them (services_items.add_support_item adds them).
    existing = {_item_key(item): item for item in plan.items.exclude(source=ItemSource.SUPPORT)}
    new_items = []
    for key, spec in wanted.items():
        item = existing.get(key)
        if item is None:
            new_items.append(
                PlanItem(
                    council=plan.council,
                    plan=plan,
                    source=spec.source,
                    stage=spec.stage,
                    order=spec.order,
                    commitment=spec.commitment,
                    local_commitment=spec.local_commitment,
                    milestone_key=spec.milestone_key,
                    child=spec.child,
                    due_date=spec.due_date,
                    owner=plan.parent.personal_adviser,
                )
            )
        elif item.closed_at is not None:
            _bump(item, closed_at=None, closed_reason="")
            history(item, item.status, "system:reopened").save()
            result.reopened += 1
        elif spec.due_date and item.due_date != spec.due_date and not item.is_finished:
            # A milestone's date follows the facts (for example the baby came early).
            _bump(item, due_date=spec.due_date)
    if new_items:
        PlanItem.objects.bulk_create(new_items)
        PlanItemStatus.objects.bulk_create(
            history(item, ItemStatus.TO_DISCUSS, "system:added") for item in new_items
        )
        result.added += len(new_items)
    for key, item in existing.items():
        if key not in wanted and item.closed_at is None:
            reason = _closing_reason(item, stages, wanted)
            _bump(item, closed_at=now, closed_reason=reason)
            history(item, item.status, "system:closed:" + reason.removeprefix("system:")).save()
            result.closed += 1


def _bump(item: PlanItem, **fields) -> None:
    """Change an item as the system, moving its version on so that a form a worker opened
    before the change is told of it instead of silently putting the old values back."""
    PlanItem.objects.filter(pk=item.pk).update(version=F("version") + 1, **fields)
    for name, value in fields.items():
        setattr(item, name, value)
    item.version += 1


def _closing_reason(item: PlanItem, stages, wanted) -> str:
    """A code put into words when shown (plans.models.describe_system_text)."""
    if item.source == ItemSource.MILESTONE:
        covered = any(spec.covers == item.milestone_key for spec in wanted.values())
        return "system:covered" if covered else "system:milestone"
    promise = item.commitment or item.local_commitment
    if promise is not None and promise.council_wide:
        return "system:council_wide"
    if item.stage not in stages:
        return f"system:stage:{item.stage}"
    if promise is not None and promise.applies_to not in AppliesTo.for_parent_role(
        item.plan.parent.parent_role
    ):
        return f"system:for:{promise.applies_to}"
    if promise is not None and promise.ends_at_birth:
        return "system:born"
    return "system:offer"
