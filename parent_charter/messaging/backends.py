"""Where messages go: GOV.UK Notify, or (in the demo) the worker's log.

Chosen by settings.PARENT_CHARTER_NOTIFY["BACKEND"]: "notify" sends through the
notifications-python-client to BASE_URL (Notify itself in production, a fake Notify server in
tests); "console" writes the rendered message to the log, with no address and nothing Notify
would not be given, and makes up a Notify id so that the rest of the journey is the same.
"""

import logging
import re
import uuid
from dataclasses import dataclass

import requests
from django.conf import settings
from django.utils.translation import override
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from .kinds import get as get_kind

logger = logging.getLogger("parent_charter.messaging.console")

# Notify's answers worth trying again: too many requests, and its own or the network's faults.
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Outgoing:
    kind: str
    channel: str
    language: str
    to: str
    template_id: str
    personalisation: dict
    reference: str


class SendFailed(Exception):
    def __init__(self, code: str, *, retryable: bool):
        super().__init__(code)
        self.code = code
        self.retryable = retryable


def render(kind: str, channel: str, language: str, personalisation: dict) -> tuple[str, str]:
    """Subject and body as Notify would put them together from the template's wording."""
    definition = get_kind(kind)
    with override(language):
        subject = str(definition.subject) if channel == "email" else ""
        body = str(definition.email if channel == "email" else definition.sms)
    return subject, re.sub(
        r"\(\(([a-z_]+)\)\)", lambda m: str(personalisation.get(m.group(1), "")), body
    )


class NotifyBackend:
    def __init__(self, config: dict):
        self.client = NotificationsAPIClient(
            config["API_KEY"], base_url=config["BASE_URL"], timeout=config.get("TIMEOUT", 10)
        )

    def send(self, message: Outgoing) -> str:
        try:
            if message.channel == "sms":
                response = self.client.send_sms_notification(
                    phone_number=message.to,
                    template_id=message.template_id,
                    personalisation=message.personalisation,
                    reference=message.reference,
                )
            else:
                response = self.client.send_email_notification(
                    email_address=message.to,
                    template_id=message.template_id,
                    personalisation=message.personalisation,
                    reference=message.reference,
                )
        except APIError as error:
            raise SendFailed(
                f"{error.status_code} {type(error).__name__}",
                retryable=error.status_code in RETRYABLE_STATUS,
            ) from error
        except requests.RequestException as error:
            raise SendFailed(type(error).__name__, retryable=True) from error
        return response["id"]


class ConsoleBackend:
    def __init__(self, config: dict):
        self.config = config

    def send(self, message: Outgoing) -> str:
        subject, body = render(
            message.kind, message.channel, message.language, message.personalisation
        )
        notify_id = str(uuid.uuid4())
        logger.info(
            "Message %s by %s (%s, template %s, reference %s)\n%s%s",
            notify_id,
            message.channel,
            message.language,
            message.template_id,
            message.reference,
            f"Subject: {subject}\n" if subject else "",
            body,
        )
        return notify_id


BACKENDS = {"notify": NotifyBackend, "console": ConsoleBackend}


def backend():
    config = settings.PARENT_CHARTER_NOTIFY
    return BACKENDS[config.get("BACKEND", "console")](config)
