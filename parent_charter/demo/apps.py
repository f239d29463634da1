from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "parent_charter.demo"
    label = "demo"
