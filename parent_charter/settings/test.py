"""Tests: fast hashing, immediate tasks, plain static storage for the live server."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .env import derived_secret

DEBUG = False
SECRET_KEY = "test-only-key-that-is-long-enough-to-satisfy-every-check-0123456789"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PARENT_CHARTER_AUDIT_HMAC_KEY = derived_secret(SECRET_KEY, "parent-charter audit trail")
# A folder of this test process's own; tests of checkpoints point it at their tmp_path.
PARENT_CHARTER_AUDIT_CHECKPOINT_DIR = (
    Path(tempfile.gettempdir()) / f"parent-charter-test-audit-checkpoints-{os.getpid()}"
)
# MD5 only here: the real Argon2id cost would make the suite several times slower.
# One test asserts the production hasher (tests/accounts/test_passwords.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PARENT_CHARTER_REQUIRE_TWO_FACTOR = True
PARENT_CHARTER_DEMO_MODE = False
AXES_ENABLED = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Django's test runner empties tables with TRUNCATE between transactional tests; the
    # audit table refuses TRUNCATE unless the session allows it (audit/db_guard.py).
    options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    options["options"] = " ".join(
        filter(None, [options.get("options"), "-c parent_charter.allow_truncate=on"])
    )
