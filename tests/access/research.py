"""Access-matrix rows for research exports: council administrators record agreements and ask
for exports; a file goes only to the approver the agreement names (here Hillford's council
administrator; another administrator gets 403, tested in tests/research); advisers and team
managers record a parent's objection; the parent objects in the portal."""

import datetime
import uuid

from django.utils import timezone
from django_scopes import scope

from parent_charter.accounts.roles import Role
from parent_charter.research import services
from parent_charter.research.models import ExportStatus, ResearchExport
from tests.factories import TOTPDeviceFactory, UserFactory

ADMINS = {"council_admin"}
RECORDERS = {"pa", "manager"}

ROWS = {
    "research:index": ("research.manage_agreement", ADMINS, {}),
    "research:add": ("research.manage_agreement", ADMINS, {}),
    "research:agreement": ("research.manage_agreement", ADMINS, {"kwargs": "research_agreement"}),
    "research:build": (
        "research.manage_agreement",
        ADMINS,
        {"kwargs": "research_agreement", "method": "post"},
    ),
    "research:download": ("research.download_export", ADMINS, {"kwargs": "research_file"}),
    "research:object": (
        "research.record_objection",
        RECORDERS,
        {"kwargs": "parent", "method": "post"},
    ),
    "research:withdraw": (
        "research.record_objection",
        RECORDERS,
        {"kwargs": "parent", "method": "post"},
    ),
    "research_portal:index": ("portal.use_portal", {"parent"}, {}),
    "research_portal:object": ("portal.use_portal", {"parent"}, {"method": "post"}),
    "research_portal:withdraw": ("portal.use_portal", {"parent"}, {"method": "post"}),
}


def agreement_in(council, approver, **overrides):
    today = timezone.localdate()
    fields = {
        "organisation": "Hillford University",
        "purpose": "An evaluation of the Baby Steps programme.",
        "article_6": "6_1_e",
        "article_9": "9_2_j",
        "lawful_basis_detail": "DPA 2018 Schedule 1 paragraph 4.",
        "fields": ["parent_role", "stages", "partner_referrals"],
        "starts_on": today - datetime.timedelta(days=30),
        "ends_on": today + datetime.timedelta(days=365),
        "approver": approver,
        **overrides,
    }
    return services.agreement_create(
        council=council, actor=approver, form_token=uuid.uuid4(), **fields
    )


def make_targets(ctx) -> dict:
    """An agreement in each council (Hillford's approved by its council administrator) with a
    built export."""
    approvers = {
        "hillford": ctx["council_admin"],
        "eastmere": UserFactory(council=ctx["eastmere"], roles=[Role.COUNCIL_ADMIN]),
    }
    TOTPDeviceFactory(user=approvers["eastmere"])
    agreements, exports = {}, {}
    for which in ("hillford", "eastmere"):
        council = ctx[which]
        with scope(council=council.pk):
            agreement = agreement_in(council, approvers[which])
            export = ResearchExport.objects.create(
                council=council,
                agreement=agreement,
                status=ExportStatus.READY,
                identifiers="join_key\n",
                events="join_key\n",
                dictionary="file\n",
            )
        agreements[which], exports[which] = agreement, export
    return {
        "research_agreement": {k: {"public_id": a.public_id} for k, a in agreements.items()},
        "research_file": {
            k: {"public_id": e.public_id, "file": "events"} for k, e in exports.items()
        },
    }
