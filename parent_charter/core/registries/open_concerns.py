"""Whether a parent has an open concern about parenting, answered by the app that records them.

The "if concerns are raised" stage (parents.stages) asks every check registered here; the
concerns app registers its own in AppConfig.ready() (docs/adr/0010). Kept here rather than in
parents so the app that fills it in need not import the parents app's stage logic.
"""

from collections.abc import Callable

# Each callable answers "does this parent have an open concern?".
OPEN_CONCERN_CHECKS: list[Callable[[object], bool]] = []


def register(check: Callable[[object], bool]) -> None:
    """Add a check once, however often the app registry becomes ready (as in tests)."""
    if check not in OPEN_CONCERN_CHECKS:
        OPEN_CONCERN_CHECKS.append(check)


def has_open_concern(parent) -> bool:
    return any(check(parent) for check in OPEN_CONCERN_CHECKS)
