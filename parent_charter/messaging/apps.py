"""Texts and emails to parents through GOV.UK Notify (docs/adr/0022)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "parent_charter.messaging"
    label = "messaging"
    verbose_name = _("Texts and emails")

    def ready(self):
        from parent_charter.core.registries import portal_sections, subject_access
        from parent_charter.core.registries.parent_sections import ParentSection
        from parent_charter.core.registries.parent_sections import register as register_section

        from . import checks, contributions, rules  # noqa: F401

        register_section(
            ParentSection(
                key="messaging",
                order=95,
                template="messaging/parent_section.html",
                context=contributions.parent_section,
                permission="messaging.view_messages",
            )
        )
        portal_sections.register(
            portal_sections.PortalSection(
                key="messaging",
                order=90,
                template="messaging/portal_panel.html",
                context=contributions.portal_panel,
            )
        )
        subject_access.register(
            "messaging",
            90,
            contributions.subject_access_export,
            covers=("messaging.OutboundMessage", "messaging.MessageChoice"),
        )
