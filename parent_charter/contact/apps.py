from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "parent_charter.contact"
    label = "contact"
