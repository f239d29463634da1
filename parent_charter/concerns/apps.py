from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "parent_charter.concerns"
    label = "concerns"
    verbose_name = _("Concerns")

    def ready(self):
        from parent_charter.core.registries import open_concerns
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import contributions, selectors

        # An open concern puts the parent in the "concerns raised" stage (docs/adr/0010).
        open_concerns.register(contributions.has_open_concern)

        contribute(
            ParentSection(
                key="concerns",
                order=65,
                template="concerns/parent_section.html",
                context=contributions.concerns_section,
                permission="concerns.view_concern",
            ),
            DashboardLink(
                key="concerns",
                order=40,
                url_name="concerns:list",
                title=_("Open concerns"),
                description=_(
                    "Concerns about parenting that are open or under assessment in your council."
                ),
                permission="concerns.view_open_concerns",
                count=lambda request: selectors.open_concern_count(),
            ),
            PortalSection(
                key="concerns",
                order=30,
                template="concerns/portal_panel.html",
                context=contributions.portal_panel,
            ),
            SubjectAccessExport(
                "concerns",
                30,
                contributions.subject_access_export,
                covers=(
                    "concerns.Concern",
                    "concerns.ConcernOffer",
                    "concerns.ConcernRequest",
                    "concerns.ConcernSummary",
                    "concerns.ParentView",
                ),
            ),
            kinds=NOTIFICATION_KINDS,
        )


NOTIFICATION_KINDS = {
    # Told to the parent (portal, or passed on by their adviser).
    "concerns.summary_shared": _(
        "Your adviser has written down, in plain words, what is happening about the concern "
        "and what the plan is. Please read it and tell them if anything is unclear or wrong."
    ),
    "concerns.request_agreed": _(
        "Your request has been agreed. You can read the decision under Concerns, or ask your "
        "adviser."
    ),
    "concerns.request_partly": _(
        "Your request has been partly agreed. You can read the decision and the reasons under "
        "Concerns, or ask your adviser."
    ),
    "concerns.request_refused": _(
        "Your request has been refused. You can read the reasons under Concerns. Your adviser "
        "or advocate can help you challenge the decision."
    ),
    # Told to staff.
    "concerns.raised": _("A concern about parenting was recorded for %(parent)s."),
    "concerns.summary_acknowledged": _(
        "%(parent)s has read and acknowledged the summary about their concern."
    ),
}
