from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "parent_charter.children"
    label = "children"

    def ready(self):
        from parent_charter.core.registries import parent_trail
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection

        from .contributions import child_public_ids, children_section

        parent_trail.register_related("children.child", child_public_ids)

        contribute(
            ParentSection(
                key="children",
                order=30,
                template="children/parent_section.html",
                context=children_section,
                permission="parents.view_parent",
            ),
        )
