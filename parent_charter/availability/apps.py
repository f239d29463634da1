from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "parent_charter.availability"
    label = "contact"
    verbose_name = _("Who to contact now")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.start_page import DashboardLink

        from .contributions import contact_panel

        contribute(
            PortalSection(
                key="contact-now",
                order=10,
                template="contact/portal_panel.html",
                context=contact_panel,
            ),
            DashboardLink(
                key="contact-own-hours",
                order=80,
                url_name="contact:my_hours",
                title=_("Your working hours and leave"),
                description=_(
                    "When parents are told to call you, and when they are sent to the duty "
                    "worker instead."
                ),
                permission="contact.change_own_hours",
            ),
            DashboardLink(
                key="contact-staff-hours",
                order=81,
                url_name="contact:staff_list",
                title=_("Staff working hours and leave"),
                description=_(
                    "Set the working week and leave of the council's advisers and managers."
                ),
                permission="contact.manage_staff_hours",
            ),
        )
