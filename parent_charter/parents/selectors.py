"""Reads of parents' records and consents. Each read a person sees is audited."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from parent_charter.audit import services as audit
from parent_charter.authorities.models import PartnerOrganisation
from parent_charter.charter.models import Stage
from parent_charter.core.pages import or_404

from .eligibility import Eligibility, eligibility_for
from .models import ConsentRecord, EqualityAnswers, Parent, ParentStage

STAGE_ORDER = {stage.value: index for index, stage in enumerate(Stage)}


def parents_for_list(*, search: str = ""):
    """Parents of the active council (the scope), with their adviser in the same query."""
    parents = Parent.objects.select_related("personal_adviser").order_by(
        "family_name", "given_name", "pk"
    )
    for word in search.split()[:4]:
        parents = parents.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return parents


def record_list_viewed(*, actor, council, shown: int, page: int) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            council=council,
            action="parent.list.viewed",
            detail={"shown": shown, "page": page},
        )


PARENT_PAGE_RELATED = ("personal_adviser", "council", "council__local_offer")


def parent_for_view(
    *, actor, public_id, related=PARENT_PAGE_RELATED, page: str | None = None
) -> Parent:
    """One parent of the active council, audited as viewed. Another council's: DoesNotExist.

    The council's offer comes in the same query, for the eligibility the page shows. `page`
    names the page in the audit row when it is not the parent's own page.
    """
    with transaction.atomic():
        parent = Parent.objects.select_related(*related).get(public_id=public_id)
        audit.record(
            actor=actor,
            council=parent.council,
            action="parent.viewed",
            obj=parent,
            detail={"page": page} if page else None,
        )
    return parent


def parent_or_404(*, actor, public_id, related=PARENT_PAGE_RELATED, page: str | None = None):
    """The parent a page is about, fetched through the council wall with its read audited
    once. Another council's parent, or none, is a 404."""
    return or_404(parent_for_view, actor=actor, public_id=public_id, related=related, page=page)


def offer_of(council):
    """The council's local offer, or None. Cached on the council once read."""
    return getattr(council, "local_offer", None)


def eligibility_of(parent: Parent, *, today: datetime.date | None = None) -> Eligibility:
    return eligibility_for(
        parent, offer=offer_of(parent.council), today=today or timezone.localdate()
    )


def current_stages(parent: Parent) -> list[Stage]:
    """The charter stages that apply to the parent now, in the charter's order."""
    values = ParentStage.objects.filter(parent=parent).values_list("stage", flat=True)
    return [Stage(value) for value in sorted(values, key=lambda v: STAGE_ORDER.get(v, 99))]


def consents_of(parent: Parent) -> list[ConsentRecord]:
    """Every consent the parent gave, newest first, with who recorded and withdrew it: the
    columns the parent page's consent section shows (parents/_section_consent.html)."""
    return list(
        ConsentRecord.objects.filter(parent=parent)
        .select_related("recorded_by", "withdrawn_by")
        .only(
            "public_id",
            "share_with",
            "information",
            "given_on",
            "withdrawn_on",
            "recorded_by__full_name",
            "withdrawn_by__full_name",
        )
        .order_by("-given_on", "-pk")
    )


def consent_for_view(*, actor, parent_public_id, consent_public_id) -> ConsentRecord:
    """One consent of one parent of the active council, audited as a view of the parent."""
    with transaction.atomic():
        consent = ConsentRecord.objects.select_related(
            "parent__council", "recorded_by", "withdrawn_by", "partner_organisation"
        ).get(public_id=consent_public_id, parent__public_id=parent_public_id)
        audit.record(
            actor=actor,
            council=consent.parent.council,
            action="parent.viewed",
            obj=consent.parent,
            detail={"consent": str(consent.public_id)},
        )
    return consent


def partners_for_consent(council) -> list[PartnerOrganisation]:
    return list(PartnerOrganisation.objects.filter(council=council).order_by("name"))


def active_consents(parent: Parent, organisation, *, on: datetime.date | None = None):
    """The consents in force on a day (today by default) to share with a partner organisation.

    Only consents naming the organisation itself count, not a name typed in by hand.
    """
    day = on or timezone.localdate()
    return ConsentRecord.objects.filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
        parent=parent,
        partner_organisation=organisation,
        given_on__lte=day,
    ).order_by("-given_on", "-pk")


def equality_of(parent: Parent) -> EqualityAnswers:
    """The parent's equality monitoring answers, or unsaved ones saying "not recorded" (at the
    version the first save expects). One query. Not audited here: the page that shows them
    records its own read."""
    found = EqualityAnswers.objects.filter(parent=parent).first()
    return found or EqualityAnswers(parent=parent, council_id=parent.council_id)
