"""Reads of concerns: the concern page, the council's open concerns, the parent-page section,
the parent's own portal page and panel, and the subject-access export.

Every page costs the same number of queries however many records it shows. Reads of personal
data are audited here; the parent-page section and the portal panel are not (their pages
record one event for everything on them).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.audit import services as audit
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

# --- The stage check --------------------------------------------------------------------------


def has_open_concern(parent) -> bool:
    """Registered in core.registries.open_concerns: one query."""
    return Concern.objects.filter(
        council_id=parent.council_id, parent=parent, status__in=OPEN_STATUSES
    ).exists()


# --- Parents and concerns for pages -----------------------------------------------------------


def parent_for_concern(*, public_id) -> Parent:
    """A parent of the active council (another council's: DoesNotExist)."""
    return Parent.objects.select_related("council", "personal_adviser").get(public_id=public_id)


def record_parent_viewed(*, actor, parent: Parent, form: str) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=parent.council,
            action="parent.viewed",
            obj=parent,
            detail={"form": form},
        )


def _concerns():
    return Concern.objects.select_related(
        "council", "parent__council", "parent__personal_adviser", "recorded_by", "closed_by"
    )


def _with_everything(queryset):
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
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=concern.council,
            action="concern.viewed",
            obj=concern,
            detail={"form": form},
        )


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
    with transaction.atomic():
        concern = _with_everything(_concerns()).get(public_id=public_id)
        audit.record(actor=actor, council=concern.council, action="concern.viewed", obj=concern)
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
    with transaction.atomic():
        audit.record(
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


# --- The section on the parent's page --------------------------------------------------------


def concerns_section(request, parent: Parent) -> dict:
    """The parent's concerns, newest first, with the state of each one's summary. One query."""
    rows = [
        (
            concern,
            SUMMARY_STATES[
                summary_state(
                    concern.summary_number,
                    concern.summary_shared_on,
                    concern.summary_acknowledged_at,
                )
            ],
        )
        for concern in Concern.objects.filter(parent=parent)
        .annotate(
            summary_number=_latest_summary("number"),
            summary_shared_on=_latest_summary("shared_on"),
            summary_acknowledged_at=_latest_summary("acknowledged_at"),
        )
        .order_by("-raised_on", "-pk")
    ]
    return {
        "parent": parent,
        "concern_rows": rows,
        "can_raise": request.user.has_perm("concerns.change_concern"),
    }


# --- The parent's own view (portal) -----------------------------------------------------------


@dataclass(frozen=True)
class PortalConcern:
    """A concern as its parent sees it: never the name of who raised it, nor the evidence
    notes written for staff (the summary tells the parent what is happening in plain words)."""

    public_id: object
    raised_on: datetime.date
    raised_by: str
    status: str
    is_open: bool
    outcome: str
    outcome_detail: str
    closed_on: datetime.date | None
    summary: ConcernSummary | None
    earlier_summaries: list
    offers: list
    requests: list
    views: list
    support: list


def _for_parent(concern: Concern) -> PortalConcern:
    summaries = list(concern.summaries.all())
    return PortalConcern(
        public_id=concern.public_id,
        raised_on=concern.raised_on,
        raised_by=concern.raised_by_for_parent,
        status=concern.get_status_display(),
        is_open=concern.is_open,
        outcome=concern.get_outcome_display() if concern.outcome else "",
        outcome_detail=concern.outcome_detail,
        closed_on=concern.closed_on,
        summary=summaries[0] if summaries else None,
        earlier_summaries=summaries[1:],
        offers=list(concern.offers.all()),
        requests=list(concern.requests.all()),
        views=list(concern.parent_views.all()),
        support=list(concern.support_items.all()),
    )


def portal_concerns(*, actor, parent: Parent) -> list[PortalConcern]:
    """The signed-in parent's own concerns, newest first, audited as a read by the parent."""
    with transaction.atomic():
        concerns = list(
            _with_everything(Concern.objects.filter(parent=parent)).order_by("-raised_on", "-pk")
        )
        audit.record(
            actor=actor,
            council=parent.council,
            action="concern.portal.viewed",
            obj=parent,
            detail={"concerns": len(concerns)},
        )
    return [_for_parent(concern) for concern in concerns]


def summary_for_parent(*, parent: Parent, public_id) -> ConcernSummary:
    """A summary of one of this parent's concerns; anyone else's is DoesNotExist."""
    return ConcernSummary.objects.select_related("concern").get(
        public_id=public_id, concern__parent=parent
    )


def portal_panel(request, parent: Parent) -> dict | None:
    """The portal home's panel: hidden for a parent with no concern. One query."""
    counts = Concern.objects.filter(parent=parent).aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(status__in=OPEN_STATUSES))
    )
    if not counts["total"]:
        return None
    latest = (
        ConcernSummary.objects.filter(concern__parent=parent, concern__status__in=OPEN_STATUSES)
        .order_by("concern", "-number")
        .values("concern", "acknowledged_at")
    )
    newest: dict = {}
    for row in latest:
        newest.setdefault(row["concern"], row["acknowledged_at"])
    return {
        "open_concerns": counts["open"],
        "to_acknowledge": sum(1 for at in newest.values() if at is None),
    }


