"""Settings shared by every environment. Environment-specific modules import from here."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "parent_charter"

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "corsheaders",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "parent_charter.core",
    "parent_charter.home",
    "parent_charter.accounts",
    "parent_charter.authorities",
    "parent_charter.charter",
    "parent_charter.offers",
    "parent_charter.audit",
    "parent_charter.parents",
    "parent_charter.children",
    "parent_charter.plans",
    "parent_charter.caseload",
    "parent_charter.notifications",
    "parent_charter.messaging",
    "parent_charter.partner_referrals",
    "parent_charter.childrens_services",
    "parent_charter.concerns",
    "parent_charter.assessments_care_history",
    "parent_charter.apart",
    "parent_charter.directory",
    "parent_charter.availability",
    "parent_charter.entitlements",
    "parent_charter.portal",
    "parent_charter.retention",
    "parent_charter.statements",
    "parent_charter.caseimport",
    "parent_charter.caseapi",
    "parent_charter.figures",
    "parent_charter.committee",
    "parent_charter.network",
    "parent_charter.research",
    "parent_charter.transfers",
    "parent_charter.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "parent_charter.core.middleware.RequestIdMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; only acts on the open API.
    "parent_charter.directory.cors.OpenApiCorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "parent_charter.accounts.middleware.SessionTimeoutMiddleware",
    "parent_charter.accounts.middleware.RequireTwoFactorMiddleware",
    "parent_charter.core.middleware.CouncilScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "parent_charter.core.middleware.PrivateCacheMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The directory's open API (/api/directory/) may be read from any web page: GET only, never with
# credentials (it holds no personal data). Every other address stays same-origin.
CORS_URLS_REGEX = r"^/api/directory/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language")
CORS_PREFLIGHT_MAX_AGE = 86400

ROOT_URLCONF = "parent_charter.urls"
WSGI_APPLICATION = "parent_charter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parent_charter.core.context_processors.navigation",
                "parent_charter.statements.context_processors.footer",
            ],
        },
    },
]
FORM_RENDERER = "parent_charter.core.forms.GovUKFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
    if not env_bool("DATABASE_JIT", False):
        # ADR 0027: PostgreSQL compiles a query to machine code when its estimated cost is
        # high, which the council figures' correlated subqueries always are; the compiling
        # costs ~10 ms a query and saves nothing on one council's rows.
        DATABASES["default"]["OPTIONS"]["options"] = "-c jit=off"
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # ADR 0028: parameters sent apart from the query, and a query a connection has run
        # five times kept prepared on the server, so PostgreSQL stops planning it again on
        # every request (most of the SQL time of the parent page and the portal home).
        DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes must come first so a locked-out pair never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # The password check; it grants no permission (only the roles' rules do).
    "parent_charter.accounts.backends.PasswordBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Argon2id with parameters measured on a 2-core server (docs/adr/0005-password-hashing.md).
PASSWORD_HASHERS = [
    "parent_charter.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60

# Sessions live in the database so that signing out, or disabling an account, ends them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PARENT_CHARTER_SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 30) * 60
PARENT_CHARTER_SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 12) * 60 * 60

# The case-records API's rate limit: calls each client may make in each fixed window.
CASE_API_CALLS_PER_WINDOW = env_int("CASE_API_CALLS_PER_WINDOW", 120)
CASE_API_WINDOW_SECONDS = env_int("CASE_API_WINDOW_SECONDS", 60)
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Login throttling: the (username, address) pair is locked, so nobody can lock a named
# worker out from elsewhere (ASVS 6.1.1).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "parent_charter.accounts.emails.axes_username"
AXES_CLIENT_IP_CALLABLE = "parent_charter.core.network.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Number of proxies in front of the application whose X-Forwarded-For entries are trusted.
PARENT_CHARTER_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

OTP_TOTP_ISSUER = "Parent Charter"
OTP_TOTP_THROTTLE_FACTOR = 1
# Staff must pass a second factor. Only development may switch this off (see dev.py).
PARENT_CHARTER_REQUIRE_TWO_FACTOR = True
# Demo mode shows demo accounts' current one-time codes on the sign-in page. Never in production.
PARENT_CHARTER_DEMO_MODE = False

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
LANGUAGE_COOKIE_NAME = "parent_charter_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Content Security Policy (Django's built-in). Scripts only from us, with a nonce for the
# one inline line GOV.UK Frontend needs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Texts and emails to parents through GOV.UK Notify (docs/adr/0022, README "GOV.UK Notify").
# "console" writes each message to the worker's log (the demo); "notify" sends it. Each kind's
# template ids come from NOTIFY_TEMPLATE_<KIND>_<CHANNEL>_<LANGUAGE> variables.
PARENT_CHARTER_NOTIFY = {
    "BACKEND": env_str("NOTIFY_BACKEND", "console"),
    "API_KEY": env_str("NOTIFY_API_KEY", ""),
    "BASE_URL": env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"),
    "CALLBACK_TOKEN": env_str("NOTIFY_CALLBACK_TOKEN", ""),
    "TEMPLATES": {
        name.removeprefix("NOTIFY_TEMPLATE_"): value
        for name, value in os.environ.items()
        if name.startswith("NOTIFY_TEMPLATE_") and value
    },
}
# Where parents sign in, for the links in messages sent by the worker (which has no request).
PARENT_CHARTER_SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "parent_charter.core.logging.RequestIdFilter"},
        "no_403_traceback": {"()": "parent_charter.core.logging.NoTracebackForForbidden"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines can carry query strings; we log our own request ids instead.
        "django.server": {"level": "WARNING"},
        # On the logger, not a handler: the record reaches Django's own console handler too
        # (in development), and each must print a refused request as one line.
        "django.request": {"filters": ["no_403_traceback"]},
        "axes": {"level": "WARNING"},
    },
}

# The audit trail's keyed hash and its checkpoints (docs/adr/0004-audit-trail.md). The key and
# the checkpoints live outside the database, so someone who can rewrite the database can
# neither recompute the hashes nor rewind the chain heads unnoticed. Production requires both;
# development and tests derive the key from SECRET_KEY. Old keys stay in the fallbacks for as
# long as events hashed with them are kept.
PARENT_CHARTER_AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY", "")
PARENT_CHARTER_AUDIT_HMAC_KEY_FALLBACKS = env_list("AUDIT_HMAC_KEY_FALLBACKS", [])
PARENT_CHARTER_AUDIT_CHECKPOINT_DIR = Path(
    env_str("AUDIT_CHECKPOINT_DIR", str(BASE_DIR / "var" / "audit-checkpoints"))
)
# How many chains each council's events are spread over (docs/adr/0026-audit-chain-shards.md),
# so that its staff do not all wait for one chain head. Lowering it later is safe: the chains
# beyond it are no longer written but still verified.
PARENT_CHARTER_AUDIT_CHAIN_SHARDS = env_int("AUDIT_CHAIN_SHARDS", 8)

# The folder of charter catalogue files loaded by `manage.py load_charter`.
PARENT_CHARTER_CATALOGUE_DIR = PACKAGE_DIR / "charter" / "data"

RUNNING_TESTS = "pytest" in sys.modules
