from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "parent_charter.concerns"
    label = "concerns"
