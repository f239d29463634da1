from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "parent_charter.retention"
    label = "retention"
    verbose_name = _("Retention and disposal")

    def ready(self):
        from parent_charter.core.registries import subject_access
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions

        contribute(
            ParentSection(
                key="retention",
                order=95,
                template="retention/parent_section.html",
                context=contributions.staff_section,
                permission="parents.view_parent",
            ),
            DashboardLink(
                key="retention_due",
                order=96,
                url_name="retention:due",
                title=_("Records due for disposal"),
                description=_(
                    "Records kept for their full period after support ended: propose or "
                    "approve their disposal."
                ),
                permission="retention.manage_disposal",
            ),
            DashboardLink(
                key="retention_schedule",
                order=97,
                url_name="retention:schedule",
                title=_("Retention schedule"),
                description=_("How long the council keeps each kind of record, and why."),
                permission="retention.view_schedule",
            ),
            SubjectAccessExport(
                "retention", 990, contributions.export_retention, covers=("retention.SupportEnd",)
            ),
        )
        subject_access.withhold(
            "retention.DisposalRequest",
            what=_("Requests by staff to dispose of records that are past their keeping period"),
            why=_(
                "They record the council's own housekeeping, not information about you; what "
                "is kept and for how long is in the part about keeping your information."
            ),
        )
