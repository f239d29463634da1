"""Load and validate charter catalogues (``data/charter-*.yaml``).

Pure Python: no Django imports, so the loader can be used from management commands, data
migrations, tests and scripts alike. A catalogue is validated against ``data/charter.schema.json``
(JSON Schema draft 2020-12) and then by a few cross-field checks that JSON Schema cannot express
(unique keys, source document, ``welsh_review`` entries). Every problem is reported as a
:class:`CatalogueError` whose message names the file, the entry and the problem, for example::

    charter-1.0.yaml: commitment 7 ('expecting.rights'): 'stage' must be one of
    before_parenthood, expecting_or_parenting, ...; got 'expecting'

:func:`validate_commitments` is public so that a council's local-offer file can reuse the same
commitment shape (``#/$defs/commitment``) and the same messages.
"""

from __future__ import annotations

import datetime
import json
import pathlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from parent_charter.core.yaml_files import DataFileError as CatalogueError
from parent_charter.core.yaml_files import read_yaml

__all__ = [
    "KEY_RE",
    "STAGES",
    "THEMES",
    "Bilingual",
    "CatalogueError",
    "CatalogueSpec",
    "CommitmentSpec",
    "default_catalogue_path",
    "load_catalogue",
    "schema",
    "shipped_catalogues",
    "validate_commitments",
]

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"
SCHEMA_PATH = DATA_DIR / "charter.schema.json"
DEFAULT_VERSION = "1.0"

#: Stages of a parent's journey, in the order the charter presents them.
STAGES: tuple[str, ...] = (
    "before_parenthood",
    "expecting_or_parenting",
    "concerns_raised",
    "living_apart",
    "child_removed",
    "throughout",
)

#: Themes, in a stable display order.
THEMES: tuple[str, ...] = (
    "health",
    "home_and_money",
    "rights_and_entitlements",
    "practical_know_how",
    "who_to_contact",
    "local_services",
    "a_break",
    "education_and_work",
    "stigma",
    "advocacy_and_legal",
    "fair_assessment",
    "relationship_with_child",
    "emotional_support",
    "listening_and_honesty",
    "planning_the_future",
)

#: A commitment or document key (use ``KEY_RE.fullmatch``).
KEY_RE = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")

_TEXT_PATTERN = r"^\S(?:[\s\S]*\S)?(?![\s\S])"
_FILE_VERSION_RE = re.compile(r"^charter-(?P<version>.+)\.ya?ml$")


@dataclass(frozen=True)
class Bilingual:
    en: str
    cy: str

    def get(self, language: str) -> str:
        """The text in ``language`` ('en' or 'cy', or a code such as 'cy-gb'); English otherwise."""
        return self.cy if language.lower().startswith("cy") else self.en


@dataclass(frozen=True)
class CommitmentSpec:
    key: str
    stage: str
    theme: str
    title: Bilingual
    wording: Bilingual
    guidance: str
    evidence: str
    source_document: str
    source_section: str
    order: int  # 1-based position in the file
    applies_to: str = "any"  # every parent, or only mothers or fathers (charter.AppliesTo)
    council_wide: bool = False  # the council's own duty, never on a parent's plan
    ends_at_birth: bool = False  # only while a child is expected
    milestone: str = ""  # the plans.milestones key this promise covers


@dataclass(frozen=True)
class CatalogueSpec:
    version: str
    title: Bilingual
    published: datetime.date
    source_document_key: str
    source_document_title: str
    commitments: tuple[CommitmentSpec, ...]
    welsh_review: frozenset[str]

    def get(self, key: str) -> CommitmentSpec:
        """The commitment with this key; ``KeyError`` if there is none."""
        for commitment in self.commitments:
            if commitment.key == key:
                return commitment
        raise KeyError(key)

    def for_stage(self, stage: str) -> tuple[CommitmentSpec, ...]:
        return tuple(c for c in self.commitments if c.stage == stage)


# --------------------------------------------------------------------------------------------
# Schema


@cache
def schema() -> dict[str, Any]:
    """The parsed ``charter.schema.json`` (cached; do not mutate)."""
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _registry() -> Registry:
    resource = Resource.from_contents(schema())
    return Registry().with_resource(uri=schema()["$id"], resource=resource)


@cache
def _validator_for(schema_ref: str | None) -> Draft202012Validator:
    """A validator for the whole catalogue (``None``) or for a list of ``schema_ref`` items."""
    if schema_ref is None:
        root: dict[str, Any] = schema()
    else:
        target = schema_ref if "://" in schema_ref else schema()["$id"] + schema_ref
        root = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "array",
            "items": {"$ref": target},
        }
    return Draft202012Validator(
        root, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


# --------------------------------------------------------------------------------------------
# Public API


def default_catalogue_path() -> pathlib.Path:
    """The shipped base catalogue (``charter-1.0.yaml``)."""
    return DATA_DIR / f"charter-{DEFAULT_VERSION}.yaml"


def _version_sort_key(path: pathlib.Path) -> tuple[tuple[int, int | str], ...]:
    match = _FILE_VERSION_RE.match(path.name)
    version = match["version"] if match else path.stem
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-]", version))


