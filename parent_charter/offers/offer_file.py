"""Load and validate a council's local-offer file (``offers/data/<council slug>.yaml``).

Pure Python: no Django imports, so the loader can be used from management commands, data
migrations, tests and scripts alike. A file holds three things: the ``council`` (contact details
and office hours), its ``partners`` (charities and services it works with) and its ``offer`` (the
charter version adopted, the promises the council adds to it and the programmes its partners
run). Its shape is the pydantic models of ``offer_shape`` (the same rules as
``data/offer.schema.json``, the JSON Schema published for editors), which reuse the charter's
commitment and bilingual text; the data files' one reader (``core.yaml_files``) reads and
checks it, and then come the cross-field checks:

- a council in Wales must have ``welsh_required: true``, and the GSS code's first letter must
  match the nation;
- the file is named after ``council.slug``;
- at most two office-hours entries per day (before and after a break), not overlapping, and
  each closes after it opens;
- partner names, programme slugs and commitment keys are unique;
- a programme's ``provider`` is the name of one of the partners;
- every local commitment has ``source.document`` ``<council slug>-local-offer`` and a key that is
  not already a key of the charter version the council adopted.

Every problem is a :class:`~parent_charter.charter.catalogue.CatalogueError` whose message
names the file, the entry and the problem, worded by the same translator as the charter
catalogue's. Entries in lists are counted from 1, as in the catalogue, for example::

    herefordshire.yaml: offer.programmes[1] ('baby-steps'): provider 'Home Start' is not one of
    the partners (Home-Start Herefordshire)
"""

from __future__ import annotations

import datetime
import json
import pathlib
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import Any

from parent_charter.charter import catalogue
from parent_charter.charter.catalogue import (
    Bilingual,
    CatalogueError,
    CommitmentSpec,
    validate_commitments,
)
from parent_charter.core.yaml_files import load

from .offer_shape import (
    PATTERNS,
    WEEKDAYS,
    BenefitSpec,
    CouncilSpec,
    OfferFile,
    OfferFileSpec,
    OfferSpec,
    OfficeHoursSpec,
    PartnerSpec,
    ProgrammeSpec,
)

__all__ = [
    "DATA_DIR",
    "SCHEMA_PATH",
    "WEEKDAYS",
    "BenefitSpec",
    "CouncilSpec",
    "OfferFileSpec",
    "OfferSpec",
    "OfficeHoursSpec",
    "PartnerSpec",
    "ProgrammeSpec",
    "load_offer_file",
    "local_offer_document_key",
    "schema",
    "shipped_offer_files",
]

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"
SCHEMA_PATH = DATA_DIR / "offer.schema.json"

_GSS_PREFIX = {"england": "E", "wales": "W", "scotland": "S", "northern_ireland": "N"}
_NATION_ADJECTIVE = {
    "england": "an English",
    "wales": "a Welsh",
    "scotland": "a Scottish",
    "northern_ireland": "a Northern Irish",
}


def local_offer_document_key(council_slug: str) -> str:
    """The ``source.document`` every local commitment of this council must name."""
    return f"{council_slug}-local-offer"


# --------------------------------------------------------------------------------------------
# Public API


@cache
def schema() -> dict[str, Any]:
    """The parsed ``offer.schema.json`` (cached; do not mutate): the same rules as the models in
    ``offer_shape``, published for editors."""
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def shipped_offer_files() -> list[pathlib.Path]:
    """All local-offer files (``*.yaml``) shipped in ``offers/data/``, sorted by name."""
    return sorted(DATA_DIR.glob("*.yaml"))


def load_offer_file(path: pathlib.Path | str) -> OfferFileSpec:
    """Read, validate and return a local-offer file; raise ``CatalogueError`` if it is wrong."""
    path = pathlib.Path(path)
    label, data, found = load(path, OfferFile, locate=_where, patterns=PATTERNS, order=_order_key)

    checker = _Checker(label, data)
    council = checker.council(path)
    partners = checker.partners()
    programmes = checker.programmes({p.name for p in partners})
    commitments = checker.commitments(council.slug)
    offer = found.offer
    return OfferFileSpec(
        council=council,
        partners=partners,
        offer=OfferSpec(
            charter_version=offer.charter_version,
            status=offer.status,
            status_date=offer.status_date,
            eligibility_age=offer.eligibility_age,
            eligibility_boundary=offer.eligibility_boundary,
            introduction=offer.introduction.spec(),
            commitments=commitments,
            programmes=programmes,
        ),
    )


# --------------------------------------------------------------------------------------------
# Where in the file: "council", "offer.programmes[1] ('baby-steps')", "top level"

#: Lists whose items are entries, and the field that names an entry in messages.
_ENTRY_LISTS: dict[str, str | None] = {
    "office_hours": "day",
    "partners": "name",
    "commitments": "key",
    "programmes": "slug",
    "benefits": None,
}
#: Document order of sections, so the first problem in the file is the one reported.
_SECTION_ORDER = {
    name: rank
    for rank, name in enumerate(
        ("council", "office_hours", "partners", "offer", "commitments", "programmes", "benefits")
    )
}


