from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "parent_charter.accounts"
    label = "accounts"
