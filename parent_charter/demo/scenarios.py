"""The demo's stories and the helpers that seed them, shared by `manage.py seed_demo` and by
each area's own stories (demo.stories).

Idempotent: running them again brings the demo up to date and duplicates nothing. The demo
parents' children are recorded with the models directly (they are facts, not a worker's
action); their stages and plans then come from `plans.services.refresh_parent`, exactly as
in live use, and a few plan items are moved on so the plans show work in progress.

Only demo code imports this module; product code never imports the demo app.
"""

import datetime
import random
import uuid
from dataclasses import dataclass
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from parent_charter.authorities.models import Council
from parent_charter.children.models import (
    Child,
    ChildCircumstance,
    ChildParent,
    LegalStatus,
    LivesWith,
)
from parent_charter.demo.recorded import REASON, demo_id, record_demo
from parent_charter.demo.synthetic import parent_rows
from parent_charter.parents.models import Parent, ParentRole
from parent_charter.plans.models import (
    ItemStatus,
    Participation,
    PlanItem,
    PlanItemStatus,
    PlanReview,
)
from parent_charter.plans.services import refresh_parent

STORIES = "parent_charter.demo.stories"
DEMO_PARENTS_PER_COUNCIL = 14
DEMO_SEED = 2026

MOTHER, FATHER = ParentRole.MOTHER, ParentRole.FATHER
OFFERED, ACCEPTED, IN_PROGRESS, DELIVERED = (
    ItemStatus.OFFERED,
    ItemStatus.ACCEPTED,
    ItemStatus.IN_PROGRESS,
    ItemStatus.DELIVERED,
)


@dataclass(frozen=True)
class DemoChild:
    key: str
    name: str = ""
    due_in_days: int | None = None  # expected
    age_days: int | None = None  # born
    lives_with: str = LivesWith.ONE_PARENT
    with_parent: str = "first"  # for one_parent: "first" scenario parent, or "other" (named)
    legal_status: str = LegalStatus.NONE
    other_parent: str = ""  # a parent we do not support, recorded by name
    other_parent_council: str = ""


@dataclass(frozen=True)
class Progress:
    """Moving one plan item on: a commitment key or "milestone:<key>", and its steps."""

    item: str
    steps: tuple[str, ...]
    evidence: str = ""
    parent_view: str = ""


@dataclass(frozen=True)
class Scenario:
    key: str
    roles: tuple[str, ...]  # one parent, or two for a couple both supported by the council
    children: tuple[DemoChild, ...]
    progress: tuple[tuple[Progress, ...], ...] = ()  # per parent, in the order of roles
    review: bool = False


