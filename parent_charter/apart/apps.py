from django.apps import AppConfig


class ApartConfig(AppConfig):
    name = "parent_charter.apart"
    label = "apart"
