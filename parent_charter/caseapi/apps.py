from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseApiConfig(AppConfig):
    name = "parent_charter.caseapi"
    label = "caseapi"
    verbose_name = _("Case-records API")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.start_page import DashboardLink

        contribute(
            DashboardLink(
                key="caseapi",
                order=95,
                url_name="caseapi:clients",
                title=_("API clients"),
                description=_(
                    "Let your council's case system and reporting tools read parents, plans "
                    "and figures, and update plan items, each with its own revocable key."
                ),
                permission="caseapi.manage_clients",
            ),
        )