def shipped_catalogues() -> list[pathlib.Path]:
    """All ``charter-*.yaml`` files shipped in ``data/``, oldest version first (1.9 < 1.10)."""
    return sorted(DATA_DIR.glob("charter-*.yaml"), key=_version_sort_key)


def load_catalogue(path: pathlib.Path | str) -> CatalogueSpec:
    """Read, validate and return a catalogue; raise :class:`CatalogueError` if anything is wrong."""
    path = pathlib.Path(path)
    label = path.name
    data = _read_yaml(path, label)

    if data is None:
        raise CatalogueError(f"{label}: top level: the file is empty")
    if not isinstance(data, dict):
        raise CatalogueError(
            f"{label}: top level: the file must hold a mapping with version, title, published, "
            f"source_document and commitments; got {_describe(data)}"
        )

    instance = dict(data)
    # YAML turns `published: 2021-10-01` into a datetime.date; JSON Schema only knows strings.
    published = instance.get("published")
    if isinstance(published, datetime.date) and not isinstance(published, datetime.datetime):
        instance["published"] = published.isoformat()

    error = _pick_error(_validator_for(None).iter_errors(instance), ("commitments",))
    if error is not None:
        raise CatalogueError(_explain(error, label, instance, ("commitments",)))

    source_key = instance["source_document"]["key"]
    commitments = _build_commitments(
        instance["commitments"], file_label=label, source_document=source_key
    )

    keys = {c.key for c in commitments}
    welsh_review = instance.get("welsh_review", [])
    for position, key in enumerate(welsh_review, start=1):
        if key not in keys:
            raise CatalogueError(
                f"{label}: top level: 'welsh_review' item {position} ({key!r}) is not the key of "
                "any commitment in this file"
            )

    version = instance["version"]
    match = _FILE_VERSION_RE.match(label)
    if match and match["version"] != version:
        raise CatalogueError(
            f"{label}: top level: 'version' is {version!r} but the file name says "
            f"{match['version']!r}; rename the file or fix the version"
        )

    return CatalogueSpec(
        version=version,
        title=Bilingual(en=instance["title"]["en"], cy=instance["title"]["cy"]),
        published=datetime.date.fromisoformat(instance["published"]),
        source_document_key=source_key,
        source_document_title=instance["source_document"]["title"],
        commitments=commitments,
        welsh_review=frozenset(welsh_review),
    )


def validate_commitments(
    data: list,
    *,
    file_label: str,
    schema_ref: str = "#/$defs/commitment",
    source_document: str | None = None,
) -> tuple[CommitmentSpec, ...]:
    """Validate a list of commitment mappings and return them as specs (``order`` is 1-based).

    ``schema_ref`` is a JSON pointer into ``charter.schema.json`` (or an absolute URI of a schema
    in the same registry). If ``source_document`` is given, every commitment's
    ``source.document`` must equal it. Keys must be unique within ``data``; checking them against
    another catalogue is the caller's job.
    """
    if not isinstance(data, list):
        raise CatalogueError(f"{file_label}: commitments must be a list; got {_describe(data)}")
    error = _pick_error(_validator_for(schema_ref).iter_errors(data), ())
    if error is not None:
        raise CatalogueError(_explain(error, file_label, data, ()))
    return _build_commitments(data, file_label=file_label, source_document=source_document)


# --------------------------------------------------------------------------------------------
# Reading


# The data files' one strict reader: refuses a field repeated in a mapping, and impossible dates.
_read_yaml = read_yaml


# --------------------------------------------------------------------------------------------
# Building specs and cross-field checks


def _entry_label(position: int, entry: Any) -> str:
    """``commitment 7 ('expecting.rights')`` (1-based), or ``commitment 7`` with no usable key."""
    key = entry.get("key") if isinstance(entry, Mapping) else None
    if isinstance(key, str) and key.strip():
        return f"commitment {position} ({key!r})"
    return f"commitment {position}"


def _build_commitments(
    items: Sequence[Mapping[str, Any]], *, file_label: str, source_document: str | None
) -> tuple[CommitmentSpec, ...]:
    first_use: dict[str, int] = {}
    specs = []
    for position, item in enumerate(items, start=1):
        where = f"{file_label}: {_entry_label(position, item)}"
        key = item["key"]
        if key in first_use:
            raise CatalogueError(
                f"{where}: key {key!r} is already used by commitment {first_use[key]}"
            )
        first_use[key] = position
        document = item["source"]["document"]
        if source_document is not None and document != source_document:
            raise CatalogueError(
                f"{where}: 'source.document' must be {source_document!r} (this file's "
                f"source_document.key); got {document!r}"
            )
        specs.append(
            CommitmentSpec(
                key=key,
                stage=item["stage"],
                theme=item["theme"],
                title=Bilingual(en=item["title"]["en"], cy=item["title"]["cy"]),
                wording=Bilingual(en=item["wording"]["en"], cy=item["wording"]["cy"]),
                guidance=item["guidance"],
                evidence=item["evidence"],
                source_document=document,
                source_section=item["source"]["section"],
                order=position,
                applies_to=item.get("applies_to", "any"),
                council_wide=item.get("council_wide", False),
                ends_at_birth=item.get("ends_at_birth", False),
                milestone=item.get("milestone", ""),
            )
        )
    return tuple(specs)


