"""Reads of referrals: the council's list, one referral, and what a partner may see of it.

What a partner sees is worked out each time they look, from the consent in force that day:
while it is in force, the parent's name and the kinds of information named on the referral;
once withdrawn, only that consent was withdrawn. Values the parent did not agree to share are
never fetched for a partner's page, so no template can show them by mistake.

Every page costs the same number of queries however many referrals it shows. Reads of
personal data are audited here; the parent-page and portal sections are not (their pages
record one event for everything on them).
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from parent_charter.audit import services as audit
from parent_charter.children.models import ChildParent
from parent_charter.core.pages import read_audited
from parent_charter.parents.models import ConsentRecord, Parent, display_name_fields
from parent_charter.plans import milestones
from parent_charter.plans.models import ItemStatus, PlanItem

from .models import (
    OPEN_STATUSES,
    DeliveryContact,
    Match,
    Referral,
    ReferralStatus,
    SharedInformation,
    Status,
)


def consent_in_force_expression(today: datetime.date | None = None) -> Exists:
    """True where a consent in force today names the referral's parent and organisation.

    The same rule as parents.selectors.active_consents, as a subquery for lists.
    """
    day = today or timezone.localdate()
    return Exists(
        ConsentRecord.objects.filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
            parent=OuterRef("parent"),
            partner_organisation=OuterRef("organisation"),
            given_on__lte=day,
        )
    )


def _with_progress(referrals):
    contacts = DeliveryContact.objects.filter(referral=OuterRef("pk")).order_by()
    return referrals.annotate(
        contact_count=Coalesce(
            Subquery(contacts.values("referral").annotate(n=Count("pk")).values("n")[:1]),
            0,
        ),
        last_contact_on=Subquery(
            contacts.values("referral").annotate(last=Max("on")).values("last")[:1]
        ),
        consent_in_force=consent_in_force_expression(),
    )


# --- The council's referrals, for case workers -------------------------------------------


def referrals_for_list(*, status: str = ""):
    referrals = Referral.objects.select_related("parent", "organisation", "programme").order_by(
        "-created_at", "-pk"
    )
    if status in Status.values:
        referrals = referrals.filter(status=status)
    return _with_progress(referrals)


def record_list_viewed(*, actor, council, shown: int, page: int, partner: bool = False) -> None:
    read_audited(
        actor=actor,
        council=council,
        action="referral.list.viewed",
        detail={"shown": shown, "page": page, "partner": partner},
    )


def _one_referral():
    return Referral.objects.select_related(
        "parent__council",
        "parent__personal_adviser",
        "organisation",
        "programme",
        "consent",
        "created_by",
        "delivery",
        "waiting",
    ).prefetch_related(
        Prefetch(
            "matches",
            queryset=Match.objects.filter(ended_at__isnull=True).select_related("worker"),
            to_attr="current_matches",
        ),
        Prefetch(
            "status_history",
            queryset=ReferralStatus.objects.select_related("by").order_by("at", "pk"),
        ),
        Prefetch(
            "contacts",
            queryset=DeliveryContact.objects.select_related("recorded_by").order_by("-on", "-pk"),
        ),
    )


def referral_for_view(*, actor, public_id, form: str = "") -> Referral:
    """One referral of the active council, audited as viewed. Another council's: DoesNotExist."""
    with transaction.atomic():
        referral = (
            _one_referral()
            .annotate(consent_in_force=consent_in_force_expression())
            .get(public_id=public_id)
        )
        audit.record(
            actor=actor,
            council=referral.parent.council,
            action="referral.viewed",
            obj=referral.parent,
            detail={"referral": str(referral.public_id), **({"form": form} if form else {})},
        )
    return referral


def delivery_of(referral: Referral):
    """The referral's delivery arrangement, or None (select_related fetched it already)."""
    try:
        return referral.delivery
    except Referral.delivery.RelatedObjectDoesNotExist:
        return None


