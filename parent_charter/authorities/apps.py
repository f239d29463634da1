from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "parent_charter.authorities"
    label = "authorities"