def _locate(root: Any, path: Iterable[Any]) -> tuple[str, list[Any], tuple[Any, ...]]:
    """Split a path into the entry it is in, the field within that entry, and the entry's path.

    ``['offer', 'programmes', 0, 'benefits', 1, 'heading', 'cy']`` gives
    ``("offer.programmes[1] ('baby-steps').benefits[2]", ['heading', 'cy'], (...))``.
    """
    prefix: list[str] = []
    rest: list[Any] = []
    entry_path: tuple[Any, ...] = ()
    walked: list[Any] = []
    node = root
    for part in path:
        previous = walked[-1] if walked else None
        walked.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        if not prefix and isinstance(part, str):
            prefix.append(part)
            entry_path = (part,)
        elif isinstance(part, int) and isinstance(previous, str) and previous in _ENTRY_LISTS:
            name_field = _ENTRY_LISTS[previous]
            name = node.get(name_field) if name_field and isinstance(node, Mapping) else None
            shown = f"[{part + 1}]" + (f" ({name!r})" if isinstance(name, str) and name else "")
            if rest:
                prefix.append(".".join(str(p) for p in rest) + shown)
            else:
                prefix[-1] += shown
            rest = []
            entry_path = tuple(walked)
        else:
            rest.append(part)
    return ".".join(prefix) or "top level", rest, entry_path


def _order_key(path: tuple[Any, ...]) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (1, part, "") if isinstance(part, int) else (0, _SECTION_ORDER.get(part, 99), str(part))
        for part in path
    )


