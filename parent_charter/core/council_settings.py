"""A council's one-row settings (portal, figures, …): read with defaults, changed with a version.

Each area keeps its settings in a model with a one-to-one `council` and a `version`. Reading
gives the saved row or an unsaved one holding the defaults; changing one value is a
compare-and-set on the version (core.concurrency), audited with the new value, and a save that
changes nothing writes nothing (but still reports a stale form).
"""

from django.db import transaction

from .concurrency import EditConflict, save_if_unchanged


def settings_for(model, council):
    """The council's row, or the defaults (unsaved) if it has never changed them."""
    return model.objects.filter(council=council).first() or model(council=council)


def update_setting(model, *, council, actor, expected_version: int, name: str, value, action: str):
    """Set one value of the council's settings row, audited as `action`."""
    from parent_charter.audit import services as audit

    with transaction.atomic():
        row, _created = model.objects.get_or_create(council=council)
        if getattr(row, name) == value:
            if row.version != expected_version:
                raise EditConflict(current=row)
            return row
        save_if_unchanged(row, expected_version=expected_version, fields={name: value})
        audit.record(actor=actor, council=council, action=action, obj=row, detail={name: value})
    return row
