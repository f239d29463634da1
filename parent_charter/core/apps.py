from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "parent_charter.core"
    label = "core"
