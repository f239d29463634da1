"""Where a parent (anyone signing in who is not staff) lands after the ordinary sign-in page.

The portal registers its landing in AppConfig.ready() (portal.signin.parent_landing: their
portal home, in their record's language), so the sign-in page in accounts need not import the
portal.
"""

from collections.abc import Callable

# (request, user, *, next_url) -> response
_LANDING: list[Callable] = []


def register(landing: Callable) -> None:
    _LANDING[:] = [landing]


def parent_landing(request, user, *, next_url: str = ""):
    if not _LANDING:
        raise LookupError("No app registered where parents land after signing in.")
    return _LANDING[0](request, user, next_url=next_url)
