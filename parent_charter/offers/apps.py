from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "parent_charter.offers"
    label = "offers"
