"""The audit row of a form page: showing a record on a form is a read of it."""

from .pages import read_audited


def record_form_viewed(*, actor, obj, action: str, form: str) -> None:
    """A form page that shows `obj` is a read of it; `form` names the page."""
    read_audited(actor=actor, council=obj.council, action=action, obj=obj, detail={"form": form})


def record_parent_viewed(*, actor, parent, form: str) -> None:
    """A form that shows the parent's name is a read of the parent's record; `form` names it."""
    record_form_viewed(actor=actor, obj=parent, action="parent.viewed", form=form)
