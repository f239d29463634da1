"""What the referrals app adds to pages other apps own, registered in apps.py: the "Referrals"
section of a parent's page (each referral, its status and progress), the "Your referrals" panel
of the parent's portal home, and the parent's subject-access export.

The section and the panel use a fixed number of queries (the section one, however many
referrals the parent has) and write no audit rows: the page that shows them records one event
for everything on it.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from parent_charter.core.registries.subject_access import SubjectAccessPart

from .models import PROFESSIONAL_REFERRERS, DeliveryContact, Referral, ReferralStatus
from .presentation import parent_rows
from .selectors import delivery_of, referrals_of


def referrals_section(request, parent) -> dict:
    referrals = referrals_of(parent)
    return {
        "parent": parent,
        "referrals": referrals,
        "can_refer": request.user.has_perm("referrals.make_referral"),
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


def subject_access_export(parent) -> list[SubjectAccessPart]:
    """The parent's referrals for their subject-access download.

    Left out as other people's information: the name and contact details of a midwife,
    health visitor or other professional who asked for a referral, and the names of staff
    and volunteers who recorded updates.
    """
    referrals = list(
        Referral.objects.filter(parent=parent)
        .select_related("organisation", "programme", "delivery")
        .prefetch_related("status_history", "contacts")
        .order_by("created_at", "pk")
    )
    if not referrals:
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
        records.append(record)
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
