from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseImportConfig(AppConfig):
    name = "parent_charter.caseimport"
    label = "caseimport"
    verbose_name = _("Import from a case system")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions

        contribute(
            SubjectAccessExport(
                "caseimport", 985, contributions.export, covers=("caseimport.CaseRecordLink",)
            ),
            DashboardLink(
                key="caseimport",
                order=90,
                url_name="caseimport:start",
                title=_("Import parents from a case system"),
                description=_(
                    "Bring parents and children in from a CSV file exported by your case "
                    "system, checked row by row before anything is saved."
                ),
                permission="caseimport.import_cases",
            ),
        )
