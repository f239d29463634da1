from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransfersConfig(AppConfig):
    name = "parent_charter.transfers"
    label = "transfers"
    verbose_name = _("Moving between councils")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions

        contribute(
            DashboardLink(
                key="transfers",
                order=45,
                url_name="transfers:index",
                title=_("Moving between councils"),
                description=_(
                    "Parents moving here from another council's area, waiting for your "
                    "decision, and moves this council has proposed."
                ),
                permission="transfers.decide",
                count=contributions.waiting_count,
                count_text=contributions.waiting_text,
            ),
            ParentSection(
                key="transfers",
                order=97,
                template="transfers/parent_section.html",
                context=contributions.parent_section,
                permission="parents.view_parent",
            ),
            PortalSection(
                key="transfers",
                order=15,
                template="transfers/portal_panel.html",
                context=contributions.portal_panel,
            ),
            SubjectAccessExport(
                "transfers",
                95,
                contributions.subject_access_export,
                covers=("transfers.Transfer", "transfers.TransferStep"),
            ),
            kinds={
                "transfers.incoming": _(
                    "A parent moving here from %(council)s is waiting for your decision."
                ),
                "transfers.accepted": _("%(council)s accepted the move you proposed."),
                "transfers.declined": _("%(council)s declined the move you proposed."),
                "transfers.consent_asked": _(
                    "Your adviser has proposed that another council supports you. Please tell us "
                    "if you agree."
                ),
            },
        )
