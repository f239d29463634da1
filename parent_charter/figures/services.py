"""Changes to a council's figures settings."""

from parent_charter.core import council_settings

from .models import FiguresSettings


def settings_for(council) -> FiguresSettings:
    """The council's settings, or the defaults (unsaved) if it has never changed them."""
    return council_settings.settings_for(FiguresSettings, council)


def settings_update(*, council, actor, expected_version: int, suppression_threshold: int):
    """Change the smallest count the council's figures may show."""
    return council_settings.update_setting(
        FiguresSettings,
        council=council,
        actor=actor,
        expected_version=expected_version,
        name="suppression_threshold",
        value=suppression_threshold,
        action="figures.settings.updated",
    )
