from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "parent_charter.research"
    label = "research"
    verbose_name = _("Research exports")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions

        contribute(
            DashboardLink(
                key="research",
                order=83,
                url_name="research:index",
                title=_("Research exports"),
                description=_(
                    "Data-sharing agreements with research bodies, and the split-file exports "
                    "made under them."
                ),
                permission="research.manage_agreement",
            ),
            ParentSection(
                key="research",
                order=95,
                template="research/parent_section.html",
                context=contributions.parent_section,
                permission="research.view_objection",
            ),
            PortalSection(
                key="research",
                order=90,
                template="research/portal_panel.html",
                context=contributions.portal_panel,
            ),
            SubjectAccessExport(
                "research",
                90,
                contributions.subject_access_export,
                covers=("research.ResearchObjection",),
            ),
        )
