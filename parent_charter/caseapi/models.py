"""API clients: another system of the council (its case system, a reporting tool) with a key.

A client's token is shown once, when it is made; only its SHA-256 is kept, beside a short
prefix that finds the row without comparing every hash. Each client acts through an account of
its own (inactive, with no password and no role), so the audit trail and the plan's history
name the client as they name a person, and the services of other apps work unchanged.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel


class Scope(models.TextChoices):
    READ_PARENTS = "parents:read", _("Read parents and their plans")
    UPDATE_ITEM_STATUS = "plan-items:write", _("Update the status of plan items")
    READ_FIGURES = "figures:read", _("Read the council figures")


class ApiClient(CouncilOwnedModel):
    """Holds no personal data, but is scoped like personal records so a council's
    administrator only ever finds the council's own clients."""

    name = models.CharField(_("name"), max_length=100)
    scopes = models.JSONField(_("what it may do"), default=list)
    token_prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    # The rate limit's fixed window: when it began and how many calls it has counted.
    window_started_at = models.DateTimeField(null=True, blank=True)
    window_calls = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        return [str(Scope(s).label) for s in Scope.values if s in self.scopes]
