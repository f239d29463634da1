from django.apps import AppConfig


class ParentsConfig(AppConfig):
    name = "parent_charter.parents"
    label = "parents"
