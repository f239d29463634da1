"""A warning at start-up when messages would go to Notify without what Notify needs."""

from django.conf import settings
from django.core import checks

from .kinds import template_names


@checks.register(checks.Tags.compatibility)
def notify_configured(app_configs, **kwargs):
    config = settings.PARENT_CHARTER_NOTIFY
    if config.get("BACKEND") != "notify":
        return []
    problems = []
    if not config.get("API_KEY"):
        problems.append("NOTIFY_API_KEY is not set")
    if not config.get("CALLBACK_TOKEN"):
        problems.append("NOTIFY_CALLBACK_TOKEN is not set (delivery receipts will be refused)")
    missing = [
        name
        for name in template_names()
        if not config.get("TEMPLATES", {}).get(name.removeprefix("NOTIFY_TEMPLATE_"))
    ]
    if missing:
        problems.append(f"{len(missing)} template ids are not set, such as {missing[0]}")
    return [
        checks.Warning(f"GOV.UK Notify: {problem}.", id="messaging.W001") for problem in problems
    ]