SCENARIOS = (
    Scenario(
        "expecting-mother",
        (MOTHER,),
        (
            DemoChild(
                "baby",
                due_in_days=150,
                lives_with=LivesWith.NOT_YET_BORN,
                other_parent="Jordan Price",
            ),
        ),
        (
            (
                Progress(
                    "milestone:healthy-start",
                    (OFFERED, ACCEPTED, DELIVERED),
                    evidence="Healthy Start card seen at the home visit",
                    parent_view="The card helps a lot with the food shop.",
                ),
                Progress(
                    "milestone:first-scan",
                    (OFFERED, ACCEPTED, DELIVERED),
                    evidence="Scan appointment letter seen; went with her adviser",
                ),
                Progress("expecting.health-in-pregnancy", (OFFERED, ACCEPTED)),
            ),
        ),
    ),
    Scenario(
        "expecting-father",
        (FATHER,),
        (
            DemoChild(
                "baby",
                due_in_days=80,
                lives_with=LivesWith.NOT_YET_BORN,
                other_parent="Chloe Bennett",
                other_parent_council="Stonebury Council",
            ),
        ),
        (
            (
                Progress(
                    "expecting.fathers-included",
                    (OFFERED, ACCEPTED),
                    parent_view="I want to be there for the scans and the birth.",
                ),
            ),
        ),
    ),
    Scenario(
        "new-baby",
        (MOTHER,),
        (DemoChild("baby", name="Isla", age_days=42, other_parent="Kai Morris"),),
        (
            (
                Progress(
                    "milestone:register-birth",
                    (OFFERED, ACCEPTED, DELIVERED),
                    evidence="Birth certificate seen at the home visit",
                    parent_view="My adviser came with me to the register office.",
                ),
                Progress(
                    "milestone:health-visitor",
                    (OFFERED, DELIVERED),
                    evidence="Health visitor's first visit noted in the red book",
                ),
                Progress("milestone:gp-registration", (OFFERED, ACCEPTED)),
            ),
        ),
        review=True,
    ),
    Scenario(
        "father-living-apart",
        (FATHER,),
        (
            DemoChild(
                "child",
                name="Leo",
                age_days=2 * 365 + 40,
                with_parent="other",
                other_parent="Amira Khan",
            ),
        ),
        (
            (
                Progress(
                    "living-apart.relationship-with-your-child",
                    (OFFERED, ACCEPTED, IN_PROGRESS),
                    parent_view="I see Leo every other Saturday and want more time with him.",
                ),
                Progress(
                    "living-apart.costs-of-contact",
                    (OFFERED, ACCEPTED, DELIVERED),
                    evidence="Bus fares for contact visits paid each month",
                ),
            ),
        ),
    ),
    Scenario(
        "child-in-foster-care",
        (MOTHER,),
        (
            DemoChild(
                "child",
                name="Freya",
                age_days=420,
                lives_with=LivesWith.FOSTER_CARE,
                legal_status=LegalStatus.LOOKED_AFTER,
                other_parent="Tyler Ward",
            ),
        ),
        (
            (
                Progress(
                    "child-removed.proceedings-and-meetings",
                    (OFFERED, ACCEPTED, DELIVERED),
                    evidence="Adviser went with her to the looked-after child review",
                    parent_view="It helped not to walk in there on my own.",
                ),
                Progress("child-removed.keeping-in-touch", (OFFERED,)),
            ),
        ),
        review=True,
    ),
    Scenario(
        "child-adopted",
        (MOTHER,),
        (
            DemoChild(
                "child",
                name="Poppy",
                age_days=3 * 365 + 120,
                lives_with=LivesWith.ADOPTED,
                legal_status=LegalStatus.ADOPTED,
            ),
        ),
        (
            (
                Progress(
                    "child-removed.grief-and-loss",
                    (OFFERED, ACCEPTED, IN_PROGRESS),
                    parent_view="Talking to someone who has been through it helps.",
                ),
                Progress("child-removed.planning-your-future", (OFFERED,)),
            ),
        ),
    ),
    Scenario(
        "couple",
        (MOTHER, FATHER),
        (DemoChild("baby", name="Noah", age_days=70, lives_with=LivesWith.BOTH_PARENTS),),
        (
            (
                Progress(
                    "milestone:register-birth",
                    (OFFERED, DELIVERED),
                    evidence="Birth certificate seen at the home visit",
                ),
                Progress(
                    "milestone:gp-registration",
                    (OFFERED, DELIVERED),
                    evidence="Registration confirmed by the surgery",
                ),
            ),
            (Progress("expecting.fathers-included", (OFFERED, ACCEPTED)),),
        ),
    ),
    Scenario(
        "child-protection-plan",
        (MOTHER,),
        (
            DemoChild(
                "child",
                name="Ruby",
                age_days=2 * 365 + 200,
                legal_status=LegalStatus.CHILD_PROTECTION_PLAN,
            ),
        ),
        (
            (
                Progress(
                    "concerns.advocacy-and-legal-advice",
                    (OFFERED, ACCEPTED, DELIVERED),
                    evidence="Advocate attended the child protection conference",
                ),
            ),
        ),
    ),
    Scenario(
        "second-baby",
        (MOTHER,),
        (
            DemoChild("first", name="Alfie", age_days=3 * 365 + 60, other_parent="Ryan Hughes"),
            DemoChild("second", due_in_days=110, lives_with=LivesWith.NOT_YET_BORN),
        ),
        ((Progress("milestone:maternity-paternity-pay", (OFFERED,)),),),
    ),
)
# The remaining demo parents have no children yet: their plans hold the promises made before
# parenthood and at every stage, and one has started on them.
BEFORE_PARENTHOOD = (Progress("before-parenthood.preparing-for-parenthood", (OFFERED, ACCEPTED)),)


