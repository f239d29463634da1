"""The staff and parent roles, and which of them may see personal records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PERSONAL_ADVISER = "personal_adviser", _("Personal adviser")
    TEAM_MANAGER = "team_manager", _("Team manager")
    SOCIAL_WORKER = "social_worker", _("Social worker or assessor")
    PARTNER_WORKER = "partner_worker", _("Partner worker")
    ANALYST = "analyst", _("Committee member or analyst")
    COUNCIL_ADMIN = "council_admin", _("Council administrator")
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    PARENT = "parent", _("Parent")


# Roles that belong to one council. A network coordinator spans councils but sees
# aggregate figures only, so holds no council.
COUNCIL_ROLES = frozenset(Role) - {Role.NETWORK_COORDINATOR}
STAFF_ROLES = frozenset(Role) - {Role.PARENT}
