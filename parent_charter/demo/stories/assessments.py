"""Demo care histories, assessments and openings, for Herefordshire and Cardiff.

Four demo parents in each council have a sealed care history. Two have an assessment on
current information. Their advisers have opened the histories in the normal way, and in
Herefordshire Sian Price, the demo social worker, once opened one with a written reason, so the
list on the parent's record (and later in the parent's portal) shows a break-glass opening and
Morgan Hughes has the notification. Idempotent: deterministic ids, nothing added twice.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.assessments_care_history.models import (
    AccessKind,
    CareHistory,
    CareHistoryAccess,
    CareHistoryEntry,
    EntryKind,
    ParentingAssessment,
    PlacementType,
)
from parent_charter.assessments_care_history.services import BREAK_GLASS_KIND, GRANT_MINUTES
from parent_charter.demo.recorded import demo_id, record_demo
from parent_charter.demo.scenarios import cast_by_scenario
from parent_charter.notifications.services import notify_staff

ASSESSORS = {"herefordshire": "sian@herefordshire.demo", "cardiff": "gareth@cardiff.demo"}
BREAK_GLASS_BY = {"herefordshire": "sian@herefordshire.demo"}
BREAK_GLASS_REASON = (
    "The parent asked me to confirm the dates of her foster placements so that her old health "
    "records can be matched to her GP file. Her personal adviser is on leave this week."
)


@dataclass(frozen=True)
class Entry:
    kind: str
    details: str = ""
    from_age: tuple[int, int] | None = None  # (years, months) of the parent's age
    to_age: tuple[int, int] | None = None
    placement: str = ""
    elsewhere: bool = False  # placed by another council


# A care history per scenario: what it was like, in words a parent would want to read.
HISTORIES = {
    "child-protection-plan": (
        Entry(
            EntryKind.REASON,
            "Came into care with her younger brother when their mum was in hospital for a long "
            "time and there was no family nearby who could look after them.",
            from_age=(7, 2),
        ),
        Entry(
            EntryKind.PERIOD,
            "Placed with her brother. She remembers the carers taking them to the beach.",
            from_age=(7, 2),
            to_age=(9, 8),
            placement=PlacementType.FOSTER,
        ),
        Entry(
            EntryKind.PERIOD,
            "",
            from_age=(9, 8),
            to_age=(13, 1),
            placement=PlacementType.KINSHIP,
        ),
        Entry(
            EntryKind.EVENT,
            "Moved school in year 8 when the kinship placement ended; stayed in touch with her "
            "aunt.",
            from_age=(13, 1),
        ),
        Entry(
            EntryKind.PERIOD,
            "Planned move; she chose the home after two visits.",
            from_age=(13, 1),
            to_age=(17, 6),
            placement=PlacementType.RESIDENTIAL,
            elsewhere=True,
        ),
    ),
    "expecting-mother": (
        Entry(
            EntryKind.PERIOD,
            "",
            from_age=(14, 3),
            to_age=(18, 0),
            placement=PlacementType.FOSTER,
        ),
        Entry(
            EntryKind.NOTE,
            "She would like to see her full file one day and has asked for help to request it.",
        ),
    ),
    "new-baby": (
        Entry(
            EntryKind.REASON,
            "Accommodated at her own request at 15 after arguments at home became unsafe.",
            from_age=(15, 4),
        ),
        Entry(
            EntryKind.PERIOD,
            "Moved on to her own flat with support at 18.",
            from_age=(15, 4),
            to_age=(18, 1),
            placement=PlacementType.SUPPORTED,
        ),
    ),
    "father-living-apart": (
        Entry(
            EntryKind.PERIOD,
            "Lived with his grandparents, who are still a big part of his life.",
            from_age=(4, 0),
            to_age=(16, 0),
            placement=PlacementType.KINSHIP,
        ),
    ),
}

# Assessments of current circumstances: (scenario, kind, days ago started, days ago completed,
# outcome, summary).
ASSESSMENTS = (
    (
        "expecting-mother",
        "pre_birth",
        70,
        21,
        "support_plan",
        "Midwife reports every antenatal appointment kept. The flat is warm, clean and has a "
        "cot and pram ready. She has a good friend nearby and her adviser visits weekly. She "
        "asked for help with budgeting once the baby arrives; that is in her support plan.",
    ),
    (
        "child-protection-plan",
        "parenting",
        18,
        None,
        "",
        "Health visitor saw Ruby on the 3rd: well, gaining weight, attending nursery three days "
        "a week. The concern raised in the spring was about rent arrears and a gas cut-off; the "
        "gas is back on and a payment plan is agreed. Next visit planned with the advocate "
        "present, as she asked.",
    ),
)


def _id(council, *parts) -> uuid.UUID:
    return demo_id(council, "assessments", *parts)


def _at_age(born: datetime.date, age: tuple[int, int] | None, today: datetime.date):
    if age is None:
        return None
    years, months = age
    month_index = born.month - 1 + months
    year = born.year + years + month_index // 12
    day = min(born.day, 28)
    return min(datetime.date(year, month_index % 12 + 1, day), today)


def seed(council) -> str:
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(council=council)}
    with scope(council=council.pk), transaction.atomic():
        scenarios = {key: chosen[0] for key, chosen in cast_by_scenario(council).items()}
        histories = sum(
            _history(council, key, scenarios[key], today) for key in HISTORIES if key in scenarios
        )
        assessor = users.get(ASSESSORS.get(council.slug, ""))
        assessments = _assessments(council, scenarios, assessor, today)
        openings = _openings(council, scenarios, users)
    if not (histories or assessments or openings):
        return ""
    return f"{histories} care histories, {assessments} assessments, {openings} openings added"


def _history(council, key, parent, today) -> int:
    history, created = CareHistory.objects.get_or_create(
        parent=parent,
        defaults={
            "council": council,
            "public_id": _id(council, key, "history"),
            "created_by": parent.personal_adviser,
        },
    )
    if not created:
        return 0
    for index, entry in enumerate(HISTORIES[key]):
        CareHistoryEntry.objects.create(
            council=council,
            public_id=_id(council, key, "entry", index),
            history=history,
            kind=entry.kind,
            from_date=_at_age(parent.date_of_birth, entry.from_age, today),
            to_date=_at_age(parent.date_of_birth, entry.to_age, today),
            placement_type=entry.placement,
            placing_authority="Powys County Council" if entry.elsewhere else "",
            details=entry.details,
            recorded_by=parent.personal_adviser,
        )
    record_demo(
        council,
        "care_history.entry.added",
        parent,
        detail={"entries": len(HISTORIES[key]), "history_started": True},
    )
    return 1


def _assessments(council, scenarios, assessor, today) -> int:
    if assessor is None:
        return 0
    added = 0
    for key, kind, started, completed, outcome, summary in ASSESSMENTS:
        parent = scenarios.get(key)
        if parent is None:
            continue
        assessment, created = ParentingAssessment.objects.get_or_create(
            public_id=_id(council, key, "assessment"),
            defaults={
                "council": council,
                "parent": parent,
                "kind": kind,
                "assessor": assessor,
                "started_on": today - datetime.timedelta(days=started),
                "completed_on": today - datetime.timedelta(days=completed)
                if completed is not None
                else None,
                "outcome": outcome,
                "summary": summary,
                "recorded_by": assessor,
            },
        )
        if created:
            record_demo(
                council,
                "assessment.added",
                assessment,
                detail={"kind": kind, "completed": completed is not None},
            )
            added += 1
    return added


def _openings(council, scenarios, users) -> int:
    """The advisers' normal openings, and one break-glass by the demo social worker."""
    now = timezone.now()
    added = 0
    for days_ago, key in ((12, "child-protection-plan"), (30, "expecting-mother")):
        parent = scenarios.get(key)
        if parent is None or parent.personal_adviser is None:
            continue
        _, created = CareHistoryAccess.objects.get_or_create(
            public_id=_id(council, key, "opening", "adviser"),
            defaults={
                "council": council,
                "parent": parent,
                "opened_by": parent.personal_adviser,
                "role": Role.PERSONAL_ADVISER,
                "kind": AccessKind.NORMAL,
                "opened_at": now - datetime.timedelta(days=days_ago, hours=3),
            },
        )
        added += int(created)
    worker = users.get(BREAK_GLASS_BY.get(council.slug))
    parent = scenarios.get("child-protection-plan")
    if worker is None or parent is None:
        return added
    opened_at = now - datetime.timedelta(days=5, hours=2)
    grant, created = CareHistoryAccess.objects.get_or_create(
        public_id=_id(council, "child-protection-plan", "opening", "break-glass"),
        defaults={
            "council": council,
            "parent": parent,
            "opened_by": worker,
            "role": Role.SOCIAL_WORKER,
            "kind": AccessKind.BREAK_GLASS,
            "reason": BREAK_GLASS_REASON,
            "opened_at": opened_at,
            "expires_at": opened_at + datetime.timedelta(minutes=GRANT_MINUTES),
        },
    )
    if created:
        record_demo(
            council,
            "care_history.break_glass",
            parent,
            actor=worker,
            detail={"access": str(grant.public_id), "minutes": GRANT_MINUTES},
        )
        managers = User.objects.filter(
            council=council, is_active=True, role_grants__role=Role.TEAM_MANAGER
        ).distinct()
        notify_staff(
            council=council,
            recipients=list(managers),
            kind=BREAK_GLASS_KIND,
            params={"person": worker.full_name, "parent": parent.display_name},
            url=f"/staff/parents/{parent.public_id}/#care-history",
        )
        added += 1
    return added
