"""Read and validate the entitlements data file (`data/entitlements.yaml`).

Pure Python, no database: every problem is a `CatalogueError` whose message names the file,
the rule (position and key) and what is wrong, for example::

    entitlements.yaml: rule 3 ('healthy-start'): amount 2: 'value' must be written in quotes,
    like "4.25", so that it is read exactly; got 4.25

Amounts are decimals written as strings, because YAML reads 4.10 as a binary float.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

# The charter's strict reader: refuses a field repeated in a mapping and impossible dates.
from parent_charter.charter.catalogue import CatalogueError, _read_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "entitlements.yaml"
SCHEMA_VERSION = 1

NATIONS = ("england", "wales", "scotland", "northern_ireland")
UNITS = ("gbp", "hours", "percent")
PERIODS = ("one_off", "per_week", "per_month", "per_year", "per_academic_year", "total", "none")
SITUATIONS = (
    "any",
    "pregnant",
    "partner_pregnant",
    "expecting",
    "child",
    "pregnant_or_child",
    "expecting_or_child",
)
CHILD_SITUATIONS = ("child", "pregnant_or_child", "expecting_or_child")
CARE = ("in_care", "care_leaver", "neither")
BENEFITS = ("universal_credit", "income_support", "income_based_jsa", "income_related_esa")
PARENT_KINDS = ("mother", "father")

KEY_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
AMOUNT_RE = re.compile(r"\d{1,7}(?:\.\d{1,2})?")
URL_RE = re.compile(r"https?://[^\s]+")
OLDEST, OLDEST_CHILD = 30, 19

RULE_FIELDS = {
    "key": True,
    "nations": True,
    "name": True,
    "summary": True,
    "also_needed": False,
    "how_to_claim": True,
    "discretionary": True,
    "applies_from": True,
    "last_checked": True,
    "needs_checking": True,
    "checking": False,
    "sources": True,
    "amounts": True,
    "ways": True,
}
AMOUNT_FIELDS = {
    "value": True,
    "unit": True,
    "period": True,
    "from": True,
    "for": True,
    "needs_checking": False,
}
WAY_FIELDS = {
    "age": False,
    "situation": False,
    "child_age": False,
    "first_child_only": False,
    "benefits": False,
    "care": False,
    "parent": False,
    "note": False,
}


@dataclass(frozen=True)
class Text:
    en: str
    cy: str


@dataclass(frozen=True)
class AmountSpec:
    value: Decimal | None
    unit: str
    period: str
    from_date: datetime.date | None  # None: each council sets its own date
    applies_to: Text
    needs_checking: bool


@dataclass(frozen=True)
class WaySpec:
    min_age: int | None
    max_age: int | None
    situation: str
    child_min_age: int | None
    child_max_age: int | None
    first_child_only: bool
    benefits: tuple[str, ...]
    care: tuple[str, ...]
    parent_kind: str
    note: Text


@dataclass(frozen=True)
class RuleSpec:
    key: str
    order: int
    nations: tuple[str, ...]
    name: Text
    summary: Text
    also_needed: Text
    how_to_claim: Text
    discretionary: bool
    applies_from: datetime.date | None
    last_checked: datetime.date
    needs_checking: bool
    checking: str
    sources: tuple[tuple[str, str], ...]
    amounts: tuple[AmountSpec, ...]
    ways: tuple[WaySpec, ...]


class _Problem(Exception):
    """A problem in one place of the file; the caller adds where."""


def load_file(path: Path | str = DATA_FILE, *, today: datetime.date | None = None):
    """Read, validate and return the rules in file order; raise CatalogueError if any is wrong."""
    path = Path(path)
    label = path.name
    data = _read_yaml(path, label)
    if not isinstance(data, dict):
        raise CatalogueError(
            f"{label}: top level: the file must hold a mapping with schema_version and rules; "
            f"got {_describe(data)}"
        )
    unknown = sorted(set(data) - {"schema_version", "rules"})
    if unknown:
        raise CatalogueError(f"{label}: top level: unknown field(s) {', '.join(unknown)}")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise CatalogueError(
            f"{label}: top level: 'schema_version' must be {SCHEMA_VERSION}; "
            f"got {data.get('schema_version')!r}"
        )
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise CatalogueError(f"{label}: top level: 'rules' must be a list of at least one rule")
    today = today or datetime.date.today()
    specs, first_use = [], {}
    for position, raw in enumerate(rules, start=1):
        where = _rule_label(position, raw)
        try:
            spec = _rule(raw, position, today)
        except _Problem as problem:
            raise CatalogueError(f"{label}: {where}: {problem}") from None
        if spec.key in first_use:
            raise CatalogueError(
                f"{label}: {where}: key {spec.key!r} is already used by rule {first_use[spec.key]}"
            )
        first_use[spec.key] = position
        specs.append(spec)
    return specs


def _rule_label(position: int, raw: Any) -> str:
    key = raw.get("key") if isinstance(raw, dict) else None
    return f"rule {position} ({key!r})" if isinstance(key, str) and key else f"rule {position}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"[:120]


def _fields(raw: Any, known: dict, what: str) -> dict:
    if not isinstance(raw, dict):
        raise _Problem(f"{what} must be a mapping; got {_describe(raw)}")
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise _Problem(
            f"unknown field(s) {', '.join(map(repr, unknown))} in {what} "
            f"(known: {', '.join(known)})"
        )
    missing = [name for name, required in known.items() if required and name not in raw]
    if missing:
        raise _Problem(f"{what} is missing {', '.join(map(repr, missing))}")
    return raw


def _text(raw: Any, name: str, *, required: bool = True) -> Text:
    if raw is None and not required:
        return Text("", "")
    if not isinstance(raw, dict) or set(raw) != {"en", "cy"}:
        raise _Problem(f"{name!r} must have exactly 'en' and 'cy' texts; got {_describe(raw)}")
    for language in ("en", "cy"):
        value = raw[language]
        if not isinstance(value, str) or not value.strip():
            raise _Problem(f"{name!r} needs text in {language!r}; got {_describe(value)}")
    return Text(raw["en"].strip(), raw["cy"].strip())


def _date(raw: Any, name: str, *, optional: bool = False) -> datetime.date | None:
    if raw is None and optional:
        return None
    if not isinstance(raw, datetime.date) or isinstance(raw, datetime.datetime):
        raise _Problem(f"{name!r} must be a date like 2026-04-06; got {_describe(raw)}")
    return raw


def _bool(raw: Any, name: str) -> bool:
    if not isinstance(raw, bool):
        raise _Problem(f"{name!r} must be true or false; got {_describe(raw)}")
    return raw


def _choices(raw: Any, name: str, allowed: tuple, *, non_empty: bool = False) -> tuple:
    if raw is None:
        raw = []
    if not isinstance(raw, list) or (non_empty and not raw):
        raise _Problem(f"{name!r} must be a list of {', '.join(allowed)}; got {_describe(raw)}")
    for item in raw:
        if item not in allowed:
            raise _Problem(f"{name!r} must only hold {', '.join(allowed)}; got {item!r}")
    if len(set(raw)) != len(raw):
        raise _Problem(f"{name!r} lists a value twice: {raw!r}")
    return tuple(raw)


def _choice(raw: Any, name: str, allowed: tuple) -> str:
    if raw not in allowed:
        raise _Problem(f"{name!r} must be one of {', '.join(allowed)}; got {_describe(raw)}")
    return raw


def _range(raw: Any, name: str, oldest: int) -> tuple[int | None, int | None]:
    if raw is None:
        return None, None
    if not isinstance(raw, dict) or not raw or set(raw) - {"min", "max"}:
        raise _Problem(
            f"{name!r} must be a mapping with 'min', 'max' or both; got {_describe(raw)}"
        )
    low, high = raw.get("min"), raw.get("max")
    for part, value in (("min", low), ("max", high)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= oldest
        ):
            raise _Problem(
                f"{name}.{part} must be a whole number from 0 to {oldest}; got {value!r}"
            )
    if low is not None and high is not None and low > high:
        raise _Problem(f"{name}.min ({low}) is more than {name}.max ({high})")
    return low, high


def _rule(raw: Any, position: int, today: datetime.date) -> RuleSpec:
    raw = _fields(raw, RULE_FIELDS, "the rule")
    key = raw["key"]
    if not isinstance(key, str) or not KEY_RE.fullmatch(key):
        raise _Problem(f"'key' must be lower-case words joined by hyphens; got {_describe(key)}")
    last_checked = _date(raw["last_checked"], "last_checked")
    if last_checked > today:
        raise _Problem(f"'last_checked' ({last_checked}) is in the future")
    needs_checking = _bool(raw["needs_checking"], "needs_checking")
    checking = raw.get("checking") or ""
    if needs_checking and (not isinstance(checking, str) or not checking.strip()):
        raise _Problem("'needs_checking' is true, so say in 'checking' what must be confirmed")
    if not needs_checking and checking:
        raise _Problem("'checking' is given but 'needs_checking' is false: remove one or the other")
    amounts = raw["amounts"]
    if not isinstance(amounts, list) or not amounts:
        raise _Problem("'amounts' must be a list of at least one amount")
    ways = raw["ways"]
    if not isinstance(ways, list) or not ways:
        raise _Problem("'ways' must be a list of at least one way to qualify")
    return RuleSpec(
        key=key,
        order=position,
        nations=_choices(raw["nations"], "nations", NATIONS, non_empty=True),
        name=_text(raw["name"], "name"),
        summary=_text(raw["summary"], "summary"),
        also_needed=_text(raw.get("also_needed"), "also_needed", required=False),
        how_to_claim=_text(raw["how_to_claim"], "how_to_claim"),
        discretionary=_bool(raw["discretionary"], "discretionary"),
        applies_from=_date(raw["applies_from"], "applies_from", optional=True),
        last_checked=last_checked,
        needs_checking=needs_checking,
        checking=checking.strip(),
        sources=_sources(raw["sources"]),
        amounts=tuple(_in(n, "amount", _amount, item) for n, item in enumerate(amounts, 1)),
        ways=tuple(_in(n, "way", _way, item) for n, item in enumerate(ways, 1)),
    )


def _in(position: int, what: str, build, raw):
    try:
        return build(raw)
    except _Problem as problem:
        raise _Problem(f"{what} {position}: {problem}") from None


def _sources(raw: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list) or not raw:
        raise _Problem("'sources' must be a list of at least one source with a title and url")
    sources = []
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) != {"title", "url"}:
            raise _Problem(f"source {position} must have exactly 'title' and 'url'")
        title, url = item["title"], item["url"]
        if not isinstance(title, str) or not title.strip():
            raise _Problem(f"source {position} needs a title")
        if not isinstance(url, str) or not URL_RE.fullmatch(url):
            raise _Problem(f"source {position}: 'url' must be a web address; got {_describe(url)}")
        sources.append((title.strip(), url))
    return tuple(sources)


def _amount(raw: Any) -> AmountSpec:
    raw = _fields(raw, AMOUNT_FIELDS, "the amount")
    value = raw["value"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _Problem(
            f"'value' must be written in quotes, like \"4.25\", so that it is read exactly; "
            f"got {value!r}"
        )
    if value is not None:
        if not isinstance(value, str) or not AMOUNT_RE.fullmatch(value):
            raise _Problem(
                f"'value' must be an amount like \"4.25\" (at most two decimal places), or "
                f"null when there is no set amount; got {_describe(value)}"
            )
        try:
            value = Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern already rules this out
            raise _Problem(f"'value' is not a number: {value!r}") from None
    unit = _choice(raw["unit"], "unit", UNITS)
    if unit == "percent" and value is not None and value > 100:
        raise _Problem(f"a percentage cannot be more than 100; got {value}")
    return AmountSpec(
        value=value,
        unit=unit,
        period=_choice(raw["period"], "period", PERIODS),
        from_date=_date(raw["from"], "from", optional=True),
        applies_to=_text(raw["for"], "for"),
        needs_checking=_bool(raw.get("needs_checking", False), "needs_checking"),
    )


def _way(raw: Any) -> WaySpec:
    raw = _fields(raw or {}, WAY_FIELDS, "the way to qualify")
    min_age, max_age = _range(raw.get("age"), "age", OLDEST)
    situation = _choice(raw.get("situation", "any"), "situation", SITUATIONS)
    child_min, child_max = _range(raw.get("child_age"), "child_age", OLDEST_CHILD)
    if situation in CHILD_SITUATIONS and child_max is None:
        raise _Problem(f"situation {situation!r} needs child_age.max (the oldest child it covers)")
    if situation not in CHILD_SITUATIONS and raw.get("child_age") is not None:
        raise _Problem(f"'child_age' only applies to {', '.join(CHILD_SITUATIONS)}")
    parent = raw.get("parent", "")
    if parent:
        _choice(parent, "parent", PARENT_KINDS)
    return WaySpec(
        min_age=min_age,
        max_age=max_age,
        situation=situation,
        child_min_age=child_min,
        child_max_age=child_max,
        first_child_only=_bool(raw.get("first_child_only", False), "first_child_only"),
        benefits=_choices(raw.get("benefits"), "benefits", BENEFITS),
        care=_choices(raw.get("care"), "care", CARE),
        parent_kind=parent,
        note=_text(raw.get("note"), "note", required=False),
    )
