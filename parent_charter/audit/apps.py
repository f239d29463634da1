from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "parent_charter.audit"
    label = "audit"
