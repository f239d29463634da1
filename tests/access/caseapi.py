"""Access-matrix rows for the case-records API and its clients' pages.

The clients' pages are the council administrator's; another council's client is not found.
The API's own addresses need a token ("api-token"): anonymous callers and signed-in people
alike get a JSON 401, since a session never opens the API. Its OpenAPI document, root and
guide are public.
"""

import uuid

from django_scopes import scope

from parent_charter.caseapi import services
from tests.access import EVERYONE

ADMIN = {"council_admin"}
ITEM = {"kwargs": "caseapi_item_id"}
PARENT = {"kwargs": "caseapi_parent_id"}

ROWS = {
    "caseapi:clients": ("caseapi.manage_clients", ADMIN, {}),
    "caseapi:client_add": ("caseapi.manage_clients", ADMIN, {}),
    "caseapi:client_revoke": ("caseapi.manage_clients", ADMIN, {"kwargs": "caseapi_client"}),
    "caseapi:docs": ("public", EVERYONE, {}),
    "caseapi:api:api-root": ("public", EVERYONE, {}),
    "caseapi:api:openapi-json": ("public", EVERYONE, {}),
    "caseapi:api:client": ("api-token", set(), {}),
    "caseapi:api:parents": ("api-token", set(), {}),
    "caseapi:api:parent": ("api-token", set(), PARENT),
    "caseapi:api:plan": ("api-token", set(), PARENT),
    "caseapi:api:plan_item": ("api-token", set(), ITEM),
    "caseapi:api:plan_item_update": ("api-token", set(), {**ITEM, "method": "patch"}),
    "caseapi:api:figures": ("api-token", set(), {}),
}


def make_targets(ctx) -> dict:
    clients = {}
    for which in ("hillford", "eastmere"):
        council = ctx[which]
        with scope(council=council.pk):
            clients[which] = services.client_create(
                council=council,
                actor=ctx["council_admin"],
                name=f"{which} system",
                scopes=["parents:read"],
                form_token=uuid.uuid4(),
            ).client
    return {
        "caseapi_client": {k: {"public_id": c.public_id} for k, c in clients.items()},
        "caseapi_parent_id": {
            k: {"parent_id": str(ctx[f"{k}_parent"].public_id)} for k in ("hillford", "eastmere")
        },
        # No item is needed: without a token the API answers 401 before looking anything up.
        "caseapi_item_id": {k: {"item_id": str(uuid.uuid4())} for k in ("hillford", "eastmere")},
    }
