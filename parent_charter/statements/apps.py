from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    """The privacy notice, accessibility statement, cookies page and feedback page that every
    page's footer links to, each naming the council whose details apply."""

    name = "parent_charter.statements"
    label = "statements"
    verbose_name = _("Privacy, accessibility and cookies")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.start_page import DashboardLink

        contribute(
            DashboardLink(
                key="statements_details",
                order=98,
                url_name="statements:council_details",
                title=_("Privacy notice details"),
                description=_(
                    "The council's data protection officer and Welsh name, shown on its public "
                    "pages."
                ),
                permission="statements.change_details",
            ),
        )
