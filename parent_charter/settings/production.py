"""Production: PostgreSQL, HTTPS behind a load balancer, every secret from the environment."""

from pathlib import Path

from .base import *  # noqa: F403
from .env import ConfigurationError, env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
# The audit trail's own key, never derived from SECRET_KEY, and where the worker writes signed
# checkpoints of the chain heads: storage the database's users cannot write to (README,
# "Security"). Both stay outside the database.
PARENT_CHARTER_AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY")
if len(PARENT_CHARTER_AUDIT_HMAC_KEY) < 32 or PARENT_CHARTER_AUDIT_HMAC_KEY in (
    SECRET_KEY,
    *SECRET_KEY_FALLBACKS,
):
    raise ConfigurationError(
        "AUDIT_HMAC_KEY must be at least 32 characters and differ from SECRET_KEY."
    )
PARENT_CHARTER_AUDIT_HMAC_KEY_FALLBACKS = env_list("AUDIT_HMAC_KEY_FALLBACKS", [])
PARENT_CHARTER_AUDIT_CHECKPOINT_DIR = Path(env_str("AUDIT_CHECKPOINT_DIR"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{h}" for h in ALLOWED_HOSTS])

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ConfigurationError("Production needs DATABASE_URL to point at PostgreSQL.")
if env_bool("DATABASE_REQUIRE_TLS", True):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(  # noqa: F405
        "sslmode", env_str("DATABASE_SSLMODE", "verify-full")
    )

# TLS ends at the load balancer, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True

PARENT_CHARTER_REQUIRE_TWO_FACTOR = True
PARENT_CHARTER_DEMO_MODE = False

MAILERS = {
    "default": {
        "BACKEND": env_str("MAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "parent-charter@localhost")

# Parents' texts and emails go through GOV.UK Notify (README, "GOV.UK Notify"); the start-up
# check messaging.W001 names anything missing. SITE_URL is the address parents sign in at.
PARENT_CHARTER_NOTIFY = {
    **PARENT_CHARTER_NOTIFY,  # noqa: F405
    "BACKEND": env_str("NOTIFY_BACKEND", "notify"),
}
PARENT_CHARTER_SITE_URL = env_str(
    "SITE_URL", f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else ""
)
