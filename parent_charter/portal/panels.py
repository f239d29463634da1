"""The portal's own panels on the parent's home page (registered in PortalConfig.ready).

Each reads a fixed number of rows and writes nothing: the home page records one
`portal.home_viewed`.
"""

from . import selectors


def plan_panel(request, parent) -> dict:
    return {"counts": selectors.plan_counts(parent)}


def challenges_panel(request, parent) -> dict:
    return {"counts": selectors.challenge_counts(parent)}


def my_data_panel(request, parent) -> dict:
    return {}
