"""Demo: in Herefordshire (whose offer has Baby Steps), a university's evaluation of Baby
Steps under a data-sharing agreement approved by Ceri, the council administrator, with an
export asked for (the background worker builds it), and one parent who objected to research
use through their adviser, so the export shows someone left out."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.parents.models import Parent
from parent_charter.research import services
from parent_charter.research.models import DataSharingAgreement

DEMO_COUNCIL = "herefordshire"
ORGANISATION = "University of the Marches, Family Research Unit"
AGREEMENT = {
    "organisation": ORGANISATION,
    "purpose": (
        "An evaluation of the Baby Steps befriending programme for care-experienced parents: "
        "whether parents referred to it keep their babies with them more often, and start "
        "support sooner, than parents who were not referred."
    ),
    "article_6": "6_1_e",
    "article_9": "9_2_j",
    "lawful_basis_detail": (
        "Data Protection Act 2018, Schedule 1, Part 1, paragraph 4 (research), with the "
        "safeguards of Article 89. The signed agreement and its data protection impact "
        "assessment are kept by the information governance team."
    ),
    "fields": ["parent_role", "stages", "children", "child_living", "partner_referrals"],
}


def _admin(council):
    users = get_user_model().objects.filter(council=council, is_active=True).order_by("pk")
    return next((user for user in users if user.has_role(Role.COUNCIL_ADMIN)), None)


def _adviser_parent():
    # Not a parent with a portal account, who can then object (or not) for themselves.
    return (
        Parent.objects.filter(personal_adviser__isnull=False, portal_account__isnull=True)
        .order_by("-pk")
        .first()
    )


def seed(council) -> str:
    if council.slug != DEMO_COUNCIL:
        return ""
    admin = _admin(council)
    if admin is None:
        return ""
    with scope(council=council.pk):
        if DataSharingAgreement.objects.filter(organisation=ORGANISATION).exists():
            return ""
        today = timezone.localdate()
        agreement = services.agreement_create(
            council=council,
            actor=admin,
            form_token=uuid.uuid4(),
            starts_on=today - datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=365),
            approver=admin,
            **AGREEMENT,
        )
        made = ["data-sharing agreement for the Baby Steps evaluation"]
        objector = _adviser_parent()
        if objector is not None:
            services.objection_record(
                parent=objector, actor=objector.personal_adviser, via="adviser"
            )
            made.append("one parent's objection to research use")
        services.request_export(agreement=agreement, actor=admin)
        made.append("an export asked for")
    return ", ".join(made)
