"""What the referrals app adds to pages other apps own, registered in apps.py: the "Referrals"
section of a parent's page (each referral, its status and progress), the "Your referrals" panel
of the parent's portal home, and the parent's subject-access export.

The section and the panel use a fixed number of queries (the section two, for the referrals
and for the prompts to offer a programme, however many the parent has) and write no audit
rows: the page that shows them records one event for everything on it.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from parent_charter.core.registries.subject_access import SubjectAccessPart

from .models import (
    PROFESSIONAL_REFERRERS,
    DeliveryContact,
    ProgrammePrompt,
    Referral,
    ReferralStatus,
)
from .presentation import parent_rows
from .selectors import delivery_of, referrals_of
from .selectors_places import open_prompts


def referrals_section(request, parent) -> dict:
    referrals = referrals_of(parent)
    can_refer = request.user.has_perm("referrals.make_referral")
    return {
        "parent": parent,
        "referrals": referrals,
        "can_refer": can_refer,
        # Programmes to offer since a pregnancy or a new baby was recorded (prompts.py).
        "prompts": open_prompts(parent) if can_refer else [],
    }


def portal_section(request, parent) -> dict | None:
    """The "Your referrals" panel of the portal home; hidden when there is nothing to show."""
    from . import selectors, services_self

    rows = parent_rows(selectors.referrals_of(parent))
    can_self_refer = bool(services_self.self_referral_programmes(parent.council))
    if not rows and not can_self_refer:
        return None
    return {"rows": rows, "can_self_refer": can_self_refer}


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _history_line(row: ReferralStatus) -> str:
    line = f"{_day(row.at.date())}: {row.get_status_display()}"
    if row.reason:
        line += f" ({row.reason})"
    if row.outcome:
        line += f" ({row.get_outcome_display()})"
    return line


def _contact_line(contact: DeliveryContact) -> str:
    minutes = ngettext("%(count)d minute", "%(count)d minutes", contact.duration_minutes) % {
        "count": contact.duration_minutes
    }
    line = f"{_day(contact.on)}: {contact.get_method_display()}, {minutes}"
    return f"{line}. {contact.note}" if contact.note else line


def _place_lines(referral) -> list[tuple[str, str]]:
    """The waiting list and when the parent was matched with someone (their names are left
    out, as the volunteers' who recorded updates are)."""
    lines = []
    try:
        entry = referral.waiting
    except Referral.waiting.RelatedObjectDoesNotExist:
        entry = None
    if entry is not None:
        line = str(_("Joined on %(date)s: %(state)s")) % {
            "date": _day(entry.joined_on),
            "state": entry.get_state_display(),
        }
        lines.append((str(_("Waiting list")), line))
    matches = list(referral.matches.all())
    if matches:
        dates = ", ".join(_day(match.matched_at.date()) for match in matches)
        lines.append((str(_("Matched with a volunteer or worker on")), dates))
    return lines


def subject_access_export(parent) -> list[SubjectAccessPart]:
    """The parent's referrals for their subject-access download.

    Left out as other people's information: the name and contact details of a midwife,
    health visitor or other professional who asked for a referral, and the names of staff
    and volunteers who recorded updates.
    """
    referrals = list(
        Referral.objects.filter(parent=parent)
        .select_related("organisation", "programme", "delivery", "waiting")
        .prefetch_related("status_history", "contacts", "matches")
        .order_by("created_at", "pk")
    )
    prompts = list(
        ProgrammePrompt.objects.filter(parent=parent)
        .select_related("programme")
        .order_by("raised_at", "pk")
    )
    if not referrals and not prompts:
        return []
    records = []
    for referral in referrals:
        record = [
            (str(_("Reference")), referral.reference),
            (str(_("Sent to")), referral.organisation.name),
            (str(_("For")), referral.service_label),
            (str(_("Kind of service")), referral.get_kind_display()),
            (str(_("Date sent")), _day(referral.created_at.date())),
            (str(_("Who asked for it")), referral.get_referred_by_display()),
            (str(_("Why, and what you wanted from it")), referral.reason or "–"),
            (str(_("Information shared")), "; ".join(str(x) for x in referral.shared_labels)),
            (str(_("Status now")), referral.get_status_display()),
            (
                str(_("History")),
                "\n".join(_history_line(row) for row in referral.status_history.all()),
            ),
        ]
        delivery = delivery_of(referral)
        if delivery is not None:
            record.append(
                (
                    str(_("How the support is given")),
                    ", ".join(
                        [
                            delivery.get_support_form_display(),
                            delivery.get_support_giver_display(),
                            delivery.get_place_display(),
                            delivery.get_frequency_display(),
                        ]
                    ),
                )
            )
        contacts = list(referral.contacts.all())
        if contacts:
            record.append((str(_("Contacts")), "\n".join(_contact_line(c) for c in contacts)))
        record.extend(_place_lines(referral))
        records.append(record)
    for prompt in prompts:
        records.append(
            [
                (str(_("Offered to you")), prompt.programme.name),
                (str(_("Date")), _day(prompt.raised_at.date())),
                (
                    str(_("What you said")),
                    prompt.get_answer_display() if prompt.answer else str(_("Not asked yet")),
                ),
            ]
        )
    withheld = ""
    if any(r.referred_by in PROFESSIONAL_REFERRERS for r in referrals):
        withheld = str(
            _(
                "The names and contact details of professionals who asked for a referral for "
                "you are left out, because they are other people's information. Your personal "
                "adviser can tell you who they were."
            )
        )
    return [SubjectAccessPart(title=gettext_lazy("Referrals"), records=records, withheld=withheld)]
