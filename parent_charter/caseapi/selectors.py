"""Reads of the API clients' pages. Clients hold no personal data; viewing them is not audited."""

from django.db.models import F

from .models import ApiClient


def clients_of_council():
    """The active council's clients (the scope), active ones first, newest first."""
    return ApiClient.objects.select_related("created_by", "revoked_by").order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-pk"
    )


def client_for(public_id) -> ApiClient:
    """One client of the active council. Another council's: DoesNotExist."""
    return ApiClient.objects.select_related("council").get(public_id=public_id)
