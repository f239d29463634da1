from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "parent_charter.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from parent_charter.core.registries.contribute import contribute
        from parent_charter.core.registries.start_page import DashboardLink

        from .selectors import unread_count

        contribute(
            DashboardLink(
                key="notifications",
                order=5,
                url_name="notifications:list",
                title=_("Notifications"),
                description=_("What needs your attention: decisions, reminders and alerts."),
                permission="notifications.view_own",
                count=lambda request: unread_count(request.user),
            ),
        )