def seed_demo_parents(councils) -> int:
    """The demo parents of each council (synthetic, the same on every run); returns how many
    were added."""
    from parent_charter.accounts.models import User
    from parent_charter.accounts.roles import Role

    created = 0
    with scopes_disabled(), transaction.atomic():
        for council in councils:
            advisers = list(
                User.objects.filter(
                    council=council, role_grants__role=Role.PERSONAL_ADVISER
                ).order_by("username")
            )
            rows = parent_rows(
                council=council,
                advisers=advisers,
                count=DEMO_PARENTS_PER_COUNCIL,
                rng=random.Random(f"{DEMO_SEED}:{council.slug}"),
                key=f"demo:{council.slug}",
                today=timezone.localdate(),
            )
            existing = set(
                Parent.objects.filter(public_id__in=[r.public_id for r in rows]).values_list(
                    "public_id", flat=True
                )
            )
            new = [row for row in rows if row.public_id not in existing]
            Parent.objects.bulk_create(new)
            created += len(new)
    return created


def demo_extensions():
    """Apps that add their own demo stories: each has a module in demo.stories, named by its
    label, with `seed(council)`.

    `seed` must be idempotent (running the command again adds nothing twice) and returns a
    short summary for the console, or an empty string. Apps run in INSTALLED_APPS order, after
    the parents, children and plans exist.
    """
    return [
        config
        for config in apps.get_app_configs()
        if config.name.startswith("parent_charter.")
        and find_spec(f"{STORIES}.{config.label}") is not None
    ]


def demo_parents(council: Council) -> list[Parent]:
    ids = [demo_id(council, "parent", index) for index in range(DEMO_PARENTS_PER_COUNCIL)]
    by_id = {
        parent.public_id: parent
        for parent in Parent.objects.filter(public_id__in=ids).select_related(
            "personal_adviser", "council"
        )
    }
    return [by_id[public_id] for public_id in ids if public_id in by_id]


def story_parent(council: Council, scenario: str, child: str) -> Parent | None:
    """The supported parent of a casework story's child (`scenario` and `child` keys as in
    SCENARIOS), if the story was cast."""
    child_id = demo_id(council, scenario, child)
    link = (
        ChildParent.objects.filter(child__public_id=child_id, parent__isnull=False)
        .select_related("parent__personal_adviser", "parent__council")
        .order_by("pk")
        .first()
    )
    return link.parent if link else None


def cast_by_scenario(council: Council) -> dict[str, list[Parent]]:
    """The council's demo parents by the key of the scenario they play (cast ones only)."""
    return {
        scenario.key: chosen
        for scenario, chosen in cast_scenarios(council, demo_parents(council))
        if chosen
    }


def cast_scenarios(council: Council, parents: list[Parent]) -> list[tuple[Scenario, list]]:
    """Give each scenario parents of the roles it needs, in a fixed order.

    A scenario seeded before keeps the parents its children were linked to, so a later run
    (when everyone is older) never moves a story to someone else.
    """
    free = list(parents)
    seeded = _seeded_parents(council, {p.pk: p for p in parents})
    cast = []
    for scenario in SCENARIOS:
        chosen = [p for p in seeded.get(scenario.key, []) if p in free]
        if len(chosen) != len(scenario.roles):
            chosen = _choose(scenario, [p for p in free if p not in chosen])
        if chosen is not None:
            cast.append((scenario, chosen))
            free = [p for p in free if p not in chosen]
    cast.append((Scenario("no-children", (), ()), free))
    return cast


