"""Messages to staff and notices for parents, raised by the system's own rules.

A staff notification tells a named member of staff that something needs them: a referral held
for a manager's decision, a sealed care history opened, a letter-box date coming up, a
challenge going overdue. A parent notice is what the parent is told, shown in their portal and
passed on by their adviser until they have an account. Both are stored as a kind and its
parameters, and put into words in the reader's language when shown (kinds.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.core.models import CouncilOwnedModel
from parent_charter.core.registries.notification_kinds import describe


class StaffNotification(CouncilOwnedModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    # Where to go to act on it: a path naming records by public_id only.
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.kind

    @property
    def text(self) -> str:
        return describe(self.kind, self.params)


class ParentNotice(CouncilOwnedModel):
    parent = models.ForeignKey("parents.Parent", on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the adviser passed it on in person, or the parent saw it in the portal.
    told_at = models.DateTimeField(_("told on"), null=True, blank=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.kind

    @property
    def text(self) -> str:
        return describe(self.kind, self.params)
