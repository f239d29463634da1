"""Load and validate charter catalogues (``data/charter-*.yaml``).

Pure Python: no Django imports, so the loader can be used from management commands, data
migrations, tests and scripts alike. A catalogue's shape is the pydantic models below (the same
rules as ``data/charter.schema.json``, the JSON Schema published for editors and reused by the
local-offer schema), read by the data files' one reader (``core.yaml_files``), then checked
across entries (unique keys, source document, ``welsh_review`` entries). Every problem is a
:class:`CatalogueError` whose message names the file, the entry and the problem, for example::

    charter-1.0.yaml: commitment 7 ('expecting.rights'): 'stage' must be one of
    before_parenthood, expecting_or_parenting, ...; got 'expecting'

:func:`validate_commitments` is public so that a council's local-offer file can reuse the same
commitment shape and the same messages.
"""

from __future__ import annotations

import datetime
import json
import pathlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from parent_charter.core.yaml_files import DataFileError as CatalogueError
from parent_charter.core.yaml_files import (
    StrictModel,
    date_or_iso_text,
    describe,
    load,
    validate,
)

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

# The final look-ahead instead of '$', so that a trailing newline is refused too.
_TEXT_PATTERN = r"^\S(?:[\s\S]*\S)?(?![\s\S])"
_KEY_PATTERN = r"^[a-z0-9]+([.-][a-z0-9]+)*(?![\s\S])"
_VERSION_PATTERN = r"^[0-9]+(\.[0-9]+)*(?![\s\S])"
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
# The file's shape


@cache
def schema() -> dict[str, Any]:
    """The parsed ``charter.schema.json`` (cached; do not mutate): the same rules as the models
    below, published for editors and reused by the local-offer schema."""
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


Text = Annotated[str, StringConstraints(min_length=1, pattern=_TEXT_PATTERN)]
TitleText = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=_TEXT_PATTERN)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=_KEY_PATTERN)]
MILESTONES = (
    "first-scan",
    "healthy-start",
    "maternity-paternity-pay",
    "health-visitor",
    "gp-registration",
    "register-birth",
    "dentist-registration",
    "nursery-application",
    "optician",
    "school-application",
)

#: What each pattern asks for, in the words of a message about the file.
PATTERNS = {
    _TEXT_PATTERN: (
        "must not be empty or start or end with spaces or line breaks (use '>-' rather than '>' "
        "for folded text)"
    ),
    _KEY_PATTERN: (
        "must be lowercase letters and digits in groups joined by '.' or '-' "
        "(e.g. 'expecting.a-place-to-live')"
    ),
    _VERSION_PATTERN: 'must be a version such as "1.0"',
}


class BilingualText(StrictModel):
    en: Text
    cy: Text

    def spec(self) -> Bilingual:
        return Bilingual(en=self.en, cy=self.cy)


class BilingualTitle(BilingualText):
    en: TitleText
    cy: TitleText


class SourceModel(StrictModel):
    document: Key
    section: Text


class CommitmentModel(StrictModel):
    key: Key
    stage: Literal[STAGES]
    theme: Literal[THEMES]
    applies_to: Literal["any", "mothers", "fathers"] = "any"
    council_wide: bool = False
    ends_at_birth: bool = False
    milestone: Literal[MILESTONES] | None = None
    title: BilingualTitle
    wording: BilingualText
    guidance: Text
    evidence: Text
    source: SourceModel


class SourceDocumentModel(StrictModel):
    key: Key
    title: Text


def _each_once(values: list[str]) -> list[str]:
    repeated = next((v for i, v in enumerate(values) if v in values[:i]), None)
    if repeated is not None:
        raise ValueError(f"lists {repeated!r} more than once")
    return values


