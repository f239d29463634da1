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
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection

        from .contributions import links_context

        contribute(
            # The links section of a parent's page: timeline, audit trail, change of adviser.
            ParentSection(
                key="links",
                order=90,
                template="caseload/section_links.html",
                context=links_context,
            ),
        )
