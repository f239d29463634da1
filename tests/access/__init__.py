"""Access-matrix rows contributed by each area, gathered by tests/test_access_matrix.py; their
targets are made once for each sweep module by tests/sweep_world.py.

Each module here defines `ROWS` (url name -> (permission or "public"/"signed-in", the cast
members allowed on Hillford's records, options)) and, for URLs that name a record,
`make_targets(ctx)` returning {kind: {"hillford": url kwargs, "eastmere": url kwargs}}. The
context `ctx` holds the councils, the cast and a parent in each council; targets are built
with scopes disabled. Options: {"kwargs": kind} for URLs naming a record, {"method": "post"}
for POST-only URLs, {"token": True} for a public endpoint that answers 401 without its
bearer token.
"""

import importlib
import pkgutil

STAFF = {"pa", "manager", "assessor", "partner_worker", "analyst", "council_admin", "coordinator"}
CASE_WORKERS = {"pa", "manager", "assessor"}
# Everyone in the cast: the staff, the adviser of the other council, and a parent.
EVERYONE = STAFF | {"other_pa", "parent"}


def _modules():
    for info in pkgutil.iter_modules(__path__):
        yield importlib.import_module(f"{__name__}.{info.name}")


def collected_rows() -> dict:
    rows = {}
    for module in _modules():
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"{module.__name__} repeats rows {overlap}"
        rows.update(module.ROWS)
    return rows


def collected_targets(ctx) -> dict:
    targets = {}
    for module in _modules():
        if hasattr(module, "make_targets"):
            targets.update(module.make_targets(ctx))
    return targets
