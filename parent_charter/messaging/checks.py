"""Start-up checks: messages would go to Notify without what Notify needs.

A missing API key or callback token is a warning (`check --deploy` fails on it in CI and
production). A missing template id is reported for information only: a council may not use
every kind at first, and a message of a kind without a template fails visibly (the adviser
sees "not sent: a technical problem" on the parent's page) rather than silently.
"""

from django.conf import settings
from django.core import checks

from .kinds import template_names


@checks.register(checks.Tags.compatibility)
def notify_configured(app_configs, **kwargs):
    config = settings.PARENT_CHARTER_NOTIFY
    if config.get("BACKEND") != "notify":
        return []
    found = []
    if not config.get("API_KEY"):
        found.append(
            checks.Warning("GOV.UK Notify: NOTIFY_API_KEY is not set.", id="messaging.W001")
        )
    if not config.get("CALLBACK_TOKEN"):
        found.append(
            checks.Warning(
                "GOV.UK Notify: NOTIFY_CALLBACK_TOKEN is not set, so receipts are refused.",
                id="messaging.W002",
            )
        )
    missing = [
        name
        for name in template_names()
        if not config.get("TEMPLATES", {}).get(name.removeprefix("NOTIFY_TEMPLATE_"))
    ]
    if missing:
        found.append(
            checks.Info(
                f"GOV.UK Notify: {len(missing)} template ids are not set, such as {missing[0]}; "
                "messages of those kinds will fail and show on the parent's page.",
                id="messaging.I001",
            )
        )
    return found
