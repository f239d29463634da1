from django.apps import AppConfig


class SafeguardsConfig(AppConfig):
    name = "parent_charter.safeguards"
    label = "safeguards"