# --------------------------------------------------------------------------------------------
# Turning jsonschema errors into plain messages


def _pick_error(
    errors: Iterable[ValidationError], items_path: tuple[str, ...]
) -> ValidationError | None:
    """The error to report: a top-level problem first, otherwise the earliest broken entry.

    Within that group, ``best_match`` chooses the most relevant error (a missing field beats a
    wrong value inside another field, for instance).
    """
    top: list[ValidationError] = []
    by_entry: dict[int, list[ValidationError]] = {}
    n = len(items_path)
    for error in errors:
        path = tuple(error.absolute_path)
        if path[:n] == items_path and len(path) > n and isinstance(path[n], int):
            by_entry.setdefault(path[n], []).append(error)
        else:
            top.append(error)
    if top:
        return best_match(top)
    if by_entry:
        return best_match(by_entry[min(by_entry)])
    return None


_TYPE_NAMES = {
    "string": "text",
    "object": "a mapping of fields",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _describe(value: Any) -> str:
    """A short, human description of a YAML value for 'got ...'."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, datetime.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown) if value else "empty text ''"
    if isinstance(value, Mapping):
        return "a mapping of fields"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _field_name(parts: Sequence[Any]) -> str:
    """``['title', 'cy']`` -> ``title.cy``; ``['welsh_review', 2]`` -> ``welsh_review item 3``."""
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f" item {part + 1}"
        else:
            name += f".{part}" if name else str(part)
    return name


def _explain(error: ValidationError, label: str, root: Any, items_path: tuple[str, ...]) -> str:
    path = list(error.absolute_path)
    n = len(items_path)
    in_entry = tuple(path[:n]) == items_path and len(path) > n and isinstance(path[n], int)
    if in_entry:
        position = path[n]
        entries = root
        for part in items_path:
            entries = entries[part]
        where = _entry_label(position + 1, entries[position])
        rest = path[n + 1 :]
    else:
        where = "top level"
        rest = path
    return f"{label}: {where}: {_problem(error, rest, in_entry)}"


def _problem(error: ValidationError, rest: list[Any], in_entry: bool) -> str:
    validator = error.validator
    value = error.validator_value
    instance = error.instance
    field = _field_name(rest)
    subject = f"{field!r}" if field else ("the entry" if in_entry else "the file")

    if validator == "required":
        missing = [name for name in value if name not in instance]
        name = _field_name([*rest, missing[0]]) if missing else field
        return f"missing required field {name!r}" if in_entry else f"{name!r} is required"

    if validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        unknown = ", ".join(repr(_field_name([*rest, k])) for k in extra)
        noun = "field" if len(extra) == 1 else "fields"
        return f"unknown {noun} {unknown} (allowed here: {', '.join(allowed)})"

    if validator == "enum":
        return f"{subject} must be one of {', '.join(map(str, value))}; got {_describe(instance)}"

    if validator == "type":
        wanted = value if isinstance(value, str) else value[0]
        expected = _TYPE_NAMES.get(wanted, wanted)
        if wanted == "object" and error.schema.get("required"):
            expected += f" ({', '.join(error.schema['required'])})"
        hint = ""
        if wanted == "string" and isinstance(instance, int | float | bool | datetime.date):
            hint = "; put the value in quotes"
        return f"{subject} must be {expected}; got {_describe(instance)}{hint}"

    if validator == "pattern":
        if value == _TEXT_PATTERN:
            return (
                f"{subject} must not be empty or start or end with spaces or line breaks "
                f"(use '>-' rather than '>' for folded text); got {_describe(instance)}"
            )
        if "[a-z0-9]+" in value:
            return (
                f"{subject} must be lowercase letters and digits in groups joined by '.' or '-' "
                f"(e.g. 'expecting.a-place-to-live'); got {_describe(instance)}"
            )
        if "[0-9]{4}" in value:
            return f"{subject} must be a real date written as YYYY-MM-DD; got {_describe(instance)}"
        if rest == ["version"]:
            return f'{subject} must be a version such as "1.0"; got {_describe(instance)}'
        return f"{subject} must match {value}; got {_describe(instance)}"

    if validator == "format" and value == "date":
        return f"{subject} must be a real date written as YYYY-MM-DD; got {_describe(instance)}"

    if validator == "minLength":
        return f"{subject} must not be empty"

    if validator == "maxLength":
        return f"{subject} must be at most {value} characters; got {len(instance)}"

    if validator == "minItems":
        items = "item" if value == 1 else "items"
        return f"{subject} must have at least {value} {items}; got {len(instance)}"

    if validator == "uniqueItems":
        repeated = next((v for i, v in enumerate(instance) if v in instance[:i]), None)
        return f"{subject} lists {repeated!r} more than once"

    return f"{subject}: {error.message}"
