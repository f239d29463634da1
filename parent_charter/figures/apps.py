from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "parent_charter.figures"
    label = "figures"
    verbose_name = _("Council figures")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.start_page import DashboardLink

        contribute(
            DashboardLink(
                key="figures_council",
                order=80,
                url_name="figures:index",
                title=_("Council figures"),
                description=_(
                    "Whether the charter's promises are kept: parents supported, promises, "
                    "referrals, separation, challenges and money, beside the period before."
                ),
                permission="figures.view_figures",
            ),
        )
