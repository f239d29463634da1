from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "parent_charter.referrals"
    label = "referrals"
