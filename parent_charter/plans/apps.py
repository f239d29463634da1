from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "parent_charter.plans"
    label = "plans"

    def ready(self):
        from parent_charter.core.registries.parent_sections import ParentSection, register

        from . import views

        register(
            ParentSection(
                key="plan",
                order=40,
                template="plans/section_plan.html",
                context=views.plan_section,
                permission="plans.view_plan",
            )
        )
        register(
            ParentSection(
                key="reviews",
                order=50,
                template="plans/section_reviews.html",
                context=views.reviews_section,
                permission="plans.view_plan",
            )
        )
