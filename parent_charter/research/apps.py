from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "parent_charter.research"
    label = "research"
    verbose_name = _("Research exports")

    def ready(self):
        from parent_charter.core.registries import portal_sections, subject_access
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.parent_sections import register as register_section
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.start_page import register as register_link

        from . import contributions

        register_link(
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
            )
        )
        register_section(
            ParentSection(
                key="research",
                order=95,
                template="research/parent_section.html",
                context=contributions.parent_section,
                permission="research.view_objection",
            )
        )
        portal_sections.register(
            portal_sections.PortalSection(
                key="research",
                order=90,
                template="research/portal_panel.html",
                context=contributions.portal_panel,
            )
        )
        subject_access.register(
            "research",
            90,
            contributions.subject_access_export,
            covers=("research.ResearchObjection",),
        )
