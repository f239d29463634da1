"""The promises of the local offer as plan items kept them, and plan reviews held on time."""

import functools
from collections import defaultdict

from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Commitment
from parent_charter.offers.models import LocalCommitment
from parent_charter.parents import eligibility
from parent_charter.plans.models import (
    FINISHED_STATUSES,
    ItemStatus,
    PlanItem,
    PlanItemStatus,
    PlanReview,
    SupportPlan,
)

from .. import disclosure
from .common import aware_at, local_day

PROMISE_COLUMNS = (
    ("delivered", _("Delivered")),
    ("in_progress", _("In progress")),
    ("not_started", _("Not started")),
    ("declined", _("Declined or not needed")),
)
STATUS_COLUMN = {
    ItemStatus.DELIVERED: "delivered",
    ItemStatus.IN_PROGRESS: "in_progress",
    ItemStatus.OFFERED: "in_progress",
    ItemStatus.ACCEPTED: "in_progress",
    ItemStatus.TO_DISCUSS: "not_started",
    ItemStatus.DECLINED: "declined",
    ItemStatus.NOT_NEEDED: "declined",
}


def _items_at_end(p):
    """The plan items for a promise open at some time in the period, grouped by their status at
    its end (the last change made by then; "to discuss" before any), whether they were due
    before its end, and whether they hold the parent's own view: counted by the database, one
    query, however many items a council holds."""
    start, end = aware_at(p.start), aware_at(p.end, end=True)
    last_status = (
        PlanItemStatus.objects.filter(item=OuterRef("pk"), at__lte=end)
        .order_by("-at", "-pk")
        .values("status")[:1]
    )
    return (
        PlanItem.objects.filter(Q(commitment__isnull=False) | Q(local_commitment__isnull=False))
        .filter(created_at__lte=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))
        .annotate(
            status_then=Coalesce(Subquery(last_status), Value(ItemStatus.TO_DISCUSS)),
            late=Case(When(due_date__lt=p.end, then=True), default=False),
            with_view=Case(When(parent_view__regex=r"\S", then=True), default=False),
        )
        .values_list("commitment_id", "local_commitment_id", "status_then", "late", "with_view")
        .annotate(n=Count("pk"))
        .order_by()
    )


def count_promises(book, offer, periods):
    """Each promise of the offer against every plan item made for it."""
    promises = []
    if offer is not None:
        for pk, title_en, title_cy in (
            Commitment.objects.filter(charter_version_id=offer.charter_version_id)
            .values_list("pk", "title_en", "title_cy")
            .order_by("order", "pk")
        ):
            promises.append((("charter", pk), title_en, title_cy))
        for pk, title_en, title_cy in (
            LocalCommitment.objects.filter(offer=offer, retired=False)
            .values_list("pk", "title_en", "title_cy")
            .order_by("order", "pk")
        ):
            promises.append((("local", pk), title_en, title_cy))
    known = {key for key, *_r in promises}
    for p in periods:
        tally = defaultdict(int)
        for charter_pk, local_pk, status, late, with_view, n in _items_at_end(p):
            key = ("charter", charter_pk) if charter_pk else ("local", local_pk)
            if key not in known:
                continue
            tally[(key, "applies")] += n
            tally[(key, STATUS_COLUMN[status])] += n
            if late and status not in FINISHED_STATUSES:
                tally[(key, "overdue")] += n
            if with_view:
                tally[("all", "parent_view")] += n
            tally[("all", "applies")] += n
        for key, *_r in promises:
            for column in ("applies", "overdue", *[c for c, _l in PROMISE_COLUMNS]):
                book.put((p.slug, "promises", key, column), tally[(key, column)])
            book.total(
                [(p.slug, "promises", key, c) for c, _l in PROMISE_COLUMNS],
                (p.slug, "promises", key, "applies"),
            )
        book.put((p.slug, "promises", "all", "applies"), tally[("all", "applies")])
        book.put((p.slug, "promises", "all", "parent_view"), tally[("all", "parent_view")])
        book.total(
            [(p.slug, "promises", key, "applies") for key, *_r in promises],
            (p.slug, "promises", "all", "applies"),
        )
    return promises


def promises_view(count, promises, period, previous):
    from django.utils.translation import get_language

    welsh = (get_language() or "en").startswith("cy")
    rows = []
    for key, title_en, title_cy in promises:
        now = {
            c: count(period.slug, "promises", key, c)
            for c in ("applies", "overdue", *[c for c, _l in PROMISE_COLUMNS])
        }
        before = count(previous.slug, "promises", key, "applies")
        kept = disclosure.share(now["delivered"], now["applies"])
        rows.append(
            {
                "title": (title_cy if welsh and title_cy else title_en),
                "local": key[0] == "local",
                "cells": now,
                "kept": kept,
                "applies_before": before,
            }
        )
    # Kept least first; a promise whose share cannot be shown goes after those that can.
    rows.sort(key=lambda r: (r["kept"].percent is None, r["kept"].percent or 0))
    applies = count(period.slug, "promises", "all", "applies")
    with_view = count(period.slug, "promises", "all", "parent_view")
    return {
        "columns": PROMISE_COLUMNS,
        "rows": rows,
        "applies": applies,
        "with_view": with_view,
        "with_view_share": disclosure.share(with_view, applies),
    }


@functools.lru_cache(maxsize=8192)
def _months_after(day, months):
    # The same few hundred days come up for thousands of reviews and plans, page after page.
    return eligibility.months_before(day, -months)


def count_reviews(book, offer, periods, parents):
    """Plan reviews held on time or late, and plans overdue a review at the end of the period."""
    months = offer.review_interval_months if offer else 6
    by_pk = {parent["pk"]: parent for parent in parents}
    # Each plan's day of making, worked out once (by the database) for every period.
    plans = {
        pk: (made_on, by_pk.get(parent_id))
        for pk, made_on, parent_id in SupportPlan.objects.annotate(
            made_on=local_day("created_at")
        ).values_list("pk", "made_on", "parent_id")
    }
    held = defaultdict(list)
    for plan_id, day in PlanReview.objects.values_list("plan_id", "held_on").order_by("held_on"):
        held[plan_id].append(day)

    for p in periods:
        on_time = late = overdue = 0
        for plan_id, (made_on, parent) in plans.items():
            last = made_on
            for day in held[plan_id]:
                if day > p.end:
                    break
                if p.contains(day):
                    if day <= _months_after(last, months):
                        on_time += 1
                    else:
                        late += 1
                last = day
            # Overdue only while the parent is still supported at the end of the period.
            still_supported = parent is not None and parent["first"] <= p.end <= parent["last"]
            if still_supported and _months_after(last, months) < p.end and made_on <= p.end:
                overdue += 1
        book.put((p.slug, "reviews", "on_time"), on_time)
        book.put((p.slug, "reviews", "late"), late)
        book.put((p.slug, "reviews", "overdue"), overdue)
    return [
        ("on_time", _("Reviews held on time")),
        ("late", _("Reviews held late")),
        ("overdue", _("Plans overdue a review at the end of the period")),
    ]
