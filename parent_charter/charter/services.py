"""Loading charter catalogue files into the database.

A loaded version may have its wording corrected by reloading the file, and may gain
commitments, but never lose one: plans and figures refer to commitments by key, so a
removal must be published as a new charter version.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .catalogue import CatalogueError, CatalogueSpec, load_catalogue
from .models import PROMISE_TEXT_FIELDS, CharterVersion, Commitment


@dataclass(frozen=True)
class LoadResult:
    version: CharterVersion
    outcome: str  # "created", "updated" or "unchanged"
    commitments: int


def load_catalogue_file(path: Path) -> LoadResult:
    path = Path(path)
    spec = load_catalogue(path)
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    with transaction.atomic():
        version = CharterVersion.objects.select_for_update().filter(version=spec.version).first()
        if version is not None and version.checksum == checksum:
            return LoadResult(version, "unchanged", version.commitments.count())
        outcome = "updated" if version is not None else "created"
        if version is None:
            version = CharterVersion(version=spec.version)
        _apply_version_fields(version, spec, path.name, checksum)
        version.save()
        _sync_commitments(version, spec, path.name)
    return LoadResult(version, outcome, len(spec.commitments))


def _apply_version_fields(version, spec: CatalogueSpec, file_name: str, checksum: str) -> None:
    version.title_en = spec.title.en
    version.title_cy = spec.title.cy
    version.published = spec.published
    version.source_document_key = spec.source_document_key
    version.source_document_title = spec.source_document_title
    version.file_name = file_name
    version.checksum = checksum


def _sync_commitments(version: CharterVersion, spec: CatalogueSpec, file_name: str) -> None:
    existing = {c.key: c for c in version.commitments.all()}
    removed = sorted(set(existing) - {c.key for c in spec.commitments})
    if removed:
        raise CatalogueError(
            f"{file_name}: commitment(s) {', '.join(removed)} of version {spec.version} are "
            "already loaded and cannot be removed; publish a new charter version instead"
        )
    to_create, to_update = [], []
    for item in spec.commitments:
        commitment = existing.get(item.key) or Commitment(charter_version=version, key=item.key)
        commitment.stage = item.stage
        commitment.theme = item.theme
        commitment.applies_to = item.applies_to
        commitment.council_wide = item.council_wide
        commitment.ends_at_birth = item.ends_at_birth
        commitment.milestone = item.milestone
        commitment.order = item.order
        commitment.title_en, commitment.title_cy = item.title.en, item.title.cy
        commitment.wording_en, commitment.wording_cy = item.wording.en, item.wording.cy
        commitment.guidance = item.guidance
        commitment.evidence = item.evidence
        commitment.source_document = item.source_document
        commitment.source_section = item.source_section
        (to_update if commitment.pk else to_create).append(commitment)
    Commitment.objects.bulk_create(to_create)
    Commitment.objects.bulk_update(
        to_update,
        [
            "stage",
            "theme",
            "applies_to",
            "council_wide",
            "ends_at_birth",
            "milestone",
            "order",
            *PROMISE_TEXT_FIELDS,
            "source_document",
            "source_section",
        ],
    )
