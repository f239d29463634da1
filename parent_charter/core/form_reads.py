"""The audit row of a form page that shows a parent's name: a read of the parent's record."""

from .pages import read_audited


def record_parent_viewed(*, actor, parent, form: str) -> None:
    """A form that shows the parent's name is a read of the parent's record; `form` names it."""
    read_audited(
        actor=actor,
        council=parent.council,
        action="parent.viewed",
        obj=parent,
        detail={"form": form},
    )
