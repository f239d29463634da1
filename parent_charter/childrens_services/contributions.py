"""What this app adds to pages other apps own, registered in apps.py: the "things to tell"
and children's services sections of a parent's page (fixed queries, no audit writes: the page
records one `parent.viewed`), and the parent's subject-access download.

The download has each referral with every round of its evidence and every step taken (held,
sent, returned, withdrawn) with who took it and why. Who reported a piece of evidence is shown
only when it was a worker or the parent themself: a professional's or another person's details
may identify someone else, so they are left out and the parent is told; what another person
(not a professional) reported is left out too, as a concern's third-party reporter's words are.
The guard's counted events hold no words about the parent (the steps already say what
happened), so they are declared withheld.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parent_charter.core.registries.subject_access import SubjectAccessPart
from parent_charter.notifications.models import ParentNotice

from .models import ChildrenServicesReferral, ReferralEvidence, ReferralStep, SourceKind
from .selectors import STATUS_TAGS

# Whose details may be shown to the parent: staff acting in their role, or the parent.
_SHOWN_SOURCES = {SourceKind.SEEN_BY_ME, SourceKind.SEEN_BY_WORKER, SourceKind.PARENT}


def _day(value) -> str:
    if value is None:
        return "–"
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
        return f"{date_format(value, 'j F Y')}, {value:%H:%M}"
    return date_format(value, "j F Y")


def _child(child) -> str:
    if child is None:
        return "–"
    if child.given_name:
        return child.given_name
    if child.due_date:
        return _("Your baby due on %(date)s") % {"date": _day(child.due_date)}
    return _("Not named yet")


def _evidence_line(piece) -> tuple[str, bool]:
    """One piece of evidence in words, and whether who reported it was left out."""
    source = piece.get_source_kind_display()
    hidden = piece.source_kind not in _SHOWN_SOURCES
    if not hidden and piece.source_detail:
        source = f"{source}: {piece.source_detail}"
    what = piece.what
    if piece.source_kind == SourceKind.OTHER:
        # Someone who is not a professional: their words may name or place them (as a
        # concern's third-party reporter, concerns.models).
        what = _("What they reported is left out, because it could identify them.")
    line = _("%(date)s – %(source)s\n%(what)s") % {
        "date": _day(piece.seen_on),
        "source": source,
        "what": what,
    }
    if piece.impact and piece.source_kind != SourceKind.OTHER:
        line += "\n" + _("How it was said to affect your child's safety: %(impact)s") % {
            "impact": piece.impact
        }
    if piece.background:
        line += "\n" + _("This was older evidence, kept only as background.")
    if piece.flagged:
        line += "\n" + _("The referral guard marked this as possibly resting on your past.")
    return line, hidden


def export(parent) -> list[SubjectAccessPart]:
    referrals = list(
        ChildrenServicesReferral.objects.filter(parent=parent)
        .select_related("child", "created_by", "sent_by")
        .prefetch_related(
            Prefetch(
                "evidence", queryset=ReferralEvidence.objects.order_by("round", "position", "pk")
            ),
            Prefetch(
                "steps", queryset=ReferralStep.objects.select_related("actor").order_by("at", "pk")
            ),
        )
        .order_by("created_at", "pk")
    )
    if not referrals:
        return []
    records, any_hidden = [], False
    for referral in referrals:
        evidence = []
        for piece in referral.evidence.all():
            line, hidden = _evidence_line(piece)
            any_hidden |= hidden
            evidence.append((_("Evidence, version %(round)s") % {"round": piece.round}, line))
        steps = "\n".join(
            " – ".join(
                part
                for part in (
                    _day(step.at),
                    step.get_step_display(),
                    step.actor.full_name if step.actor else "",
                    step.reason,
                )
                if part
            )
            for step in referral.steps.all()
        )
        records.append(
            [
                (_("What this is"), referral.get_kind_display()),
                (_("Child or unborn baby"), _child(referral.child)),
                (_("Grounds"), "; ".join(referral.ground_labels) or "–"),
                (_("Started on"), _day(referral.created_at)),
                (
                    _("Started by"),
                    referral.created_by.full_name if referral.created_by else "–",
                ),
                (_("Status now"), referral.get_status_display()),
                (_("Sent on"), _day(referral.sent_at)),
                (_("Sent to"), referral.get_sent_to_display() or "–"),
                *evidence,
                (_("What happened, step by step"), steps or "–"),
            ]
        )
    withheld = ""
    if any_hidden:
        withheld = _(
            "Who reported a piece of evidence is left out when it was another professional or "
            "another person, because it may identify someone else, and so is what another "
            "person (not a professional) reported. Your adviser can tell you what may be "
            "shared."
        )
    return [
        SubjectAccessPart(
            title=gettext_lazy("Referrals to children's services"),
            records=records,
            withheld=withheld,
        )
    ]


def referrals_section(request, parent) -> dict:
    rows = list(
        ChildrenServicesReferral.objects.filter(parent=parent)
        .select_related("created_by")
        # What section_referrals.html shows of each.
        .only("public_id", "kind", "status", "created_at", "created_by__full_name")
        .order_by("-created_at", "-pk")
    )
    return {
        "parent": parent,
        "referrals": [(row, STATUS_TAGS.get(row.status, "")) for row in rows],
        "can_make": request.user.has_perm("safeguards.make_referral"),
    }


def notices_section(request, parent) -> dict:
    return {
        "parent": parent,
        "notices": list(
            ParentNotice.objects.filter(parent=parent, told_at__isnull=True).order_by(
                "created_at", "pk"
            )
        ),
    }
