"""Making, reading and checking API tokens. Pure functions: no database.

A token reads `pcapi_<prefix>_<secret>`: the prefix (10 lower-case letters and digits) finds
the client's row, the secret (32 random bytes) is what proves the caller holds the token. Only
the SHA-256 of the whole token is stored. A plain hash is enough here, unlike for passwords:
the secret has 256 bits of entropy, so nobody can guess it from its hash, and a slow hash would
make every API call slow.
"""

import hashlib
import hmac
import re
import secrets
import string

PREFIX_ALPHABET = string.ascii_lowercase + string.digits
PREFIX_LENGTH = 10
_TOKEN = re.compile(r"^pcapi_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$")


def new_token() -> tuple[str, str]:
    """(prefix, token) for a new client."""
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    return prefix, f"pcapi_{prefix}_{secrets.token_urlsafe(32)}"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def prefix_of(token: str) -> str | None:
    """The lookup prefix of a well-formed token, or None."""
    match = _TOKEN.match(token)
    return match[1] if match else None


def matches(token: str, stored_digest: str) -> bool:
    """Whether the token is the one whose digest was stored, compared in constant time."""
    return hmac.compare_digest(digest(token), stored_digest)
