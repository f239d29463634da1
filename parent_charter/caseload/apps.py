from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseloadConfig(AppConfig):
    """Caseload and oversight pages over parents, children and plans: an adviser's caseload,
    the team's, reassigning a parent and a parent's timeline. Kept apart from the parents app,
    which plans and children build on, so that parents imports neither."""

    name = "parent_charter.caseload"
    label = "caseload"
    verbose_name = _("Caseload")

    def ready(self):
        from .sections import register_sections

        # The links section of a parent's page: timeline, audit trail, change of adviser.
        register_sections()
