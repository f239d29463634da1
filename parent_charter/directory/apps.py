from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "parent_charter.directory"
    label = "directory"
