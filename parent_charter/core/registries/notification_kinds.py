"""The kinds of notification, each a sentence put into the reader's language when shown.

Apps register their kinds in AppConfig.ready(). Parameters are filled in with %-formatting, so a
kind's text names its parameters: `_("%(parent)s's referral is waiting for your decision")`.
"""

from django.utils.translation import gettext_lazy as _

_KINDS: dict[str, object] = {}


def register(kind: str, text) -> None:
    _KINDS[kind] = text


def is_known(kind: str) -> bool:
    return kind in _KINDS


def describe(kind: str, params: dict | None = None) -> str:
    text = _KINDS.get(kind)
    if text is None:
        return str(_("A notification of a kind this version no longer knows."))
    try:
        return str(text) % (params or {})
    except (KeyError, TypeError, ValueError):
        return str(text)
