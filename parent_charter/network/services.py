"""A council's choice to share its figures with the network, and the figures it shares."""

from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from parent_charter.core import council_settings
from parent_charter.figures import periods
from parent_charter.figures.selectors import council_figures

from . import measures
from .models import NetworkSharing, SharedFigures


def sharing_for(council) -> NetworkSharing:
    """The council's choice, or the default (not shared, unsaved) if it has never made one."""
    return council_settings.settings_for(NetworkSharing, council)


def sharing_update(*, council, actor, expected_version: int, share_figures: bool):
    """Join or leave the network's comparison. Joining shares the last full quarter's figures
    at once; leaving removes every period the council shared, so it is never named again."""
    with transaction.atomic():
        row = council_settings.update_setting(
            NetworkSharing,
            council=council,
            actor=actor,
            expected_version=expected_version,
            name="share_figures",
            value=share_figures,
            action="network.sharing.updated",
        )
        if share_figures:
            build_shared_figures(council=council)
        else:
            with scope(council=council.pk):
                SharedFigures.objects.filter(council=council).delete()
    return row


def build_shared_figures(*, council, period=None) -> SharedFigures:
    """Compute and store the council's key measures for a period (the last full quarter)."""
    period = period or periods.last_full_quarter(timezone.localdate())
    with scope(council=council.pk):
        figures = council_figures(council=council, period=period)
        row, _created = SharedFigures.objects.update_or_create(
            council=council,
            period=period.slug,
            defaults={"measures": measures.from_figures(figures)},
        )
    return row


def build_network_figures(*, period=None) -> int:
    """Store the key measures of every council that shares them; run once a quarter (the
    `build_network_figures` command). Each council costs what its own figures page costs, so
    this runs in the background, never while a coordinator waits."""
    from parent_charter.authorities.models import Council

    # Across councils on purpose: which councils share is configuration, not a personal record.
    with scopes_disabled():
        sharing = list(
            Council.objects.filter(
                pk__in=NetworkSharing.objects.filter(share_figures=True).values("council")
            )
        )
    built = 0
    for council in sharing:
        build_shared_figures(council=council, period=period)
        built += 1
    return built
