"""Helpers every area's tests use: today's date, date fields as a form posts them, the audit
events of one action, a page's text, and what settings make of an environment.

Helpers that only one area needs stay in that area's own helpers module, which imports these.
"""

import datetime
import html
import os
import subprocess
import sys
from pathlib import Path

from django.utils import timezone

from parent_charter.audit.models import AuditEvent


def today() -> datetime.date:
    """Today in the site's time zone, as the pages and services see it."""
    return timezone.localdate()


def date_fields(name: str, value: datetime.date | None) -> dict:
    """POST data for a GOV.UK date input called `name`; `None` leaves all three parts empty."""
    if value is None:
        return {f"{name}_{part}": "" for part in ("day", "month", "year")}
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def events(action: str) -> list[AuditEvent]:
    """The audit events of one action, in the order they were written."""
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def page(response) -> str:
    """A response's HTML with entities decoded, so tests can look for text as a reader sees it."""
    return html.unescape(response.content.decode())


def settings_print(env: dict, expression: str) -> subprocess.CompletedProcess:
    """Print `expression` (over `s`, the settings) from a fresh process whose environment is
    this one's with `env` on top: how the settings read a deployment's variables."""
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
