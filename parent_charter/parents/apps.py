from django.apps import AppConfig


class ParentsConfig(AppConfig):
    name = "parent_charter.parents"
    label = "parents"

    def ready(self):
        from parent_charter.core.registries import portal_sections, subject_access
        from parent_charter.core.registries.parent_sections import ParentSection, register

        from . import contributions, views

        register(
            ParentSection(
                key="details",
                order=10,
                template="parents/_section_details.html",
                context=views.details_section,
                permission="parents.view_parent",
            )
        )
        register(
            ParentSection(
                key="eligibility",
                order=20,
                template="parents/_section_eligibility.html",
                context=views.eligibility_section,
                permission="parents.view_parent",
            )
        )
        register(
            ParentSection(
                key="equality",
                order=66,
                template="parents/_section_equality.html",
                context=views.equality_section,
                # Special-category data: only those who hold the parent's casework see it.
                permission="parents.change_parent",
            )
        )
        register(
            ParentSection(
                key="consent",
                order=60,
                template="parents/_section_consent.html",
                context=views.consent_section,
                permission="parents.view_parent",
            )
        )
        portal_sections.register(
            portal_sections.PortalSection(
                key="equality",
                order=90,
                template="parents/portal_panel_equality.html",
                context=contributions.portal_panel,
            )
        )
        subject_access.register(
            "equality", 15, contributions.equality_export, covers=("parents.EqualityAnswers",)
        )
