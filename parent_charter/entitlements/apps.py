from django.apps import AppConfig


class EntitlementsConfig(AppConfig):
    name = "parent_charter.entitlements"
    label = "entitlements"
