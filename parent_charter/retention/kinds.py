"""The kinds of record a council keeps about a parent, what disposing of each removes, and the
suggested UK retention period the schedule starts from.

Each council's schedule (models.RetentionRule) may change the period and the reason of any kind;
the kinds themselves, and what "disposing of" one removes, are code. Periods count from the day
the council recorded that its support for the parent ended.

The defaults are a starting point for the council's records manager, not legal advice: each is
the period commonly used for the nearest kind of local authority record, and says why.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RecordKind:
    key: str
    order: int
    label: str  # lazily translated
    # What the parent is told this kind covers, and what disposal removes.
    covers: str  # lazily translated
    default_months: int
    default_reason: str  # lazily translated
    # The models whose rows are this kind ("app_label.Model"), and their field naming the parent.
    models: tuple[str, ...]
    parent_field: str = "parent_id"

    def querysets(self, parent) -> list:
        """The records of this kind held about the parent (in the active council scope)."""
        return [
            apps.get_model(name).objects.filter(**{self.parent_field: parent.pk})
            for name in self.models
        ]

    def counts_for(self, parent_ids) -> dict[int, int]:
        """How many records of this kind each of these parents has: one query per model."""
        counts: dict[int, int] = {}
        for name in self.models:
            rows = (
                apps.get_model(name)
                .objects.filter(**{f"{self.parent_field}__in": parent_ids})
                .values(self.parent_field)
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                key = row[self.parent_field]
                counts[key] = counts.get(key, 0) + row["n"]
        return counts


KINDS: dict[str, RecordKind] = {
    kind.key: kind
    for kind in (
        RecordKind(
            key="care_history",
            order=10,
            label=_("Summary of time in care"),
            covers=_("The sealed summary of the parent's own time in care, and who opened it."),
            default_months=24,
            default_reason=_(
                "A copy made for this service. The council's children's services keep the full "
                "care record until the person's 75th birthday (in England, regulation 50 of the "
                "Care Planning, Placement and Case Review (England) Regulations 2010), so this "
                "copy is not needed long after support ends."
            ),
            models=("assessments.CareHistory", "assessments.CareHistoryAccess"),
        ),
        RecordKind(
            key="partner_referrals",
            order=20,
            label=_("Referrals to partner services"),
            covers=_("Referrals to partner services, their statuses and what was delivered."),
            default_months=72,
            default_reason=_(
                "Six years: the time within which most claims can be brought (Limitation Act "
                "1980), so the council can show what it shared and with whose agreement."
            ),
            models=("referrals.Referral",),
        ),
        RecordKind(
            key="challenges",
            order=30,
            label=_("Challenges"),
            covers=_("Challenges the parent raised through the portal, and the responses."),
            default_months=72,
            default_reason=_(
                "Six years, as for complaints: the time within which most claims can be "
                "brought (Limitation Act 1980)."
            ),
            models=("portal.Challenge",),
        ),
        RecordKind(
            key="assessments",
            order=40,
            label=_("Parenting assessments"),
            covers=_("Parenting assessments and their findings."),
            default_months=96,
            default_reason=_(
                "Eight years after the case closes, as local authorities commonly keep adult "
                "social care case records (IRMS retention guidelines for local government)."
            ),
            models=("assessments.ParentingAssessment",),
        ),
        RecordKind(
            key="living_apart",
            order=50,
            label=_("Living apart from a child"),
            covers=_(
                "Contact arrangements, letter-box exchanges, contact sessions, cost claims with "
                "their receipts, court proceedings and grief support."
            ),
            default_months=96,
            default_reason=_(
                "Eight years after the case closes, as for adult social care case records. "
                "Cost claims are also financial records, which are kept for six years."
            ),
            models=(
                "apart.ContactArrangement",
                "apart.CostClaim",
                "apart.Proceeding",
                "apart.GriefSupportOffer",
            ),
        ),
        RecordKind(
            key="concerns",
            order=60,
            label=_("Concerns raised"),
            covers=_("Concerns raised about a child's safety, their evidence and outcomes."),
            default_months=420,
            default_reason=_(
                "35 years, as local authorities commonly keep child protection records (IRMS "
                "retention guidelines): inquiries into how children were protected can come "
                "many years later."
            ),
            models=("concerns.Concern",),
        ),
        RecordKind(
            key="childrens_services_referrals",
            order=70,
            label=_("Referrals to children's services"),
            covers=_("Referrals to children's services, their evidence and each step taken."),
            default_months=420,
            default_reason=_(
                "35 years, as local authorities commonly keep child protection records (IRMS "
                "retention guidelines)."
            ),
            models=("safeguards.ChildrenServicesReferral",),
        ),
        RecordKind(
            key="parent_record",
            order=90,
            label=_("The parent's record"),
            covers=_(
                "The parent's details, consents, stages, support plan and its reviews, messages, "
                "children's details held only for this parent, and the portal account. "
                "Disposed of last: it cannot go while records kept for longer remain."
            ),
            default_months=96,
            default_reason=_(
                "Eight years after support ends, as local authorities commonly keep adult "
                "social care case records (IRMS retention guidelines for local government), "
                "which is longer than the six years within which most claims can be brought."
            ),
            models=("parents.Parent",),
            parent_field="pk",
        ),
    )
}


def ordered_kinds() -> list[RecordKind]:
    return sorted(KINDS.values(), key=lambda kind: kind.order)


def choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in ordered_kinds()]
