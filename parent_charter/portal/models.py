"""The parent portal: a parent's sign-in joined to their record, and how it came about."""

from django.conf import settings
from django.db import models

from parent_charter.core.models import CouncilOwnedModel


class PortalAccount(CouncilOwnedModel):
    """A parent's own sign-in, joined to their record. Made by their adviser's invitation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_account"
    )
    parent = models.OneToOneField(
        "parents.Parent", on_delete=models.CASCADE, related_name="portal_account"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Portal account {self.public_id}"
