"""A parent referring themself to a programme from the portal: their consent is recorded in
the same step, the referral goes to the programme's organisation, and their adviser is told."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import claim_or_raise, complete_submission
from parent_charter.notifications.services import notify_staff
from parent_charter.parents import services as parent_services
from parent_charter.parents.models import Parent

from .models import Referral, ReferredBy, ServiceKind, SharedInformation
from .services import (
    advisers_of,
    audit_detail,
    check_not_open,
    check_shared,
    create_referral,
    staff_url,
)


def self_referral_programmes(council) -> list:
    """Programmes of the council's offer that a parent may refer themself to."""
    from parent_charter.offers.models import Programme, ReferralRoute

    programmes = Programme.objects.filter(offer__council=council).select_related("provider")
    return [
        p for p in programmes.order_by("order", "name") if ReferralRoute.SELF in p.referral_routes
    ]


def make_self_referral(
    *,
    parent: Parent,
    user,
    programme,
    message: str,
    shared,
    form_token=None,
    while_open_confirmed: bool = False,
) -> Referral:
    """A parent refers themself to a programme, agreeing in the same step to share `shared`.

    Their consent is recorded as a consent record of its own (recorded by them), the referral
    is sent to the programme's organisation, and their adviser is told at once. While an
    earlier referral to the programme is open, OpenReferralExists names it, unless
    `while_open_confirmed`.
    """
    if programme.offer.council_id != parent.council_id:
        raise ValueError("The programme is not part of the parent's council's offer.")
    if programme not in self_referral_programmes(parent.council):
        raise ValueError("This programme does not take self-referrals.")
    shared = check_shared(shared)
    organisation = programme.provider
    with transaction.atomic():
        claim = claim_or_raise(
            form_token or uuid.uuid4(), object_type="referrals.referral", model=Referral
        )
        still_open = check_not_open(parent, programme, while_open_confirmed)
        labels = [str(SharedInformation(value).label) for value in shared]
        consent = parent_services.consent_give(
            parent=parent,
            actor=user,
            form_token=uuid.uuid4(),
            share_with=organisation.name,
            partner_organisation=organisation,
            information="\n".join(
                [
                    *labels,
                    _("Agreed by the parent online, when they referred themself to %(name)s.")
                    % {"name": programme.name},
                ]
            ),
            given_on=timezone.localdate(),
        )
        referral = create_referral(
            parent=parent,
            actor=user,
            organisation=organisation,
            programme=programme,
            kind=ServiceKind.PROGRAMME,
            referred_by=ReferredBy.SELF,
            reason=(message or "").strip(),
            shared=shared,
            consent=consent,
            professional={},
        )
        complete_submission(claim, referral)
        notify_staff(
            council=parent.council,
            recipients=advisers_of(parent),
            kind="referrals.self_referral",
            params={
                "parent": parent.display_name,
                "programme": programme.name,
                "organisation": organisation.name,
            },
            url=staff_url(referral),
        )
        audit.record(
            actor=user,
            council=parent.council,
            action="referral.self_referred",
            obj=parent,
            detail=audit_detail(referral, still_open),
        )
    return referral
