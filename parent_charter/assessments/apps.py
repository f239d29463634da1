from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "parent_charter.assessments"
    label = "assessments"
