"""Reads of research agreements, exports and objections, each in a fixed number of queries."""

from django.contrib.auth import get_user_model
from django.db.models import Count

from parent_charter.accounts.roles import Role

from .models import DataSharingAgreement, ResearchExport, ResearchObjection


def approvers(council):
    """Who may approve an agreement: the council's own administrators (docs/adr/0021)."""
    return (
        get_user_model()
        .objects.filter(council=council, is_active=True, role_grants__role=Role.COUNCIL_ADMIN)
        .distinct()
        .order_by("full_name")
    )


def agreements():
    """The council's agreements with their approver and how many exports each has."""
    return DataSharingAgreement.objects.select_related("approver").annotate(
        export_count=Count("exports")
    )


def agreement(public_id) -> DataSharingAgreement:
    return DataSharingAgreement.objects.select_related("approver", "recorded_by").get(
        public_id=public_id
    )


def exports_of(agreement):
    return list(
        ResearchExport.objects.filter(agreement=agreement)
        .select_related("requested_by")
        .defer("identifiers", "events", "dictionary")
    )


def export(public_id) -> ResearchExport:
    return ResearchExport.objects.select_related("agreement", "agreement__approver").get(
        public_id=public_id
    )


def open_objection(parent) -> ResearchObjection | None:
    return ResearchObjection.objects.filter(parent=parent, withdrawn_at__isnull=True).first()


def objection_history(parent) -> list[ResearchObjection]:
    """The parent's objections, newest first, as the parent page shows them: when and how
    each was recorded and withdrawn, not by whom."""
    return list(
        ResearchObjection.objects.filter(parent=parent).only(
            "recorded_via", "recorded_at", "withdrawn_via", "withdrawn_at"
        )
    )


def objections_of(parent) -> list[ResearchObjection]:
    return list(
        ResearchObjection.objects.filter(parent=parent).select_related(
            "recorded_by", "withdrawn_by"
        )
    )
