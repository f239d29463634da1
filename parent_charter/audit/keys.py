"""The audit trail's secret key, kept outside the database (a setting, from the environment).

Each keyed event stores the id of its key, so that after a change of key the events hashed
with an old one still verify while that key is listed in the fallbacks.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def key_id_of(key: bytes) -> str:
    """A public name for a key: a keyed hash of a constant, so it gives nothing away."""
    return hmac.new(key, b"parent-charter audit key id", hashlib.sha256).hexdigest()[:16]


def current_key() -> tuple[str, bytes]:
    raw = settings.PARENT_CHARTER_AUDIT_HMAC_KEY
    if not raw:
        raise ImproperlyConfigured("PARENT_CHARTER_AUDIT_HMAC_KEY (AUDIT_HMAC_KEY) is not set.")
    key = raw.encode()
    return key_id_of(key), key


def known_keys() -> dict[str, bytes]:
    """Every key an event or checkpoint may have been signed with, by id."""
    keys = dict([current_key()])
    for raw in settings.PARENT_CHARTER_AUDIT_HMAC_KEY_FALLBACKS:
        key = raw.encode()
        keys.setdefault(key_id_of(key), key)
    return keys
