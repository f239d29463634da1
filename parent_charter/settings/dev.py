"""Development: the demo on an embedded SQLite database, run by `make run`."""

from .base import *  # noqa: F403
from .env import derived_secret, env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
PARENT_CHARTER_AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY", "") or derived_secret(
    SECRET_KEY, "parent-charter audit trail"
)
# Development demo: two-factor sign-in stays on, and demo mode shows the demo accounts'
# current code on the sign-in page so a newcomer can see and pass the second step.
PARENT_CHARTER_REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", True)
PARENT_CHARTER_DEMO_MODE = env_bool("DEMO_MODE", True)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Email (invitations, sign-in links, notifications) is sent by the background worker, which
# prints it to its console in development, decoded so that links can be copied.
MAILERS = {"default": {"BACKEND": "parent_charter.core.mail_backends.DecodedConsoleEmailBackend"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The demo's web server and background worker share one SQLite file: write-ahead logging
    # lets one read while the other writes, and IMMEDIATE transactions wait for the write lock
    # instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
