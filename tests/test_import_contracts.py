"""The import contracts in pyproject.toml name apps one by one; a new app must join them, or
the rules would silently not apply to it."""

import pkgutil
import tomllib
from pathlib import Path

import parent_charter

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = {"core", "audit", "authorities", "accounts"}
NOT_APPS = {"settings", "locale", "static"}


def _contracts():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _apps():
    return {
        module.name
        for module in pkgutil.iter_modules(parent_charter.__path__)
        if module.ispkg and module.name not in NOT_APPS
    }


def test_every_app_is_kept_away_from_demo_code():
    contract = next(c for n, c in _contracts().items() if n.startswith("Product code never"))
    listed = {name.removeprefix("parent_charter.") for name in contract["source_modules"]}
    assert _apps() - {"demo"} <= listed


def test_every_domain_app_is_out_of_the_platforms_reach():
    contract = next(c for n, c in _contracts().items() if n.startswith("The platform"))
    forbidden = {name.removeprefix("parent_charter.") for name in contract["forbidden_modules"]}
    assert _apps() - PLATFORM == forbidden