def _where(root: Any, path: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    where, rest, _entry = _locate(root, path)
    return where, tuple(rest)


def _fail(label: str, root: Any, path: list[Any], problem: str) -> CatalogueError:
    where, _rest, _entry = _locate(root, path)
    return CatalogueError(f"{label}: {where}: {problem}")


# --------------------------------------------------------------------------------------------
# Cross-field checks and building specs


def _bilingual(value: Mapping[str, str]) -> Bilingual:
    return Bilingual(en=value["en"], cy=value["cy"])


@lru_cache(maxsize=8)
def _charter_keys(path: str, mtime_ns: int) -> frozenset[str]:
    del mtime_ns  # part of the cache key only, so an edited catalogue is read again
    return frozenset(c.key for c in catalogue.load_catalogue(path).commitments)


class _Checker:
    """Checks a schema-valid file entry by entry and builds its specs."""

    def __init__(self, label: str, root: dict[str, Any]):
        self.label = label
        self.root = root

    def fail(self, path: list[Any], problem: str) -> CatalogueError:
        return _fail(self.label, self.root, path, problem)

    def council(self, path: pathlib.Path) -> CouncilSpec:
        council = self.root["council"]
        nation = council["nation"]
        if nation == "wales" and not council["welsh_required"]:
            raise self.fail(
                ["council"],
                "'welsh_required' must be true when 'nation' is wales (councils in Wales must "
                "offer their services in Welsh); got false",
            )
        gss_code = council["gss_code"]
        if gss_code[0] != _GSS_PREFIX[nation]:
            nation_of_code = next(n for n, p in _GSS_PREFIX.items() if p == gss_code[0])
            raise self.fail(
                ["council"],
                f"'gss_code' {gss_code!r} is {_NATION_ADJECTIVE[nation_of_code]} code (it starts "
                f"with {gss_code[0]!r}) but 'nation' is {nation}; codes for {nation} start with "
                f"{_GSS_PREFIX[nation]!r}",
            )
        slug = council["slug"]
        if path.stem != slug:
            raise self.fail(
                ["council"],
                f"'slug' is {slug!r} but the file is named {path.name!r}; name the file "
                f"'{slug}{path.suffix}' or fix the slug",
            )

        hours: list[OfficeHoursSpec] = []
        # A day may have two entries, before and after a break (a lunch closure), never more,
        # and they may not overlap: a later entry never silently replaces an earlier one.
        earlier: dict[str, list[tuple[int, datetime.time, datetime.time]]] = {}
        for index, entry in enumerate(council["office_hours"]):
            entry_path = ["council", "office_hours", index]
            day = entry["day"]
            opens = datetime.time.fromisoformat(entry["opens"])
            closes = datetime.time.fromisoformat(entry["closes"])
            if closes <= opens:
                raise self.fail(
                    entry_path,
                    f"'closes' ({entry['closes']}) must be later than 'opens' ({entry['opens']})",
                )
            for other_index, other_opens, other_closes in earlier.get(day, []):
                if opens <= other_closes and other_opens <= closes:
                    raise self.fail(
                        entry_path,
                        f"{day} is already listed at council.office_hours[{other_index + 1}] "
                        "and the two times overlap; give a day two entries only when the office "
                        "closes between them, for example for lunch",
                    )
            if len(earlier.get(day, [])) >= 2:
                raise self.fail(
                    entry_path,
                    f"{day} is already listed twice; give at most two entries a day, before "
                    "and after a break",
                )
            earlier.setdefault(day, []).append((index, opens, closes))
            hours.append(OfficeHoursSpec(weekday=WEEKDAYS.index(day), opens=opens, closes=closes))

        return CouncilSpec(
            name=council["name"],
            name_cy=council.get("name_cy", ""),
            slug=slug,
            nation=nation,
            gss_code=gss_code,
            address=council.get("address", ""),
            postcode=council.get("postcode", ""),
            phone=council.get("phone", ""),
            duty_phone=council["duty_phone"],
            out_of_hours_phone=council["out_of_hours_phone"],
            email=council.get("email", ""),
            welsh_required=council["welsh_required"],
            office_hours=tuple(sorted(hours, key=lambda h: (h.weekday, h.opens))),
        )

    def partners(self) -> tuple[PartnerSpec, ...]:
        specs = []
        first_use: dict[str, int] = {}
        for index, entry in enumerate(self.root["partners"]):
            name = entry["name"]
            if name in first_use:
                raise self.fail(
                    ["partners", index],
                    f"name {name!r} is already used by partners[{first_use[name] + 1}]",
                )
            first_use[name] = index
            specs.append(
                PartnerSpec(
                    name=name,
                    description=entry.get("description", ""),
                    website=entry.get("website", ""),
                    phone=entry.get("phone", ""),
                    email=entry.get("email", ""),
                )
            )
        return tuple(specs)

    def programmes(self, partner_names: set[str]) -> tuple[ProgrammeSpec, ...]:
        specs = []
        first_use: dict[str, int] = {}
        for index, entry in enumerate(self.root["offer"]["programmes"]):
            entry_path = ["offer", "programmes", index]
            slug = entry["slug"]
            if slug in first_use:
                raise self.fail(
                    entry_path,
                    f"slug {slug!r} is already used by offer.programmes[{first_use[slug] + 1}]",
                )
            first_use[slug] = index
            provider = entry["provider"]
            if provider not in partner_names:
                known = ", ".join(p["name"] for p in self.root["partners"])
                raise self.fail(
                    entry_path,
                    f"provider {provider!r} is not one of the partners "
                    + (f"({known})" if known else "(the file lists no partners)"),
                )
            specs.append(
                ProgrammeSpec(
                    slug=slug,
                    name=entry["name"],
                    provider=provider,
                    summary=_bilingual(entry["summary"]),
                    eligibility=_bilingual(entry["eligibility"]),
                    maximum_age=entry.get("maximum_age"),
                    fathers_included=entry["fathers_included"],
                    residents_only=entry["residents_only"],
                    places=entry.get("places"),
                    offered_on_new_baby=entry.get("offered_on_new_baby", False),
                    support_forms=tuple(entry["support_forms"]),
                    support_givers=tuple(entry["support_givers"]),
                    delivery_places=tuple(entry["delivery_places"]),
                    frequencies=tuple(entry["frequencies"]),
                    referral_routes=tuple(entry["referral_routes"]),
                    benefits=tuple(
                        BenefitSpec(heading=_bilingual(b["heading"]), text=_bilingual(b["text"]))
                        for b in entry["benefits"]
                    ),
                    order=index + 1,
                )
            )
        return tuple(specs)

    def commitments(self, council_slug: str) -> tuple[CommitmentSpec, ...]:
        items = self.root["offer"]["commitments"]
        document = local_offer_document_key(council_slug)
        charter_file, charter_keys = self._adopted_charter_keys()
        version = self.root["offer"]["charter_version"]
        first_use: dict[str, int] = {}
        for index, entry in enumerate(items):
            entry_path = ["offer", "commitments", index]
            key = entry["key"]
            if key in first_use:
                raise self.fail(
                    entry_path,
                    f"key {key!r} is already used by offer.commitments[{first_use[key] + 1}]",
                )
            first_use[key] = index
            if entry["source"]["document"] != document:
                raise self.fail(
                    entry_path,
                    f"'source.document' must be {document!r} (the council's slug followed by "
                    f"'-local-offer'); got {entry['source']['document']!r}",
                )
            if key in charter_keys:
                raise self.fail(
                    entry_path,
                    f"key {key!r} is already a commitment of charter {version} ({charter_file}); "
                    "a local promise must add something the charter does not already promise, "
                    "under a key of its own",
                )
        return validate_commitments(
            items, file_label=f"{self.label}: offer.commitments", source_document=document
        )

    def _adopted_charter_keys(self) -> tuple[str, frozenset[str]]:
        version = self.root["offer"]["charter_version"]
        shipped = catalogue.shipped_catalogues()
        matches = [p for p in shipped if p.stem == f"charter-{version}"]
        if not matches:
            versions = ", ".join(p.stem.removeprefix("charter-") for p in shipped) or "none"
            raise self.fail(
                ["offer"],
                f"'charter_version' is {version!r} but there is no charter-{version}.yaml "
                f"(shipped versions: {versions})",
            )
        charter_path = matches[0]
        try:
            keys = _charter_keys(str(charter_path), charter_path.stat().st_mtime_ns)
        except CatalogueError as exc:
            raise self.fail(
                ["offer"], f"cannot check local keys against charter {version}: {exc}"
            ) from None
        return charter_path.name, keys
