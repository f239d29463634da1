from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "parent_charter.children"
    label = "children"

    def ready(self):
        from parent_charter.core.registries.parent_sections import ParentSection, register

        from .selectors import children_section

        register(
            ParentSection(
                key="children",
                order=30,
                template="children/parent_section.html",
                context=children_section,
                permission="parents.view_parent",
            )
        )
