"""The summary of a concern in plain words, for the parent: writing a version, recording how
it was shared, and the parent acknowledging it. Each runs in one transaction with its audit
event and tells the parent or their adviser."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import claim_or_raise, complete_submission
from parent_charter.notifications.services import notify_parent, notify_staff

from .models import Concern, ConcernSummary, SharedHow
from .services import _concern_url, _has_portal_account


class AlreadyShared(Exception):
    """This version of the summary has already been shared with the parent."""


class NotLatestSummary(Exception):
    """Only the newest version of a summary can be acknowledged."""


# --- The summary in plain words ---------------------------------------------------------------


def summary_write(
    *, concern: Concern, actor, form_token, what_is_happening: str, the_plan: str
) -> ConcernSummary:
    """Write a new version of the summary. A parent with a portal account sees it there at
    once, so it counts as shared and they are told; otherwise the adviser records how and
    when they shared it (`summary_record_shared`). Each version needs its own acknowledgement.
    """
    with transaction.atomic():
        claim = claim_or_raise(form_token, object_type="concerns.summary", model=ConcernSummary)
        # Locked so that two workers writing at once get versions n and n + 1.
        Concern.objects.select_for_update().filter(pk=concern.pk).first()
        latest = concern.summaries.aggregate(latest=Max("number"))["latest"] or 0
        parent = concern.parent
        online = _has_portal_account(parent)
        now = timezone.now()
        summary = ConcernSummary.objects.create(
            council=concern.council,
            concern=concern,
            number=latest + 1,
            what_is_happening=what_is_happening.strip(),
            the_plan=the_plan.strip(),
            written_by=actor,
            written_at=now,
            shared_on=timezone.localdate(now) if online else None,
            shared_how=SharedHow.PORTAL if online else "",
            shared_recorded_by=actor if online else None,
        )
        complete_submission(claim, summary)
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.summary.written",
            obj=concern,
            detail={"version": summary.number, "shared_online": online},
        )
        if online:
            notify_parent(parent=parent, kind="concerns.summary_shared")
    return summary


def summary_record_shared(
    *,
    summary: ConcernSummary,
    actor,
    shared_on: datetime.date,
    shared_how: str,
    shared_note: str = "",
) -> ConcernSummary:
    """Record that the adviser shared this version with the parent (on a date, and how)."""
    with transaction.atomic():
        updated = ConcernSummary.objects.filter(pk=summary.pk, shared_on__isnull=True).update(
            shared_on=shared_on,
            shared_how=shared_how,
            shared_note=shared_note.strip(),
            shared_recorded_by=actor,
        )
        if updated != 1:
            raise AlreadyShared
        summary.refresh_from_db()
        concern = summary.concern
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.summary.shared",
            obj=concern,
            detail={"version": summary.number, "how": shared_how},
        )
        notify_parent(parent=concern.parent, kind="concerns.summary_shared")
    return summary


def summary_acknowledge(*, summary: ConcernSummary, actor) -> bool:
    """The parent says they have read this version. Returns False if it was already
    acknowledged; raises NotLatestSummary if a newer version has been written since."""
    with transaction.atomic():
        concern = Concern.objects.select_related("parent__personal_adviser").get(
            pk=summary.concern_id
        )
        latest = concern.summaries.aggregate(latest=Max("number"))["latest"]
        if summary.number != latest:
            raise NotLatestSummary
        now = timezone.now()
        updated = ConcernSummary.objects.filter(pk=summary.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=now
        )
        if updated != 1:
            return False
        summary.acknowledged_at = now
        if summary.shared_on is None:
            # Read in the portal before the adviser recorded sharing it: that is how it reached
            # the parent.
            ConcernSummary.objects.filter(pk=summary.pk).update(
                shared_on=timezone.localdate(now), shared_how=SharedHow.PORTAL
            )
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.summary.acknowledged",
            obj=concern,
            detail={"version": summary.number},
        )
        parent = concern.parent
        if parent.personal_adviser is not None:
            notify_staff(
                council=concern.council,
                recipients=[parent.personal_adviser],
                kind="concerns.summary_acknowledged",
                params={"parent": parent.display_name},
                url=_concern_url(concern),
            )
    return True
