from django.apps import AppConfig


class ParentsConfig(AppConfig):
    name = "parent_charter.parents"
    label = "parents"

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions, views

        contribute(
            ParentSection(
                key="details",
                order=10,
                template="parents/_section_details.html",
                context=views.details_section,
                permission="parents.view_parent",
            ),
            ParentSection(
                key="eligibility",
                order=20,
                template="parents/_section_eligibility.html",
                context=views.eligibility_section,
                permission="parents.view_parent",
            ),
            ParentSection(
                key="equality",
                order=66,
                template="parents/_section_equality.html",
                context=views.equality_section,
                # Special-category data: only those who hold the parent's casework see it.
                permission="parents.change_parent",
            ),
            ParentSection(
                key="consent",
                order=60,
                template="parents/_section_consent.html",
                context=views.consent_section,
                permission="parents.view_parent",
            ),
            PortalSection(
                key="equality",
                order=90,
                template="parents/portal_panel_equality.html",
                context=contributions.portal_panel,
            ),
            SubjectAccessExport(
                "equality", 15, contributions.equality_export, covers=("parents.EqualityAnswers",)
            ),
        )
