"""What the concerns app adds to pages other apps own, registered in apps.py: the open-concern
check for a parent's stage, the concerns section of a parent's page, the panel on the parent's
portal home, and the concerns part of the parent's subject-access export (everything held about
their concerns, as they may read it, leaving out what is about someone else)."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.parents.models import Parent

from .models import OPEN_STATUSES, Concern, ConcernSummary
from .selectors import SUMMARY_STATES, _latest_summary, summary_state, with_everything


def _date(value) -> str:
    return date_format(value, "j F Y") if value else "–"


def subject_access_export(parent: Parent) -> list:
    """Everything held about the parent's concerns, as they may read it. The name of whoever
    raised a concern is third-party information and is left out (saying so), and so is anything
    a third party reporter gave (models.Concern.THIRD_PARTY_REPORT_FIELDS)."""
    from parent_charter.core.registries.subject_access import SubjectAccessPart

    concerns = list(
        with_everything(Concern.objects.filter(parent=parent)).order_by("raised_on", "pk")
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


def has_open_concern(parent) -> bool:
    """Registered in core.registries.open_concerns: one query."""
    return Concern.objects.filter(
        council_id=parent.council_id, parent=parent, status__in=OPEN_STATUSES
    ).exists()


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
