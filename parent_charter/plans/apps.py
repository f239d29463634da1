from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "parent_charter.plans"
    label = "plans"

    def ready(self):
        from parent_charter.core.registries import parent_reminders
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.parents.facts import facts_changed

        from . import contributions

        # Stages and the plan follow the facts the parents and children apps keep.
        facts_changed.connect(_refresh_plan, dispatch_uid="plans.refresh_on_facts_changed")

        contribute(
            ParentSection(
                key="plan",
                order=40,
                template="plans/section_plan.html",
                context=contributions.plan_section,
                permission="plans.view_plan",
            ),
            ParentSection(
                key="reviews",
                order=50,
                template="plans/section_reviews.html",
                context=contributions.reviews_section,
                permission="plans.view_plan",
            ),
        )
        _register_reminders(parent_reminders, contributions)


def _register_reminders(parent_reminders, contributions) -> None:
    # The parent is reminded of these milestones and of their plan's review (messaging sends).
    parent_reminders.register("plans.milestones", contributions.milestone_reminders)
    parent_reminders.register("plans.reviews", contributions.review_reminders)


def _refresh_plan(sender, *, parent, actor, reason, **kwargs):
    from .services import refresh_parent

    refresh_parent(parent=parent, actor=actor, reason=reason)
