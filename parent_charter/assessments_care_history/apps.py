from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "parent_charter.assessments_care_history"
    label = "assessments"
    verbose_name = _("Assessments and care history")

    def ready(self):
        from parent_charter.core.registries import parent_trail
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from .contributions import (
            assessments_section,
            break_glass_reasons,
            care_history_section,
            export_for_parent,
            portal_panel,
        )
        from .services import BREAK_GLASS_KIND

        # The reason written for opening the sealed care history, on the parent's audit trail.
        parent_trail.register_reasons(
            "care_history.break_glass", detail_key="access", read=break_glass_reasons
        )

        contribute(
            ParentSection(
                key="assessments",
                order=80,
                template="assessments/section_assessments.html",
                context=assessments_section,
                permission="assessments.view_assessment",
            ),
            ParentSection(
                key="care-history",
                order=85,
                template="assessments/section_care_history.html",
                context=care_history_section,
                permission="assessments.view_care_history_openings",
            ),
            PortalSection(
                key="care-history-openings",
                order=90,
                template="assessments/portal_panel.html",
                context=portal_panel,
            ),
            SubjectAccessExport(
                "assessments",
                90,
                export_for_parent,
                covers=(
                    "assessments.ParentingAssessment",
                    "assessments.CareHistory",
                    "assessments.CareHistoryEntry",
                    "assessments.CareHistoryAccess",
                ),
            ),
            kinds={
                BREAK_GLASS_KIND: _(
                    "%(person)s opened the sealed care history of %(parent)s with a written "
                    "reason. Read the reason on the parent's record."
                ),
            },
        )
