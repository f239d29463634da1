"""The promises of the local offer as plan items kept them, and plan reviews held on time."""

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Commitment
from parent_charter.offers.models import LocalCommitment
from parent_charter.parents import eligibility
from parent_charter.plans.models import (
    ItemStatus,
    PlanItem,
    PlanItemStatus,
    PlanReview,
    SupportPlan,
)

from .. import disclosure
from .common import day_reader, local_day

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
    items = list(
        PlanItem.objects.filter(Q(commitment__isnull=False) | Q(local_commitment__isnull=False))
        .annotate(created_day=local_day("created_at"), closed_day=local_day("closed_at"))
        .values(
            "pk",
            "commitment_id",
            "local_commitment_id",
            "created_day",
            "closed_day",
            "due_date",
            "status",
            "parent_view",
        )
    )
    history = defaultdict(list)
    for item_id, status, day in (
        PlanItemStatus.objects.filter(
            item__in=[i["pk"] for i in items] if len(items) < 500 else PlanItem.objects.all()
        )
        .annotate(day=local_day("at"))
        .values_list("item_id", "status", "day")
        .order_by("at", "pk")
    ):
        history[item_id].append((day, status))
    known = {key for key, *_r in promises}
    for p in periods:
        start, end = p.start, p.end
        tally = defaultdict(int)
        for item in items:
            key = (
                ("charter", item["commitment_id"])
                if item["commitment_id"]
                else ("local", item["local_commitment_id"])
            )
            if key not in known:
                continue
            if item["created_day"] > end:
                continue
            if item["closed_day"] is not None and item["closed_day"] < start:
                continue
            statuses = [s for day, s in history[item["pk"]] if day <= end]
            status = statuses[-1] if statuses else ItemStatus.TO_DISCUSS
            tally[(key, "applies")] += 1
            tally[(key, STATUS_COLUMN[status])] += 1
            finished = status in (ItemStatus.DELIVERED, ItemStatus.DECLINED, ItemStatus.NOT_NEEDED)
            if item["due_date"] and item["due_date"] < end and not finished:
                tally[(key, "overdue")] += 1
            if item["parent_view"].strip():
                tally[("all", "parent_view")] += 1
            tally[("all", "applies")] += 1
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


def count_reviews(book, offer, periods, parents):
    """Plan reviews held on time or late, and plans overdue a review at the end of the period."""
    months = offer.review_interval_months if offer else 6
    by_pk = {parent["pk"]: parent for parent in parents}
    plans = {
        pk: (created, by_pk.get(parent_id))
        for pk, created, parent_id in SupportPlan.objects.values_list(
            "pk", "created_at", "parent_id"
        )
    }
    held = defaultdict(list)
    for plan_id, day in PlanReview.objects.values_list("plan_id", "held_on").order_by("held_on"):
        held[plan_id].append(day)

    def due_after(day):
        return eligibility.months_before(day, -months)

    day_of = day_reader()

    for p in periods:
        on_time = late = overdue = 0
        for plan_id, (created, parent) in plans.items():
            last = day_of(created)
            for day in held[plan_id]:
                if day > p.end:
                    break
                if p.contains(day):
                    if day <= due_after(last):
                        on_time += 1
                    else:
                        late += 1
                last = day
            # Overdue only while the parent is still supported at the end of the period.
            still_supported = parent is not None and parent["first"] <= p.end <= parent["last"]
            if still_supported and due_after(last) < p.end and day_of(created) <= p.end:
                overdue += 1
        book.put((p.slug, "reviews", "on_time"), on_time)
        book.put((p.slug, "reviews", "late"), late)
        book.put((p.slug, "reviews", "overdue"), overdue)
    return [
        ("on_time", _("Reviews held on time")),
        ("late", _("Reviews held late")),
        ("overdue", _("Plans overdue a review at the end of the period")),
    ]