def parent_for_new_referral(*, public_id) -> Parent:
    return Parent.objects.select_related("council", "personal_adviser").get(public_id=public_id)


def consents_in_force(parent: Parent) -> list[ConsentRecord]:
    """The parent's consents in force today that name one of the council's partners."""
    day = timezone.localdate()
    return list(
        ConsentRecord.objects.filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
            parent=parent,
            partner_organisation__isnull=False,
            given_on__lte=day,
        )
        .select_related("partner_organisation")
        .order_by("partner_organisation__name", "-given_on", "-pk")
    )


# --- What a partner sees ------------------------------------------------------------------


# What a row of the partner's list shows: the parent's name (while consent is in force), the
# programme or kind, when it was sent and its status. Anything else read in a row would cost a
# query per row.
PARTNER_LIST_FIELDS = (
    "public_id",
    "council",
    "organisation",
    "kind",
    "status",
    "created_at",
    *display_name_fields("parent"),
    "programme__name",
)


def referrals_for_partner(organisation_id):
    """Referrals to one organisation, newest first, with whether consent is in force."""
    return (
        Referral.objects.filter(organisation_id=organisation_id)
        .select_related("parent", "programme")
        .only(*PARTNER_LIST_FIELDS)
        .annotate(consent_in_force=consent_in_force_expression())
        .order_by("-created_at", "-pk")
    )


def referral_for_partner(*, public_id, organisation_id) -> Referral:
    """A referral to the partner's own organisation; any other is DoesNotExist (404)."""
    if organisation_id is None:
        raise Referral.DoesNotExist
    return (
        _one_referral()
        .annotate(consent_in_force=consent_in_force_expression())
        .get(public_id=public_id, organisation_id=organisation_id)
    )


@dataclass
class ChildShown:
    name: str
    date_of_birth: datetime.date


@dataclass
class PartnerView:
    """What a partner may see of a referral now. Fields not consented to stay empty."""

    referral: Referral
    consent_in_force: bool
    withdrawn_on: datetime.date | None = None
    visible: list[str] = field(default_factory=list)
    parent_name: str = ""
    contact: list[tuple[str, str]] = field(default_factory=list)
    date_of_birth: datetime.date | None = None
    children: list[ChildShown] = field(default_factory=list)
    due_dates: list[datetime.date] = field(default_factory=list)
    plan_items: list[tuple[str, str]] = field(default_factory=list)
    reason: str = ""
    care_status: str = ""
    care_category: str = ""

    @property
    def visible_labels(self) -> list[str]:
        return [SharedInformation(v).label for v in self.visible]

    def shows(self, category: str) -> bool:
        return category in self.visible


def partner_view_of(referral: Referral) -> PartnerView:
    """Build what the partner may see, fetching only what the parent agreed to share.

    `referral` comes from referral_for_partner (consent_in_force annotated).
    """
    if not referral.consent_in_force:
        last = (
            ConsentRecord.objects.filter(
                parent_id=referral.parent_id,
                partner_organisation_id=referral.organisation_id,
                withdrawn_on__isnull=False,
            )
            .order_by("-withdrawn_on", "-pk")
            .values_list("withdrawn_on", flat=True)
            .first()
        )
        return PartnerView(referral=referral, consent_in_force=False, withdrawn_on=last)
    parent = referral.parent
    visible = [value for value in SharedInformation.values if value in referral.shared]
    view = PartnerView(
        referral=referral,
        consent_in_force=True,
        visible=visible,
        parent_name=parent.display_name,
    )
    if SharedInformation.CONTACT in visible:
        view.contact = _contact_rows(parent)
    if SharedInformation.DATE_OF_BIRTH in visible:
        view.date_of_birth = parent.date_of_birth
    if SharedInformation.CHILDREN in visible or SharedInformation.PREGNANCY in visible:
        children = [
            link.child
            for link in ChildParent.objects.filter(parent=parent)
            .select_related("child")
            .order_by(Coalesce("child__date_of_birth", "child__due_date"), "child__pk")
        ]
        if SharedInformation.CHILDREN in visible:
            view.children = [
                ChildShown(child.given_name or _("Baby (no name recorded)"), child.date_of_birth)
                for child in children
                if child.is_born
            ]
        if SharedInformation.PREGNANCY in visible:
            view.due_dates = [child.due_date for child in children if child.is_expected]
    if SharedInformation.PLAN_SUMMARY in visible:
        view.plan_items = plan_summary_for_partner(parent)
    if SharedInformation.REASON in visible:
        view.reason = referral.reason
    if SharedInformation.CARE_LEAVER in visible:
        view.care_status = parent.get_care_status_display()
        view.care_category = parent.get_care_category_display() if parent.care_category else ""
    return view


