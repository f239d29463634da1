"""Reads of assessments and of the sealed care history.

Reads a person sees are audited. Whether someone may open a care history, and whether their
break-glass grant still runs, is decided here; the opening itself is recorded by
`services.record_opening`. The sections this app adds to other apps' pages are in
contributions.py.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, Window
from django.utils import timezone

from parent_charter.accounts.models import User
from parent_charter.accounts.roles import Role
from parent_charter.audit import services as audit
from parent_charter.core.pages import read_audited
from parent_charter.parents.models import Parent

from .models import (
    AccessKind,
    CareHistory,
    CareHistoryAccess,
    CareHistoryEntry,
    ParentingAssessment,
)
from .rules import normal_access_role

# The session remembers which break-glass grants were made in it, so a grant ends with the
# session (signing out) as well as with its clock.
SESSION_GRANTS = "assessments.care_history_grants"
# How many openings the parent's page lists before linking to the full list.
SECTION_OPENINGS = 10
ASSESSOR_ROLES = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)


# --- Parents ----------------------------------------------------------------------------------


def parent_for(*, public_id) -> Parent:
    """A parent of the active council (the scope). Another council's: DoesNotExist."""
    return Parent.objects.select_related("council", "personal_adviser").get(public_id=public_id)


# --- Assessments ------------------------------------------------------------------------------


def _assessments():
    return ParentingAssessment.objects.select_related(
        "parent", "parent__council", "assessor", "recorded_by", "council"
    )


def assessment_for_view(*, actor, public_id, form: str = "") -> ParentingAssessment:
    """One assessment of the active council, audited as viewed. Another council's: DoesNotExist."""
    with transaction.atomic():
        assessment = _assessments().get(public_id=public_id)
        audit.record(
            actor=actor,
            council=assessment.council,
            action="assessment.viewed",
            obj=assessment,
            detail={"form": form} if form else {},
        )
    return assessment


def assessor_choices(council, *, keep: User | None = None) -> list[User]:
    """Who may be named as the assessor: the council's social workers and team managers.

    `keep` (the assessor already recorded) stays a choice even if their role has since changed,
    so an old assessment can still be edited without losing its assessor.
    """
    people = list(
        User.objects.filter(council=council, is_active=True, role_grants__role__in=ASSESSOR_ROLES)
        .distinct()
        .order_by("full_name", "pk")
    )
    if keep is not None and all(person.pk != keep.pk for person in people):
        people.append(keep)
    return people


# --- The sealed care history ------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """How this person may open this care history right now."""

    normal_role: str | None  # the role that opens it without a reason
    grant: CareHistoryAccess | None  # a running break-glass grant

    @property
    def allowed(self) -> bool:
        return self.normal_role is not None or self.grant is not None

    @property
    def kind(self) -> str:
        return AccessKind.NORMAL if self.normal_role else AccessKind.BREAK_GLASS


def _session_grant_ids(request) -> list[str]:
    return list(request.session.get(SESSION_GRANTS, []))


def running_grant(request, parent: Parent) -> CareHistoryAccess | None:
    """This person's break-glass grant for this parent, made in this session and not expired."""
    ids = [_as_uuid(value) for value in _session_grant_ids(request)]
    ids = [value for value in ids if value is not None]
    if not ids:
        return None
    return (
        CareHistoryAccess.objects.filter(
            public_id__in=ids,
            parent=parent,
            opened_by=request.user,
            kind=AccessKind.BREAK_GLASS,
            expires_at__gt=timezone.now(),
        )
        .order_by("-expires_at")
        .first()
    )


def remember_grant(request, grant: CareHistoryAccess) -> None:
    """Keep the grant in the session, dropping any that have run out."""
    now = timezone.now()
    live = set(
        CareHistoryAccess.objects.filter(
            public_id__in=[v for v in map(_as_uuid, _session_grant_ids(request)) if v],
            expires_at__gt=now,
        ).values_list("public_id", flat=True)
    )
    live.add(grant.public_id)
    request.session[SESSION_GRANTS] = sorted(str(value) for value in live)


def _as_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def access_for(request, parent: Parent) -> Access:
    role = normal_access_role(request.user, parent)
    grant = None if role else running_grant(request, parent)
    return Access(normal_role=role, grant=grant)


def care_history_of(parent: Parent) -> CareHistory | None:
    return CareHistory.objects.filter(parent=parent).first()


def entries_of(history: CareHistory | None) -> list[CareHistoryEntry]:
    """The entries in the order of the parent's life (undated ones last), in one query."""
    if history is None:
        return []
    return list(CareHistoryEntry.objects.filter(history=history).select_related("recorded_by"))


def entry_for_change(*, public_id) -> CareHistoryEntry:
    return CareHistoryEntry.objects.select_related(
        "history__parent__council", "history__parent__personal_adviser", "council"
    ).get(public_id=public_id)


def openings_of(parent: Parent, *, limit: int | None = None) -> list[CareHistoryAccess]:
    rows = (
        CareHistoryAccess.objects.filter(parent=parent)
        .select_related("opened_by")
        .order_by("-opened_at", "-pk")
    )
    return list(rows[:limit] if limit else rows)


def latest_openings(parent: Parent, *, limit: int) -> tuple[list[CareHistoryAccess], int]:
    """The latest `limit` openings, and how many there are in all, in one query: each row
    carries the count of all the parent's openings (a window over the rows before the limit)."""
    rows = list(
        CareHistoryAccess.objects.filter(parent=parent)
        .select_related("opened_by")
        .annotate(openings_total=Window(Count("pk")))
        .order_by("-opened_at", "-pk")[:limit]
    )
    return rows, (rows[0].openings_total if rows else 0)


def record_openings_viewed(*, actor, parent: Parent, shown: int) -> None:
    read_audited(
        actor=actor,
        council=parent.council,
        action="care_history.openings.viewed",
        obj=parent,
        detail={"shown": shown},
    )


def team_managers_of(council) -> list[User]:
    """Who is told when a care history is opened with a reason."""
    return list(
        User.objects.filter(
            council=council, is_active=True, role_grants__role=Role.TEAM_MANAGER
        ).distinct()
    )


def recent_normal_opening(*, parent: Parent, user, since) -> bool:
    return CareHistoryAccess.objects.filter(
        Q(kind=AccessKind.NORMAL), parent=parent, opened_by=user, opened_at__gte=since
    ).exists()