# --- Subject access -------------------------------------------------------------------------


def _date(value) -> str:
    return date_format(value, "j F Y") if value else "–"


def subject_access_export(parent: Parent) -> list:
    """Everything held about the parent's concerns, as they may read it. The name of whoever
    raised a concern is third-party information and is left out (saying so), and so is anything
    a third party reporter gave (models.Concern.THIRD_PARTY_REPORT_FIELDS)."""
    from parent_charter.core.registries.subject_access import SubjectAccessPart

    concerns = list(
        _with_everything(Concern.objects.filter(parent=parent)).order_by("raised_on", "pk")
    )
    if not concerns:
        return []
    records = []
    for concern in concerns:
        record = [
            (_("Raised on"), _date(concern.raised_on)),
            (_("Raised by"), concern.raised_by_for_parent),
        ]
        if not concern.raised_by_third_party:
            record += [
                (_("What was seen or reported"), concern.evidence_what),
                (_("When it was seen or happened"), _date(concern.evidence_when)),
                (_("Where the information came from"), concern.evidence_source),
            ]
        record.append((_("Status"), concern.get_status_display()))
        if concern.closed_on:
            record += [
                (_("Closed on"), _date(concern.closed_on)),
                (_("Outcome"), concern.get_outcome_display()),
                (_("About the outcome"), concern.outcome_detail or "–"),
            ]
        for summary in reversed(list(concern.summaries.all())):
            label = _("Summary version %(number)s") % {"number": summary.number}
            record.append(
                (label, f"{summary.what_is_happening}\n\n{summary.the_plan}"),
            )
            record.append(
                (
                    _("Summary version %(number)s acknowledged") % {"number": summary.number},
                    _date(summary.acknowledged_at and timezone.localdate(summary.acknowledged_at)),
                )
            )
        for offer in concern.offers.all():
            record.append(
                (
                    _("%(kind)s offered on %(date)s")
                    % {"kind": offer.get_kind_display(), "date": _date(offer.offered_on)},
                    offer.get_answer_display() + (f". {offer.note}" if offer.note else ""),
                )
            )
        for request in concern.requests.all():
            decision = request.get_decision_display()
            if request.reasons:
                decision = f"{decision}. {request.reasons}"
            record.append(
                (
                    _("Your request of %(date)s: %(kind)s")
                    % {"date": _date(request.requested_on), "kind": request.get_kind_display()},
                    decision,
                )
            )
        for view in concern.parent_views.all():
            record.append(
                (_("Your view, given on %(date)s") % {"date": _date(view.given_on)}, view.words)
            )
        for item in concern.support_items.all():
            record.append(
                (_("Support in your plan"), f"{item.title} ({item.get_status_display()})")
            )
        records.append(record)
    withheld = []
    if any(c.raised_by_name and not c.raised_by_third_party for c in concerns):
        withheld.append(
            _(
                "The name of the person who raised a concern is left out: it is information "
                "about someone else. Their role and organisation are shown."
            )
        )
    if any(c.raised_by_third_party for c in concerns):
        withheld.append(
            _(
                "When a concern was raised by someone who was not a professional acting in "
                "their role (a relative, a friend, a neighbour, a member of the public, or "
                "someone who did not give their name), only that kind of person is shown. "
                "Anything that could identify them is left out: their name and organisation, "
                "the notes of what they reported and where it came from. The summary written "
                "for you says what the concern is about."
            )
        )
    return [
        SubjectAccessPart(
            title=gettext_lazy("Concerns raised about parenting"),
            records=records,
            withheld=" ".join(str(text) for text in withheld),
        )
    ]
