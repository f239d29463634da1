"""A fake GOV.UK Notify API on a local port, for tests: the real notifications-python-client
talks HTTP to it, as it would to Notify.

It checks what Notify checks (the API key's signed token, the template, every placeholder
filled), keeps what it was sent, puts each message together from the app's own wording as
Notify would from its template, and can be told to fail the next requests.
"""

import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils.translation import override
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

from parent_charter.messaging import kinds
from parent_charter.messaging.backends import render

SERVICE_ID = "3d3c6a6e-5b9c-4f47-9a0c-5a8d2c1e0b11"
SECRET = "8f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
API_KEY = f"parent_charter_test-{SERVICE_ID}-{SECRET}"
CALLBACK_TOKEN = "test-callback-token-not-a-secret-0123456789"


@dataclass
class Sent:
    """One notification Notify accepted."""

    id: str
    channel: str
    address: str
    template_id: str
    kind: str
    language: str
    personalisation: dict
    reference: str | None
    subject: str
    body: str
    status: str = "sending"

    @property
    def to(self) -> list[str]:  # as a Django EmailMessage has it
        return [self.address]


# What the fake Notify accepted in this test process (emptied before each test): tests read it
# as they would Django's mail.outbox.
OUTBOX: list = []


@dataclass
class FakeNotify:
    templates: dict = field(default_factory=dict)  # template id -> (kind, channel, language)
    sent: list = field(default_factory=lambda: OUTBOX)
    requests: int = 0
    failures: list = field(default_factory=list)  # status codes to answer the next requests
    url: str = ""

    def reset(self) -> None:
        self.sent.clear()
        self.failures.clear()
        self.requests = 0

    def fail_next(self, status: int, times: int = 1) -> None:
        self.failures.extend([status] * times)

    def template_settings(self) -> dict:
        """PARENT_CHARTER_NOTIFY["TEMPLATES"]: an id for every kind, channel and language."""
        return {
            f"{kind}_{channel}_{language}".upper(): template_id
            for template_id, (kind, channel, language) in self.templates.items()
        }

    def sent_by_reference(self, reference) -> Sent:
        return next(s for s in self.sent if s.reference == str(reference))


def _make_templates() -> dict:
    templates = {}
    for name in kinds.template_names():
        kind_channel_language = name.removeprefix("NOTIFY_TEMPLATE_").lower()
        kind, channel, language = kind_channel_language.rsplit("_", 2)
        templates[str(uuid.uuid5(uuid.NAMESPACE_URL, name))] = (kind, channel, language)
    return templates


def _error(status: int, error: str, message: str) -> tuple[int, dict]:
    return status, {"status_code": status, "errors": [{"error": error, "message": message}]}


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeNotify/1"

    def log_message(self, *args):  # quiet
        pass

    @property
    def fake(self) -> FakeNotify:
        return self.server.fake

    def _reply(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return False
        token = header.removeprefix("Bearer ")
        try:
            return get_token_issuer(token) == SERVICE_ID and decode_jwt_token(token, SECRET)
        except TokenError:
            return False

    def do_POST(self):
        self.fake.requests += 1
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        if not self._authorised():
            return self._reply(*_error(403, "AuthError", "Invalid token: signature"))
        if self.fake.failures:
            status = self.fake.failures.pop(0)
            return self._reply(*_error(status, "FakeError", "Told to fail"))
        channel = {"/v2/notifications/sms": "sms", "/v2/notifications/email": "email"}.get(
            self.path
        )
        if channel is None:
            return self._reply(*_error(404, "NotFound", "Not found"))
        return self._reply(*self._accept(channel, body))

    def _accept(self, channel: str, body: dict) -> tuple[int, dict]:
        address = body.get("phone_number" if channel == "sms" else "email_address")
        if not address:
            return _error(400, "ValidationError", f"{channel} address is a required property")
        template = self.fake.templates.get(body.get("template_id"))
        if template is None or template[1] != channel:
            return _error(400, "BadRequestError", "Template not found")
        kind, _channel, language = template
        personalisation = body.get("personalisation") or {}
        needed = set(re.findall(r"\(\(([a-z_]+)\)\)", _template_text(kind, channel, language)))
        missing = sorted(needed - set(personalisation))
        if missing:
            return _error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        subject, text = render(kind, channel, language, personalisation)
        sent = Sent(
            id=str(uuid.uuid4()),
            channel=channel,
            address=address,
            template_id=body["template_id"],
            kind=kind,
            language=language,
            personalisation=personalisation,
            reference=body.get("reference"),
            subject=subject,
            body=text,
        )
        self.fake.sent.append(sent)
        return 201, {
            "id": sent.id,
            "reference": sent.reference,
            "content": {"body": text, "subject": subject} if subject else {"body": text},
            "uri": f"{self.fake.url}/v2/notifications/{sent.id}",
            "template": {"id": sent.template_id, "version": 1, "uri": ""},
        }

    def do_GET(self):
        if not self._authorised():
            return self._reply(*_error(403, "AuthError", "Invalid token: signature"))
        found = [s for s in self.fake.sent if self.path == f"/v2/notifications/{s.id}"]
        if not found:
            return self._reply(*_error(404, "NoResultFound", "No result found"))
        sent = found[0]
        return self._reply(
            200,
            {
                "id": sent.id,
                "reference": sent.reference,
                "type": sent.channel,
                "status": sent.status,
                "template": {"id": sent.template_id, "version": 1},
                "body": sent.body,
            },
        )


def _template_text(kind: str, channel: str, language: str) -> str:
    definition = kinds.get(kind)
    with override(language):
        return str(definition.email if channel == "email" else definition.sms)


def start() -> tuple[FakeNotify, ThreadingHTTPServer]:
    fake = FakeNotify(templates=_make_templates())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.fake = fake
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server
