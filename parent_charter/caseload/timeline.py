"""A parent's timeline: every change to their record, stages, circumstances, plan, reviews
and consents in one list, newest first, read in a fixed number of queries and audited."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parent_charter.accounts.models import User
from parent_charter.audit import services as audit
from parent_charter.audit.models import AuditEvent
from parent_charter.children.models import ChildCircumstance
from parent_charter.parents.models import ConsentRecord, Parent, StageChange
from parent_charter.plans.models import PlanItemStatus, PlanReview
from parent_charter.plans.selectors import (
    child_label,
    item_title,
)

REASSIGNED = "parent.reassigned"
RECORD_ACTIONS = ("parent.created", "parent.updated", REASSIGNED)


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # stage, circumstances, plan_item, review, consent, record
    on: datetime.date  # the day it happened
    sort_at: datetime.datetime  # orders entries of one day
    text: str
    by: str = ""  # empty when the system recorded it (for example the nightly refresh)
    at: datetime.datetime | None = None  # the time, when it is known
    notes: tuple[str, ...] = ()
    items: tuple[str, ...] = ()  # plan items a grouped entry is about


def timeline(*, actor, parent) -> list[TimelineEntry]:
    """Every recorded event about a parent, newest first, audited as one read."""
    entries: list[TimelineEntry] = []
    for change in StageChange.objects.filter(parent=parent).select_related("by"):
        entries.append(_stage_entry(change))
    for row in ChildCircumstance.objects.filter(child__parent_links__parent=parent).select_related(
        "child", "recorded_by"
    ):
        entries.append(_circumstance_entry(row))
    statuses = PlanItemStatus.objects.filter(item__plan__parent=parent).select_related(
        "item__commitment", "item__local_commitment", "item__child", "by"
    )
    entries.extend(_plan_item_entries(statuses))
    for review in PlanReview.objects.filter(plan__parent=parent).select_related("recorded_by"):
        entries.append(_review_entry(review))
    for consent in ConsentRecord.objects.filter(parent=parent).select_related(
        "recorded_by", "withdrawn_by"
    ):
        entries.extend(_consent_entries(consent))
    events = list(
        AuditEvent.objects.filter(
            council=parent.council_id,
            object_type=Parent._meta.label_lower,
            object_id=str(parent.public_id),
            action__in=RECORD_ACTIONS,
        ).select_related("actor")
    )
    names = _staff_names(parent.council, events)
    entries.extend(_record_entry(event, names) for event in events)
    entries.sort(key=lambda entry: (entry.on, entry.sort_at), reverse=True)
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=parent.council,
            action="parent.timeline.viewed",
            obj=parent,
            detail={"entries": len(entries)},
        )
    return entries


def _name(user) -> str:
    return user.get_full_name() or user.get_username() if user is not None else ""


def _reason(text: str) -> str:
    return _("Reason: %(reason)s") % {"reason": text}


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _stage_entry(change) -> TimelineEntry:
    stage = change.get_stage_display()
    text = (_("Stage began: %(stage)s") if change.entered else _("Stage ended: %(stage)s")) % {
        "stage": stage
    }
    return TimelineEntry(
        kind="stage",
        on=timezone.localdate(change.at),
        sort_at=change.at,
        at=change.at,
        text=text,
        by=_name(change.by),
        notes=(_reason(change.reason_text),) if change.reason else (),
    )


def _circumstance_entry(row) -> TimelineEntry:
    text = _("Where %(child)s lives: %(lives_with)s. Legal position: %(legal_status)s.") % {
        "child": child_label(row.child),
        "lives_with": row.get_lives_with_display(),
        "legal_status": row.get_legal_status_display(),
    }
    return TimelineEntry(
        kind="circumstances",
        on=row.from_date,
        sort_at=row.recorded_at,
        text=text,
        by=_name(row.recorded_by),
        notes=(row.note,) if row.note else (),
    )


def _plan_item_entries(statuses) -> list[TimelineEntry]:
    """One entry per status change; changes made together (a plan regenerated, with the same
    time, status and note) are one entry listing the items, so a new plan is one line.
    """
    groups: dict[tuple, list] = {}
    for row in statuses:
        groups.setdefault((row.at, row.status, row.note, row.by_id), []).append(row)
    entries = []
    for (at, _status, note, _by), rows in groups.items():
        status = rows[0].get_status_display()
        titles = tuple(item_title(row.item) for row in rows)
        if len(rows) == 1:
            text = _("Plan item “%(item)s”: %(status)s") % {"item": titles[0], "status": status}
            titles = ()
        else:
            text = ngettext(
                "%(count)d plan item: %(status)s",
                "%(count)d plan items: %(status)s",
                len(rows),
            ) % {"count": len(rows), "status": status}
        entries.append(
            TimelineEntry(
                kind="plan_item",
                on=timezone.localdate(at),
                sort_at=at,
                at=at,
                text=text,
                by=_name(rows[0].by),
                notes=(note,) if note else (),
                items=titles,
            )
        )
    return entries


def _review_entry(review) -> TimelineEntry:
    return TimelineEntry(
        kind="review",
        on=review.held_on,
        sort_at=review.recorded_at,
        text=_("Plan review held. %(participation)s.")
        % {"participation": review.get_participation_display()},
        by=_name(review.recorded_by),
        notes=(review.summary,) if review.summary else (),
    )


def _consent_entries(consent) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            kind="consent",
            on=consent.given_on,
            sort_at=consent.recorded_at,
            text=_("Consent given to share information with %(who)s") % {"who": consent.share_with},
            by=_name(consent.recorded_by),
            notes=(consent.information,),
        )
    ]
    if consent.withdrawn_on is not None:
        entries.append(
            TimelineEntry(
                kind="consent",
                on=consent.withdrawn_on,
                sort_at=max(_end_of(consent.withdrawn_on), consent.recorded_at),
                text=_("Consent to share information with %(who)s withdrawn")
                % {"who": consent.share_with},
                by=_name(consent.withdrawn_by),
                notes=(consent.withdrawal_note,) if consent.withdrawal_note else (),
            )
        )
    return entries


def _staff_names(council, events) -> dict[str, str]:
    """Names of the advisers a reassignment names by public id (one query for all)."""
    ids = {
        value
        for event in events
        if event.action == REASSIGNED
        for value in (event.detail.get("from"), event.detail.get("to"))
        if value
    }
    if not ids:
        return {}
    return {
        str(user.public_id): _name(user)
        for user in User.objects.filter(council=council, public_id__in=ids)
    }


def _record_entry(event, names: dict[str, str]) -> TimelineEntry:
    if event.action == REASSIGNED:
        old, new = event.detail.get("from"), event.detail.get("to")
        someone = str(_("a former member of staff"))
        if old:
            text = _("Personal adviser changed from %(old)s to %(new)s") % {
                "old": names.get(old, someone),
                "new": names.get(new, someone),
            }
        else:
            text = _("%(new)s became the personal adviser") % {"new": names.get(new, someone)}
        notes = (_reason(event.reason),) if event.reason else ()
    elif event.action == "parent.created":
        text, notes = _("Record created"), ()
    else:
        text = _("Details changed: %(fields)s") % {
            "fields": ", ".join(_field_label(name) for name in event.detail.get("fields", []))
        }
        notes = ()
    return TimelineEntry(
        kind="record",
        on=timezone.localdate(event.at),
        sort_at=event.at,
        at=event.at,
        text=text,
        by=_name(event.actor) or event.actor_label,
        notes=notes,
    )


def _field_label(name: str) -> str:
    try:
        return str(Parent._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field since renamed: show its stored name
        return name
