"""Reads of concerns: the concern page and the council's open concerns. The parent's own
portal page is read in `portal`; what this app adds to other apps' pages (the parent-page
section, the portal panel, the open-concern check, the subject-access export) is in
`contributions`.

Every page costs the same number of queries however many records it shows. Reads of personal
data are audited here.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.core.form_reads import record_form_viewed
from parent_charter.core.pages import read_audited
from parent_charter.parents.models import Parent
from parent_charter.plans.models import ItemSource, PlanItem

from .models import (
    OPEN_STATUSES,
    Concern,
    ConcernOffer,
    ConcernRequest,
    ConcernSummary,
    OfferAnswer,
    ParentView,
    SupportArea,
)

# --- Parents and concerns for pages -----------------------------------------------------------


def parent_for_concern(*, public_id) -> Parent:
    """A parent of the active council (another council's: DoesNotExist)."""
    return Parent.objects.select_related("council", "personal_adviser").get(public_id=public_id)


def _concerns():
    return Concern.objects.select_related(
        "council", "parent__council", "parent__personal_adviser", "recorded_by", "closed_by"
    )


def with_everything(queryset):
    """Concerns with everything recorded under them, in a fixed number of queries (the
    concern page, the parent's portal page and the subject-access export)."""
    return queryset.prefetch_related(
        Prefetch(
            "summaries",
            queryset=ConcernSummary.objects.select_related(
                "written_by", "shared_recorded_by"
            ).order_by("-number"),
        ),
        Prefetch(
            "offers",
            queryset=ConcernOffer.objects.select_related("recorded_by").order_by(
                "offered_on", "pk"
            ),
        ),
        Prefetch(
            "requests",
            queryset=ConcernRequest.objects.select_related(
                "recorded_by", "decision_recorded_by"
            ).order_by("requested_on", "pk"),
        ),
        Prefetch(
            "parent_views",
            queryset=ParentView.objects.select_related("recorded_by").order_by("-given_on", "-pk"),
        ),
        Prefetch(
            "support_items",
            queryset=PlanItem.objects.filter(source=ItemSource.SUPPORT)
            .select_related("owner")
            .order_by("created_at", "pk"),
        ),
    )


def concern_for_change(*, public_id) -> Concern:
    """A concern of the active council to change; the change is audited by its service."""
    return _concerns().get(public_id=public_id)


def record_concern_viewed(*, actor, concern: Concern, form: str) -> None:
    """A form that shows the concern is a read of it too."""
    record_form_viewed(actor=actor, obj=concern, action="concern.viewed", form=form)


def summary_for_change(*, concern: Concern, public_id) -> ConcernSummary:
    return concern.summaries.select_related("concern").get(public_id=public_id)


def offer_for_change(*, concern: Concern, public_id) -> ConcernOffer:
    return concern.offers.select_related("concern__parent").get(public_id=public_id)


def request_for_change(*, concern: Concern, public_id) -> ConcernRequest:
    return concern.requests.select_related("concern__parent").get(public_id=public_id)


def referral_url(parent: Parent, kind: str) -> str:
    """The referrals page for this parent and kind of service, or "" while that page is not
    part of the installed service (the referrals app owns it; this app only links to it)."""
    try:
        url = reverse("referrals:create", kwargs={"parent_id": parent.public_id})
    except NoReverseMatch:
        return ""
    return f"{url}?kind={kind}"


# --- The concern page -------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    on: datetime.date
    text: str
    order: int = 0


@dataclass
class ConcernPage:
    concern: Concern
    summaries: list
    offers: list  # (offer, referral url or "")
    requests: list
    views: list
    support: list  # (item, area label)
    timeline: list


def concern_for_page(*, actor, public_id) -> ConcernPage:
    """One concern with everything recorded around it, audited as `concern.viewed`."""
    concern = with_everything(_concerns()).get(public_id=public_id)
    read_audited(actor=actor, council=concern.council, action="concern.viewed", obj=concern)
    parent = concern.parent
    offers = [
        (
            offer,
            referral_url(parent, offer.kind) if offer.answer == OfferAnswer.ACCEPTED else "",
        )
        for offer in concern.offers.all()
    ]
    areas = dict(SupportArea.choices)
    return ConcernPage(
        concern=concern,
        summaries=list(concern.summaries.all()),
        offers=offers,
        requests=list(concern.requests.all()),
        views=list(concern.parent_views.all()),
        support=[(item, areas.get(item.support_area, "")) for item in concern.support_items.all()],
        timeline=timeline(concern),
    )


def _day(value) -> datetime.date:
    return timezone.localdate(value) if isinstance(value, datetime.datetime) else value


def timeline(concern: Concern) -> list[TimelineEntry]:
    """What happened, oldest first, from the records already fetched with the concern."""
    entries = [
        TimelineEntry(
            concern.raised_on,
            _("Concern raised by: %(who)s") % {"who": concern.get_raised_by_role_display()},
        )
    ]
    for summary in concern.summaries.all():
        number = {"number": summary.number}
        entries.append(
            TimelineEntry(
                _day(summary.written_at), _("Summary version %(number)s written") % number
            )
        )
        if summary.shared_on:
            entries.append(
                TimelineEntry(
                    summary.shared_on,
                    _("Summary version %(number)s shared with the parent: %(how)s")
                    % {**number, "how": summary.get_shared_how_display()},
                    1,
                )
            )
        if summary.acknowledged_at:
            entries.append(
                TimelineEntry(
                    _day(summary.acknowledged_at),
                    _("The parent acknowledged summary version %(number)s") % number,
                    2,
                )
            )
    for offer in concern.offers.all():
        kind = {"kind": offer.get_kind_display()}
        entries.append(TimelineEntry(offer.offered_on, _("%(kind)s offered") % kind))
        if offer.answered_on:
            entries.append(
                TimelineEntry(
                    offer.answered_on,
                    _("%(kind)s: %(answer)s") % {**kind, "answer": offer.get_answer_display()},
                    1,
                )
            )
    for request in concern.requests.all():
        kind = {"kind": request.get_kind_display()}
        entries.append(TimelineEntry(request.requested_on, _("The parent asked: %(kind)s") % kind))
        if request.decided_on:
            entries.append(
                TimelineEntry(
                    request.decided_on,
                    _("Decision on the request (%(kind)s): %(decision)s")
                    % {**kind, "decision": request.get_decision_display()},
                    1,
                )
            )
    for view in concern.parent_views.all():
        entries.append(TimelineEntry(view.given_on, _("The parent gave their view")))
    for item in concern.support_items.all():
        entries.append(
            TimelineEntry(
                _day(item.created_at),
                _("Support added to the plan: %(title)s") % {"title": item.title},
            )
        )
    if concern.closed_on:
        entries.append(
            TimelineEntry(
                concern.closed_on,
                _("Concern closed: %(outcome)s") % {"outcome": concern.get_outcome_display()},
                9,
            )
        )
    return sorted(entries, key=lambda entry: (entry.on, entry.order))


# --- The council's open concerns ------------------------------------------------------------


def open_concern_count() -> int:
    """For the start-page link: one query in the active council's scope."""
    return Concern.objects.filter(status__in=OPEN_STATUSES).count()


def _latest_summary(field: str):
    return Subquery(
        ConcernSummary.objects.filter(concern=OuterRef("pk")).order_by("-number").values(field)[:1]
    )


def open_concerns():
    """The active council's open concerns, oldest first, each with its latest summary's state.
    One query for the page, whatever its length."""
    return (
        _concerns()
        .filter(status__in=OPEN_STATUSES)
        .annotate(
            summary_number=_latest_summary("number"),
            summary_shared_on=_latest_summary("shared_on"),
            summary_acknowledged_at=_latest_summary("acknowledged_at"),
        )
        .order_by("raised_on", "pk")
    )


def record_list_viewed(*, actor, shown: int, page: int) -> None:
    read_audited(
        actor=actor,
        council=actor.council,
        action="concern.list.viewed",
        detail={"shown": shown, "page": page},
    )


SUMMARY_STATES = {
    "none": gettext_lazy("No summary written"),
    "unshared": gettext_lazy("Not yet shared with the parent"),
    "shared": gettext_lazy("Shared, not yet acknowledged"),
    "acknowledged": gettext_lazy("Acknowledged by the parent"),
}


def summary_state(number, shared_on, acknowledged_at) -> str:
    if number is None:
        return "none"
    if acknowledged_at is not None:
        return "acknowledged"
    return "shared" if shared_on is not None else "unshared"