def _contact_rows(parent: Parent) -> list[tuple[str, str]]:
    rows = [
        (_("Phone"), parent.phone),
        (_("Email"), parent.email),
        (_("Address"), "\n".join(filter(None, [parent.address, parent.postcode]))),
        (
            _("Best way to contact them"),
            parent.get_preferred_contact_display() if parent.preferred_contact else "",
        ),
        (_("Language"), parent.get_preferred_language_display()),
    ]
    return [(label, value) for label, value in rows if value]


# The promises agreed or under way. Titles leave out the child's name or dates, which belong
# to the children and pregnancy kinds of information, not to the plan's.
PLAN_STATUSES_SHOWN = (ItemStatus.ACCEPTED, ItemStatus.IN_PROGRESS)


def plan_summary_for_partner(parent: Parent) -> list[tuple[str, str]]:
    items = (
        PlanItem.objects.filter(
            plan__parent=parent, closed_at__isnull=True, status__in=PLAN_STATUSES_SHOWN
        )
        .select_related("commitment", "local_commitment")
        .order_by("order", "pk")
    )
    rows = []
    for item in items:
        if item.commitment_id:
            title = item.commitment.title
        elif item.local_commitment_id:
            title = item.local_commitment.title
        else:
            milestone = milestones.BY_KEY.get(item.milestone_key)
            title = str(milestone.title) if milestone else ""
        if title:
            rows.append((title, item.get_status_display()))
    return rows


def record_partner_viewed(*, actor, view: PartnerView, form: str = "") -> None:
    referral = view.referral
    read_audited(
        actor=actor,
        council=referral.parent.council,
        action="referral.viewed",
        obj=referral.parent,
        detail={
            "referral": str(referral.public_id),
            "as": "partner",
            "consent_in_force": view.consent_in_force,
            "shown": view.visible,
            **({"form": form} if form else {}),
        },
    )


# --- Sections of other pages ---------------------------------------------------------------


def referrals_of(parent: Parent) -> list[Referral]:
    """A parent's referrals with their progress, newest first, in one query."""
    return list(
        _with_progress(
            Referral.objects.filter(parent=parent)
            .select_related("organisation", "programme", "delivery")
            .order_by("-created_at", "-pk")
        )
    )


def awaiting_partner_count(user) -> int:
    """Referrals to the partner's organisation still waiting for an answer (one query)."""
    if user.partner_organisation_id is None:
        return 0
    return Referral.objects.filter(
        organisation_id=user.partner_organisation_id, status__in=[Status.SENT, Status.RECEIVED]
    ).count()


def open_programme_referrals(parent: Parent) -> dict[int, Referral]:
    """The parent's open referrals to programmes, newest per programme, by programme id (one
    query): the referral forms warn against sending a second while one is open."""
    found: dict[int, Referral] = {}
    referrals = (
        Referral.objects.filter(parent=parent, programme__isnull=False, status__in=OPEN_STATUSES)
        .select_related("programme", "organisation")
        .order_by("-created_at", "-pk")
    )
    for referral in referrals:
        found.setdefault(referral.programme_id, referral)
    return found
