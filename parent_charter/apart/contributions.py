"""What this app adds to other pages: the parent-page section, the portal panel and the
parent's subject-access download. Registered in apps.py.

The section and the panel read in a fixed number of queries and write no audit rows: the
pages they sit on record one view for everything shown.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.core.registries.parent_reminders import DueReminder, window
from parent_charter.core.registries.subject_access import SubjectAccessPart

from . import selectors
from .models import ContactKind, Supporter


def parent_section(request, parent) -> dict:
    """Next contact and letter-box dates per child apart, for the staff view of a parent."""
    rows = selectors.contacts_by_child(parent)
    return {
        "parent": parent,
        "rows": [row for row in rows if row.apart or row.active_arrangements],
        "can_record": request.user.has_perm("apart.record_living_apart"),
    }


def portal_panel(request, parent) -> dict | None:
    """ "Seeing your child": upcoming contact and letters, only for a parent living apart."""
    rows = [row for row in selectors.contacts_by_child(parent) if row.apart]
    if not rows:
        return None
    return {"parent": parent, "rows": rows}


def _day(value) -> str:
    return date_format(value, "j F Y") if value else "–"


def _text(value) -> str:
    return value or "–"


def subject_access(parent) -> list[SubjectAccessPart]:
    """What the living-apart records hold about the parent, in words.

    The names of the people who supervise or arrange contact, pass letters on, or came to a
    meeting as the parent's own supporter are about other people, so they are left out and
    the parent is told so.
    """
    children = selectors.contacts_by_child(parent, with_history=True)
    arrangements = [(row, a) for row in children for a in row.arrangements]
    sessions = [(row, session) for row, a in arrangements for session in a.sessions.all()]
    letters = [
        (row, exchange)
        for row, a in arrangements
        if a.kind == ContactKind.LETTER_BOX
        for exchange in a.letter_exchanges.all()
    ]
    parts = [
        SubjectAccessPart(
            title=gettext_lazy("Keeping in touch with your child"),
            records=[_arrangement_record(row, a) for row, a in arrangements],
            withheld=_(
                "The names of the people who supervise or arrange contact are left out, "
                "because they are about other people. Your adviser can tell you who they are."
            ),
        ),
        SubjectAccessPart(
            title=gettext_lazy("Contact sessions"),
            records=[_session_record(row, session) for row, session in sessions],
        ),
        SubjectAccessPart(
            title=gettext_lazy("Letter-box contact"),
            records=[_letter_record(row, exchange) for row, exchange in letters],
            withheld=_(
                "The names of the people your letters go through are left out, because "
                "they are about other people."
            ),
        ),
        SubjectAccessPart(
            title=gettext_lazy("Claims for the costs of contact"),
            records=[_claim_record(claim) for claim in selectors.claims_of(parent)],
        ),
        SubjectAccessPart(
            title=gettext_lazy("Hearings and meetings"),
            records=[_proceeding_record(p) for p in selectors.proceedings_of(parent)],
            withheld=_(
                "The names of other people who came with you are left out, because they "
                "are about other people."
            ),
        ),
        SubjectAccessPart(
            title=gettext_lazy("Support with grief and loss"),
            records=[_grief_record(offer) for offer in selectors.grief_support_of(parent)],
        ),
    ]
    return [part for part in parts if part.records]


def _arrangement_record(row, arrangement) -> list[tuple[str, str]]:
    return [
        (_("Child"), row.label),
        (_("Kind of contact"), arrangement.get_kind_display()),
        (_("How often"), arrangement.get_frequency_display()),
        (_("Next date"), _day(arrangement.next_date)),
        (_("Where"), _text(arrangement.next_place)),
        (_("Started"), _day(arrangement.started_on)),
        (_("Ended"), _day(arrangement.ended_on)),
        (_("Notes"), _text(arrangement.notes)),
    ]


def _session_record(row, session) -> list[tuple[str, str]]:
    return [
        (_("Child"), row.label),
        (_("Date"), _day(session.held_on)),
        (_("What happened"), session.get_outcome_display()),
        (_("Notes"), _text(session.notes)),
    ]


def _letter_record(row, exchange) -> list[tuple[str, str]]:
    return [
        (_("Child"), row.label),
        (_("Your letter is due"), _day(exchange.due_on)),
        (_("Your letter was sent"), _day(exchange.sent_on)),
        (_("A letter was received"), _day(exchange.received_on)),
        (_("Notes"), _text(exchange.notes)),
    ]


def _claim_record(claim) -> list[tuple[str, str]]:
    receipt = selectors.receipt_of(claim)
    return [
        (_("What kind of cost"), claim.get_kind_display()),
        (_("What it was for"), claim.description),
        (_("Amount"), f"£{claim.amount:,.2f}"),
        (_("Date of the journey or cost"), _day(claim.journey_date)),
        (_("Status"), claim.get_status_display()),
        (_("Reason"), _text(claim.decision_reason)),
        (_("Date paid"), _day(claim.paid_on)),
        (_("Receipt"), receipt.original_name if receipt else _("None")),
    ]


def _proceeding_record(proceeding) -> list[tuple[str, str]]:
    kind = proceeding.get_kind_display()
    if proceeding.kind_other:
        kind = f"{kind}: {proceeding.kind_other}"
    supporters = [
        str(label)
        for value, label in Supporter.choices
        if value in proceeding.supporters and value != Supporter.OTHER
    ]
    if Supporter.OTHER in proceeding.supporters:
        supporters.append(_("someone else you chose"))
    return [
        (_("Kind of hearing or meeting"), kind),
        (_("Date"), _day(proceeding.held_on)),
        (_("Where"), _text(proceeding.place)),
        (_("Who went with you"), ", ".join(supporters) or "–"),
        (_("Outcome"), _text(proceeding.outcome)),
    ]


def _grief_record(offer) -> list[tuple[str, str]]:
    follow_ups = "\n".join(
        f"{_day(follow_up.on)}: {follow_up.note}" for follow_up in offer.follow_ups.all()
    )
    return [
        (_("Date offered"), _day(offer.offered_on)),
        (_("Offered by"), offer.offered_by),
        (_("Kind of support"), offer.get_kind_display()),
        (_("Your answer"), offer.get_answer_display()),
        (_("Notes"), _text(offer.notes)),
        (_("Follow-ups"), follow_ups or "–"),
    ]


# --- Reminders to the parent (core.registries.parent_reminders) ---------------------------


def date_reminders(council, today) -> list:
    """Contact sessions and letter-box letters within the reminder window: two queries. The
    parent is reminded of the date only; the message never names the child."""
    start, end = window(today)
    arrangements = selectors.contact_due(council=council, start=start, end=end).select_related(
        "parent__council"
    )
    exchanges = selectors.letter_box_due(council=council, start=start, end=end).select_related(
        "arrangement__parent__council"
    )
    return [
        DueReminder(
            parent=arrangement.parent,
            kind="reminder_contact",
            key=f"contact:{arrangement.public_id}:{arrangement.next_date.isoformat()}",
            date=arrangement.next_date,
        )
        for arrangement in arrangements
    ] + [
        DueReminder(
            parent=exchange.arrangement.parent,
            kind="reminder_letter_box",
            key=f"letter-box:{exchange.public_id}:{exchange.due_on.isoformat()}",
            date=exchange.due_on,
        )
        for exchange in exchanges
    ]
