"""The service directory, in the Open Referral UK shape, with its open API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "parent_charter.directory"
    label = "directory"
    verbose_name = _("Service directory")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink

        from .contributions import services_panel

        contribute(
            DashboardLink(
                key="directory",
                order=60,
                url_name="directory:manage",
                title=_("Service directory"),
                description=_(
                    "Services, organisations, places, opening times and needs that parents "
                    "and the public can search, and that the open data feed publishes."
                ),
                permission="directory.manage_directory",
            ),
            PortalSection(
                key="directory",
                order=70,
                template="directory/portal_section.html",
                context=services_panel,
            ),
        )