def _seeded_parents(council: Council, parents_by_pk: dict) -> dict[str, list[Parent]]:
    scenario_of = {
        _child_id(council, scenario, spec): scenario.key
        for scenario in SCENARIOS
        for spec in scenario.children
    }
    seeded: dict[str, list[Parent]] = {}
    links = ChildParent.objects.filter(
        child__public_id__in=scenario_of, parent__isnull=False
    ).values_list("child__public_id", "parent_id")
    for child_id, parent_id in links.order_by("pk"):
        parents = seeded.setdefault(scenario_of[child_id], [])
        if parent_id in parents_by_pk and parents_by_pk[parent_id] not in parents:
            parents.append(parents_by_pk[parent_id])
    return seeded


def _choose(scenario: Scenario, free: list[Parent]) -> list[Parent] | None:
    eldest = max((child.age_days or 0 for child in scenario.children), default=0)
    chosen = []
    for role in scenario.roles:
        candidates = [p for p in free if p not in chosen]
        match = next(
            (p for p in candidates if p.parent_role == role and _old_enough(p, eldest)),
            next((p for p in candidates if p.parent_role in (role, ParentRole.PARENT)), None),
        )
        if match is None:
            return None
        chosen.append(match)
    return chosen


def _child_id(council: Council, scenario: Scenario, spec: DemoChild) -> uuid.UUID:
    return demo_id(council, scenario.key, spec.key)


def _old_enough(parent: Parent, child_age_days: int) -> bool:
    """At least 16 when the child was born, so the story is plausible."""
    born = timezone.localdate() - datetime.timedelta(days=child_age_days)
    return (born - parent.date_of_birth).days >= 16 * 365


def seed_casework(council: Council) -> int:
    """Record the demo parents' children and bring their plans up to date. Idempotent."""
    today = timezone.localdate()
    added = 0
    with scopes_disabled(), transaction.atomic():
        for scenario, parents in cast_scenarios(council, demo_parents(council)):
            for spec in scenario.children:
                added += _record_child(council, scenario, spec, parents, today)
            for parent in parents:
                refresh_parent(parent=parent, actor=None, reason=REASON)
            if scenario.key == "no-children":
                if parents:
                    _progress(parents[0], BEFORE_PARENTHOOD)
                continue
            for parent, steps in zip(parents, scenario.progress, strict=False):
                _progress(parent, steps)
            if scenario.review:
                _review(parents[0], today)
    return added


# How long ago the demo parents' support began, by their place in the council's list: from
# four months to two years, so that the council figures of the last full quarter and the
# quarter before (the figures page's default) count them, and their plans' promises.
HISTORY_DAYS = (120, 700)


def give_history(council: Council, *, made_since: datetime.datetime) -> int:
    """Move the casework made by this run (since `made_since`) back into the past, as if the
    demo parents had been supported for months: each parent's record and plan begin on a day
    of their own; the plan items the refresh added begin with the plan, and each item's later
    changes of status come in order between then and a week ago. Only records made by this
    run move, so running the demo again changes nothing already there. Returns how many
    parents' histories were given."""
    from parent_charter.parents.models import StageChange
    from parent_charter.plans.models import SupportPlan

    now = timezone.now()
    low, high = HISTORY_DAYS
    given = 0
    with scopes_disabled(), transaction.atomic():
        for index, parent in enumerate(demo_parents(council)):
            if parent.created_at < made_since:
                continue
            days = low + (index * 97) % (high - low)
            since = now - datetime.timedelta(days=days)
            Parent.objects.filter(pk=parent.pk).update(created_at=since)
            SupportPlan.objects.filter(parent=parent).update(created_at=since)
            StageChange.objects.filter(parent=parent, at__gte=made_since).update(at=since)
            span = (now - datetime.timedelta(days=7)) - since
            items = PlanItem.objects.filter(plan__parent=parent, created_at__gte=made_since)
            for item in items.prefetch_related("status_history"):
                rows = sorted(item.status_history.all(), key=lambda row: (row.at, row.pk))
                later = rows[1:]
                for step, row in enumerate(later, start=1):
                    row.at = since + span * step / (len(later) + 1)
                if rows:
                    rows[0].at = since
                    PlanItemStatus.objects.bulk_update(rows, ["at"])
                # An item closed by this run (a promise before parenthood, when a child came)
                # closed with its last change.
                closed = (later[-1].at if later else since) if item.closed_at else None
                PlanItem.objects.filter(pk=item.pk).update(created_at=since, closed_at=closed)
            given += 1
    return given


