from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "parent_charter.network"
    label = "network"
    verbose_name = _("The charter network")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.start_page import DashboardLink

        contribute(
            DashboardLink(
                key="network_view",
                order=10,
                url_name="network:index",
                title=_("The charter network"),
                description=_(
                    "Which councils have signed up to the charter, by nation, and how the "
                    "councils that share their figures compare."
                ),
                permission="network.view_network",
            ),
            DashboardLink(
                key="network_sharing",
                order=85,
                url_name="network:sharing",
                title=_("Sharing figures with the network"),
                description=_(
                    "Whether the council's figures join the comparison across councils that "
                    "network coordinators see."
                ),
                permission="network.change_sharing",
            ),
        )
