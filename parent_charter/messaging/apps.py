"""Texts and emails to parents through GOV.UK Notify (docs/adr/0022)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "parent_charter.messaging"
    label = "messaging"
    verbose_name = _("Texts and emails")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.portal_sections import PortalSection
        from parent_charter.core.registries.subject_access import SubjectAccessExport

        from . import checks, contributions, rules  # noqa: F401

        contribute(
            ParentSection(
                key="messaging",
                order=95,
                template="messaging/parent_section.html",
                context=contributions.parent_section,
                permission="messaging.view_messages",
            ),
            PortalSection(
                key="messaging",
                order=90,
                template="messaging/portal_panel.html",
                context=contributions.portal_panel,
            ),
            SubjectAccessExport(
                "messaging",
                90,
                contributions.subject_access_export,
                covers=("messaging.OutboundMessage", "messaging.MessageChoice"),
            ),
        )