class CatalogueFile(StrictModel):
    version: Annotated[str, StringConstraints(pattern=_VERSION_PATTERN)]
    title: BilingualText
    published: datetime.date
    source_document: SourceDocumentModel
    welsh_review: Annotated[list[Key], AfterValidator(_each_once)] = []
    commitments: list[CommitmentModel] = Field(min_length=1)

    _published = field_validator("published", mode="before")(date_or_iso_text)


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
    label, data, found = load(
        path, CatalogueFile, locate=_locate_entries(("commitments",)), patterns=PATTERNS
    )
    commitments = _build_commitments(
        data["commitments"],
        found.commitments,
        file_label=label,
        source_document=found.source_document.key,
    )

    keys = {c.key for c in commitments}
    for position, key in enumerate(found.welsh_review, start=1):
        if key not in keys:
            raise CatalogueError(
                f"{label}: top level: 'welsh_review' item {position} ({key!r}) is not the key of "
                "any commitment in this file"
            )

    match = _FILE_VERSION_RE.match(label)
    if match and match["version"] != found.version:
        raise CatalogueError(
            f"{label}: top level: 'version' is {found.version!r} but the file name says "
            f"{match['version']!r}; rename the file or fix the version"
        )

    return CatalogueSpec(
        version=found.version,
        title=found.title.spec(),
        published=found.published,
        source_document_key=found.source_document.key,
        source_document_title=found.source_document.title,
        commitments=commitments,
        welsh_review=frozenset(found.welsh_review),
    )


def validate_commitments(
    data: list, *, file_label: str, source_document: str | None = None
) -> tuple[CommitmentSpec, ...]:
    """Validate a list of commitment mappings and return them as specs (``order`` is 1-based).

    If ``source_document`` is given, every commitment's ``source.document`` must equal it. Keys
    must be unique within ``data``; checking them against another catalogue is the caller's job.
    """
    if not isinstance(data, list):
        raise CatalogueError(f"{file_label}: commitments must be a list; got {describe(data)}")
    found = validate(
        list[CommitmentModel],
        data,
        label=file_label,
        locate=_locate_entries(()),
        patterns=PATTERNS,
    )
    return _build_commitments(data, found, file_label=file_label, source_document=source_document)


# --------------------------------------------------------------------------------------------
# Building specs and cross-field checks


def _entry_label(position: int, entry: Any) -> str:
    """``commitment 7 ('expecting.rights')`` (1-based), or ``commitment 7`` with no usable key."""
    key = entry.get("key") if isinstance(entry, Mapping) else None
    if isinstance(key, str) and key.strip():
        return f"commitment {position} ({key!r})"
    return f"commitment {position}"


def _locate_entries(items_path: tuple[str, ...]):
    """Name an error's place: ``commitment 7 ('expecting.rights')`` or ``top level``."""
    n = len(items_path)

    def locate(root: Any, path: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
        if tuple(path[:n]) != items_path or len(path) <= n or not isinstance(path[n], int):
            return "top level", path
        entries = root
        for part in items_path:
            entries = entries[part]
        return _entry_label(path[n] + 1, entries[path[n]]), tuple(path[n + 1 :])

    return locate


def _build_commitments(
    items: Sequence[Mapping[str, Any]],
    models: Sequence[CommitmentModel],
    *,
    file_label: str,
    source_document: str | None,
) -> tuple[CommitmentSpec, ...]:
    first_use: dict[str, int] = {}
    specs = []
    for position, (item, model) in enumerate(zip(items, models, strict=True), start=1):
        where = f"{file_label}: {_entry_label(position, item)}"
        key = model.key
        if key in first_use:
            raise CatalogueError(
                f"{where}: key {key!r} is already used by commitment {first_use[key]}"
            )
        first_use[key] = position
        document = model.source.document
        if source_document is not None and document != source_document:
            raise CatalogueError(
                f"{where}: 'source.document' must be {source_document!r} (this file's "
                f"source_document.key); got {document!r}"
            )
        specs.append(
            CommitmentSpec(
                key=key,
                stage=model.stage,
                theme=model.theme,
                title=model.title.spec(),
                wording=model.wording.spec(),
                guidance=model.guidance,
                evidence=model.evidence,
                source_document=document,
                source_section=model.source.section,
                order=position,
                applies_to=model.applies_to,
                council_wide=model.council_wide,
                ends_at_birth=model.ends_at_birth,
                milestone=model.milestone or "",
            )
        )
    return tuple(specs)