def _record_child(council, scenario, spec: DemoChild, parents, today) -> int:
    born = spec.age_days is not None
    child, created = Child.objects.get_or_create(
        public_id=_child_id(council, scenario, spec),
        defaults={
            "council": council,
            "given_name": spec.name,
            "date_of_birth": today - datetime.timedelta(days=spec.age_days) if born else None,
            "due_date": None if born else today + datetime.timedelta(days=spec.due_in_days),
        },
    )
    links = [
        ChildParent.objects.get_or_create(
            child=child, parent=parent, defaults={"council": council}
        )[0]
        for parent in parents
    ]
    other = None
    if spec.other_parent:
        other, _created = ChildParent.objects.get_or_create(
            child=child,
            parent=None,
            other_parent_name=spec.other_parent,
            defaults={
                "council": council,
                "other_parent_care_experienced": bool(spec.other_parent_council),
                "other_parent_council": spec.other_parent_council,
            },
        )
    if not ChildCircumstance.objects.filter(child=child).exists():
        one_parent = spec.lives_with == LivesWith.ONE_PARENT
        ChildCircumstance.objects.create(
            council=council,
            child=child,
            lives_with=spec.lives_with,
            lives_with_parent=(other if spec.with_parent == "other" else links[0])
            if one_parent
            else None,
            legal_status=spec.legal_status,
            from_date=child.date_of_birth or today,
            recorded_by=parents[0].personal_adviser,
        )
    return int(created)


def _progress(parent: Parent, steps: tuple[Progress, ...]) -> None:
    """Move items on, once: only items nobody has touched since they were added."""
    items = {
        _item_key(item): item
        for item in PlanItem.objects.filter(plan__parent=parent, closed_at__isnull=True)
        .select_related("commitment")
        .prefetch_related("status_history")
    }
    adviser = parent.personal_adviser
    for progress in steps:
        item = items.get(progress.item)
        if item is None or item.status != ItemStatus.TO_DISCUSS:
            continue
        if len(item.status_history.all()) > 1:
            continue
        for status in progress.steps:
            PlanItemStatus.objects.create(
                council=item.council,
                item=item,
                status=status,
                at=timezone.now(),
                by=adviser,
                note=progress.evidence if status == DELIVERED else "",
            )
        item.status = progress.steps[-1]
        item.evidence = progress.evidence
        item.parent_view = progress.parent_view
        item.version += len(progress.steps)
        item.save(update_fields=["status", "evidence", "parent_view", "version"])
        record_demo(
            item.council,
            "plan.item.status_changed",
            item,
            detail={"status": item.status, "steps": len(progress.steps)},
        )


def _item_key(item: PlanItem) -> str:
    if item.milestone_key:
        return f"milestone:{item.milestone_key}"
    if item.commitment_id:
        return item.commitment.key
    return f"local:{item.local_commitment_id}"


def _review(parent: Parent, today: datetime.date) -> None:
    plan = parent.support_plan
    if PlanReview.objects.filter(plan=plan).exists() or parent.personal_adviser is None:
        return
    review = PlanReview.objects.create(
        council=parent.council,
        plan=plan,
        held_on=today - datetime.timedelta(days=21),
        attendees=f"{parent.display_name}, {parent.personal_adviser.full_name} (personal adviser)",
        participation=Participation.IN_PERSON,
        participation_detail="Met at the family centre, with the baby",
        summary="Things are settling down. We went through each promise in the plan together.",
        agreed_actions="Adviser to chase the outstanding referral; next review in six months.",
        recorded_by=parent.personal_adviser,
    )
    record_demo(parent.council, "plan.review.recorded", review)
