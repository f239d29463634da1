from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The service's front page: what it is, and each council's published local offer. It reads
    the offers app, so it is kept out of core, which imports no domain app."""

    name = "parent_charter.home"
    label = "home"
    verbose_name = _("Home")
