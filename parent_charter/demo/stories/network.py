"""The demo's network: more councils across England and Wales at different stages of signing
up, some of them sharing their figures, so that the network view has something to show.

DEMO DATA. The councils are real, but their statuses, dates and choices are invented, and they
have no parents: each has only a council record (telephone numbers from Ofcom's range for TV and
radio drama) and, where it has engaged with the charter, an unpublished local offer.
"""

import datetime

from django.db import transaction
from django_scopes import scope

from parent_charter.authorities.models import Council, Nation
from parent_charter.charter.models import CharterVersion
from parent_charter.network import services
from parent_charter.network.models import NetworkSharing
from parent_charter.offers.models import AdoptionStatus, LocalOffer

# (GSS code, name, Welsh name, slug, nation, status or None for not yet, its date, shares figures)
EXTRA_COUNCILS = (
    ("W06000011", "Swansea Council", "Cyngor Abertawe", "swansea", Nation.WALES,
     AdoptionStatus.SIGNED_UP, datetime.date(2024, 2, 12), True),
    ("W06000001", "Isle of Anglesey County Council", "Cyngor Sir Ynys Môn", "anglesey",
     Nation.WALES, AdoptionStatus.ENGAGED, datetime.date(2025, 5, 20), False),
    ("W06000022", "Newport City Council", "Cyngor Dinas Casnewydd", "newport", Nation.WALES,
     AdoptionStatus.WITHDRAWN, datetime.date(2025, 9, 1), False),
    ("E06000023", "Bristol City Council", "", "bristol", Nation.ENGLAND,
     AdoptionStatus.ENGAGED, datetime.date(2025, 1, 15), True),
    ("E08000025", "Birmingham City Council", "", "birmingham", Nation.ENGLAND,
     AdoptionStatus.SIGNED_UP, datetime.date(2024, 11, 4), True),
    ("E08000035", "Leeds City Council", "", "leeds", Nation.ENGLAND, None, None, False),
)  # fmt: skip
# The councils whose offers the demo loads from files share their figures too.
SHARING_DEMO_COUNCILS = ("cardiff", "herefordshire")


def _extra_councils() -> list[tuple[Council, bool]]:
    charter = CharterVersion.objects.order_by("-published", "-pk").first()
    made = []
    for index, (code, name, name_cy, slug, nation, status, day, shares) in enumerate(
        EXTRA_COUNCILS
    ):
        council, _created = Council.objects.get_or_create(
            gss_code=code,
            defaults={
                "name": name,
                "name_cy": name_cy,
                "slug": slug,
                "nation": nation,
                "welsh_required": nation == Nation.WALES,
                "duty_phone": f"01632 960 {100 + index:03d}",
                "out_of_hours_phone": f"01632 960 {200 + index:03d}",
            },
        )
        if status and charter:
            LocalOffer.objects.get_or_create(
                council=council,
                defaults={
                    "charter_version": charter,
                    "status": status,
                    "status_date": day,
                    "published": False,
                },
            )
        made.append((council, shares))
    return made


def _share(council) -> bool:
    """Share the council's figures (built afresh each run). True if it did not share before."""
    with scope(council=council.pk):
        _row, created = NetworkSharing.objects.update_or_create(
            council=council, defaults={"share_figures": True}
        )
    services.build_shared_figures(council=council)
    return created


def seed(council) -> str:
    with transaction.atomic():
        joined = [c for c, shares in _extra_councils() if shares]
        if council.slug in SHARING_DEMO_COUNCILS:
            joined.append(council)
        newly = sum(_share(c) for c in joined)
    return f"{len(EXTRA_COUNCILS)} more councils on the network map; {newly} began sharing figures"
