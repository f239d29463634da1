from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "parent_charter.portal"
    label = "portal"
