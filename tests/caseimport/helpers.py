"""Helpers for the case-import tests: a council's mapping and uploads as text."""

from pathlib import Path

from django_scopes import scope

from parent_charter.caseimport import services
from parent_charter.caseimport.forms import PRESETS

DATA = Path(__file__).resolve().parents[2] / "parent_charter" / "caseimport" / "data"


def example(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def save_mapping(council, actor=None, preset="liquidlogic", **overrides):
    with scope(council=council.pk):
        return services.mapping_save(
            council=council, actor=actor, **{**PRESETS[preset], **overrides}
        )


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return "\n".join(lines) + "\n"


LL_PARENTS = [
    "Person ID",
    "Forename",
    "Surname",
    "Date of Birth",
    "Parental Role",
    "Postcode",
]
LL_CHILDREN = [
    "Child Person ID",
    "Parent Person ID",
    "Child Forename",
    "Child Date of Birth",
    "Expected Date of Delivery",
    "Living Arrangement",
]
