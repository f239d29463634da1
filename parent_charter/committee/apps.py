from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "parent_charter.committee"
    label = "committee"
    verbose_name = _("Committee reports")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.start_page import DashboardLink

        contribute(
            DashboardLink(
                key="committee_reports",
                order=81,
                url_name="committee:index",
                title=_("Committee reports"),
                description=_(
                    "The quarterly report to members on the charter: the council figures with "
                    "charts, the officer's sections, approval, and the PDF in English and Welsh."
                ),
                permission="committee.view_report",
            ),
        )
