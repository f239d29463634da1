"""Small helpers that read configuration from the environment and fail loudly.

A missing or malformed value stops start-up with a message naming the variable, rather than
letting the service run with a silent default in production.
"""

import hashlib
import hmac
import os


class ConfigurationError(RuntimeError):
    pass


_MISSING = object()


def env_str(name: str, default=_MISSING) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ConfigurationError(f"Environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default=_MISSING) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        if default is _MISSING:
            raise ConfigurationError(f"Environment variable {name} must be set (true or false).")
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"Environment variable {name} must be true or false, not {raw!r}.")


def env_int(name: str, default=_MISSING) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        if default is _MISSING:
            raise ConfigurationError(f"Environment variable {name} must be set (a whole number).")
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(
            f"Environment variable {name} must be a whole number, not {raw!r}."
        ) from None


def env_list(name: str, default=_MISSING) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        if default is _MISSING:
            raise ConfigurationError(f"Environment variable {name} must be set (comma-separated).")
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def derived_secret(secret_key: str, purpose: str) -> str:
    """A key for one purpose, derived from SECRET_KEY. Development and tests only: production
    sets each such key itself, so that knowing one secret does not give away the other."""
    return hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).hexdigest()
