"""Changes to a council's figures settings."""

from django.db import transaction

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import EditConflict, save_if_unchanged

from .models import FiguresSettings


def settings_for(council) -> FiguresSettings:
    """The council's settings, or the defaults (unsaved) if it has never changed them."""
    return FiguresSettings.objects.filter(council=council).first() or FiguresSettings(
        council=council
    )


def settings_update(*, council, actor, expected_version: int, suppression_threshold: int):
    """Change the smallest count the council's figures may show."""
    with transaction.atomic():
        row, _created = FiguresSettings.objects.get_or_create(council=council)
        if row.suppression_threshold == suppression_threshold:
            if row.version != expected_version:
                raise EditConflict(current=row)
            return row
        save_if_unchanged(
            row,
            expected_version=expected_version,
            fields={"suppression_threshold": suppression_threshold},
        )
        audit.record(
            actor=actor,
            council=council,
            action="figures.settings.updated",
            obj=row,
            detail={"suppression_threshold": suppression_threshold},
        )
    return row
