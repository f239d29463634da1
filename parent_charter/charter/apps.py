from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "parent_charter.charter"
    label = "charter"
