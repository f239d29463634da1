from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "parent_charter.portal"
    label = "portal"
    verbose_name = _("Parent portal")

    def ready(self):
        from parent_charter.core.registries import parent_landing, subject_access
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions, messages, panels, selectors
        from .exporter import COVERS, export_parent

        # The portal's one-time links are sent through Notify by the messaging app.
        messages.register()

        parent_landing.register(contributions.parent_landing)

        contribute(
            ParentSection(
                key="portal",
                order=90,
                template="portal/staff/parent_section.html",
                context=contributions.staff_section,
                permission="parents.view_parent",
            ),
            DashboardLink(
                key="portal_challenges",
                order=30,
                url_name="portal_staff:challenges",
                title=_("Challenges from parents"),
                description=_(
                    "Promises parents feel were not kept, waiting for the council's response."
                ),
                permission="portal.handle_challenges",
                count=lambda request: selectors.open_challenge_count(request.user),
            ),
            DashboardLink(
                key="portal_settings",
                order=95,
                url_name="portal_staff:settings",
                title=_("Parent portal settings"),
                description=_("How many working days the council gives itself to respond."),
                permission="portal.change_settings",
            ),
            *(
                PortalSection(key=f"portal_{key}", order=order, template=template, context=context)
                for key, order, template, context in (
                    ("plan", 20, "portal/panels/plan.html", panels.plan_panel),
                    ("challenges", 80, "portal/panels/challenges.html", panels.challenges_panel),
                    ("my_data", 100, "portal/panels/my_data.html", panels.my_data_panel),
                )
            ),
            SubjectAccessExport("portal", 10, export_parent, covers=COVERS),
            kinds=NOTIFICATION_KINDS,
        )
        subject_access.withhold(
            "audit.AuditEvent",
            what=_("The log of who opened or changed your records, and when"),
            why=_(
                "It is kept to prove that your records are handled properly, and it names the "
                "staff who read them. You can ask the council's data protection officer for it."
            ),
        )


NOTIFICATION_KINDS = {
    # Told to staff.
    "portal.challenge_raised": _(
        "%(parent)s has challenged the council about a promise they feel was not kept. The "
        "response is due by the date shown on the challenge."
    ),
    "portal.challenge_overdue": _(
        "The council's response to a challenge from %(parent)s is overdue. It has been passed "
        "to you as team manager."
    ),
    "portal.challenge_resolved": _(
        "%(parent)s said the council's response resolved their challenge."
    ),
    "portal.challenge_not_resolved": _(
        "%(parent)s said the council's response did not resolve their challenge. A further "
        "response is needed."
    ),
    "portal.parent_view": _("%(parent)s added their view to an item of their support plan."),
    # Told to the parent, in their portal.
    "portal.challenge_responded": _(
        "The council has responded to your challenge. Read it under Challenges, and tell us "
        "whether it resolved things."
    ),
    "portal.challenge_escalated": _(
        "The council did not respond to your challenge in time, so it has been passed to the "
        "team manager."
    ),
}
