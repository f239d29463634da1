"""Access-matrix rows for the service directory.

The search, service pages and open API are public (no personal data); every page that changes
the directory is for the council's administrators, and another council's record is a 404.
"""

from parent_charter.directory.taxonomy import ensure_taxonomies
from tests.access import EVERYONE
from tests.directory.factories import (
    ContactFactory,
    CostOptionFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceFactory,
)

ADMIN = ("directory.manage_directory", {"council_admin"})
POST = {"method": "post"}


def _admin(kwargs=None, **options):
    return (*ADMIN, {**({"kwargs": kwargs} if kwargs else {}), **options})


ROWS = {
    "directory:search": ("public", EVERYONE, {}),
    "directory:service_page": ("public", EVERYONE, {"kwargs": "directory_service"}),
    "directory:api:api-root": ("public", EVERYONE, {}),
    "directory:api:openapi-json": ("public", EVERYONE, {}),
    "directory:api:info": ("public", EVERYONE, {}),
    "directory:api:services": ("public", EVERYONE, {}),
    "directory:api:service": ("public", EVERYONE, {"kwargs": "directory_service"}),
    "directory:api:taxonomies": ("public", EVERYONE, {}),
    "directory:api:taxonomy_terms": ("public", EVERYONE, {}),
    "directory:manage": _admin(),
    "directory:organization_add": _admin(),
    "directory:organization_edit": _admin("directory_organization"),
    "directory:location_add": _admin(),
    "directory:location_edit": _admin("directory_location"),
    "directory:service_add": _admin(),
    "directory:service": _admin("directory_service"),
    "directory:service_edit": _admin("directory_service"),
    "directory:schedule_add": _admin("directory_service"),
    "directory:schedule_edit": _admin("directory_schedule"),
    "directory:schedule_delete": _admin("directory_schedule", **POST),
    "directory:contact_add": _admin("directory_service"),
    "directory:contact_edit": _admin("directory_contact"),
    "directory:contact_delete": _admin("directory_contact", **POST),
    "directory:cost_add": _admin("directory_service"),
    "directory:cost_edit": _admin("directory_cost"),
    "directory:cost_delete": _admin("directory_cost", **POST),
    "directory:need_add": _admin(),
    "directory:need_edit": _admin("directory_need"),
}


def make_targets(ctx) -> dict:
    records = {}
    for which in ("hillford", "eastmere"):
        council = ctx[which]
        service = ServiceFactory(council=council)
        records[which] = {
            "directory_organization": service.organization,
            "directory_service": service,
            "directory_location": LocationFactory(council=council),
            "directory_schedule": ScheduleFactory(service=service),
            "directory_contact": ContactFactory(service=service),
            "directory_cost": CostOptionFactory(service=service),
            "directory_need": ensure_taxonomies(council)["somewhere-to-live"],
        }
    kinds = records["hillford"].keys()
    return {kind: {which: {"id": records[which][kind].pk} for which in records} for kind in kinds}
