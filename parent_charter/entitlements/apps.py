from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntitlementsConfig(AppConfig):
    name = "parent_charter.entitlements"
    label = "entitlements"
    verbose_name = _("Rights and entitlements")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink

        from .contributions import rights_panel

        contribute(
            PortalSection(
                key="rights",
                order=60,
                template="entitlements/portal_panel.html",
                context=rights_panel,
            ),
            DashboardLink(
                key="entitlements-local",
                order=82,
                url_name="entitlements:local_list",
                title=_("Your council's own grants and offers"),
                description=_(
                    "Money and other help your council offers beyond the national schemes, as "
                    "parents see it in the rights guide."
                ),
                permission="entitlements.manage_local",
            ),
        )
