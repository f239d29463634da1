"""Read and validate the entitlements data file (`data/entitlements.yaml`).

Pure Python, no database. The file's shape is the pydantic models below, read and checked by
the data files' one reader (`core.yaml_files`): every problem is a `CatalogueError` whose
message names the file, the rule (position and key) and what is wrong, for example::

    entitlements.yaml: rule 3 ('healthy-start'): amount 2: 'value' must be written in quotes,
    like "4.25", so that it is read exactly; got 4.25

Amounts are decimals written as strings, because YAML reads 4.10 as a binary float.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator, model_validator

from parent_charter.core.yaml_files import DataFileError as CatalogueError
from parent_charter.core.yaml_files import StrictModel, load

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

KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
AMOUNT_PATTERN = r"^\d{1,7}(?:\.\d{1,2})?$"
URL_PATTERN = r"^https?://\S+$"
OLDEST, OLDEST_CHILD = 30, 19

#: What each pattern asks for, in the words of a message about the file.
PATTERNS = {
    KEY_PATTERN: "must be lower-case words joined by hyphens",
    AMOUNT_PATTERN: (
        'must be an amount like "4.25" (at most two decimal places), or null when there is '
        "no set amount"
    ),
    URL_PATTERN: "must be a web address starting with https:// or http://",
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


# --------------------------------------------------------------------------------------------
# The file's shape


def _no_repeats(values: list | None) -> list | None:
    if values and len(set(values)) != len(values):
        raise ValueError(f"lists a value twice: {values!r}")
    return values


Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _choices(allowed: tuple[str, ...]) -> Any:
    """A list of some of `allowed`, none twice."""
    return Annotated[list[Literal[allowed]], AfterValidator(_no_repeats)]


class TextModel(StrictModel):
    en: Words
    cy: Words

    def spec(self) -> Text:
        return Text(self.en, self.cy)


def _text(model: TextModel | None) -> Text:
    return model.spec() if model is not None else Text("", "")


class SourceModel(StrictModel):
    title: Words
    url: Annotated[str, StringConstraints(pattern=URL_PATTERN)]


class AmountModel(StrictModel):
    value: Annotated[str, StringConstraints(pattern=AMOUNT_PATTERN)] | None
    unit: Literal[UNITS]
    period: Literal[PERIODS]
    from_date: datetime.date | None = Field(alias="from")  # None: each council sets its own
    applies_to: TextModel = Field(alias="for")
    needs_checking: bool = False

    @field_validator("value", mode="before")
    @classmethod
    def _quoted(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(
                f'must be written in quotes, like "4.25", so that it is read exactly; got {value!r}'
            )
        return value

    @model_validator(mode="after")
    def _percentage(self):
        if self.unit == "percent" and self.value is not None and Decimal(self.value) > 100:
            raise ValueError(f"a percentage cannot be more than 100; got {self.value}")
        return self


def _age_range(oldest: int):
    class AgeRange(StrictModel):
        min: int | None = Field(None, ge=0, le=oldest)
        max: int | None = Field(None, ge=0, le=oldest)

        @model_validator(mode="after")
        def _something(self):
            if self.min is None and self.max is None:
                raise ValueError("must have 'min', 'max' or both")
            return self

    return AgeRange


AgeRange = _age_range(OLDEST)
ChildAgeRange = _age_range(OLDEST_CHILD)


class WayModel(StrictModel):
    age: AgeRange | None = None
    situation: Literal[SITUATIONS] = "any"
    child_age: ChildAgeRange | None = None
    first_child_only: bool = False
    benefits: _choices(BENEFITS) | None = None
    care: _choices(CARE) | None = None
    parent: Literal[PARENT_KINDS] | None = None
    note: TextModel | None = None

    @model_validator(mode="after")
    def _consistent(self):
        for name in ("age", "child_age"):
            bounds = getattr(self, name)
            if bounds and None not in (bounds.min, bounds.max) and bounds.min > bounds.max:
                raise ValueError(
                    f"{name}.min ({bounds.min}) is more than {name}.max ({bounds.max})"
                )
        if self.situation in CHILD_SITUATIONS:
            if self.child_age is None or self.child_age.max is None:
                raise ValueError(
                    f"situation {self.situation!r} needs child_age.max (the oldest child it covers)"
                )
        elif self.child_age is not None:
            raise ValueError(f"'child_age' only applies to {', '.join(CHILD_SITUATIONS)}")
        return self


class RuleModel(StrictModel):
    key: Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
    nations: _choices(NATIONS) = Field(min_length=1)
    name: TextModel
    summary: TextModel
    also_needed: TextModel | None = None
    how_to_claim: TextModel
    discretionary: bool
    applies_from: datetime.date | None
    last_checked: datetime.date
    needs_checking: bool
    checking: Annotated[str, StringConstraints(strip_whitespace=True)] | None = None
    sources: list[SourceModel] = Field(min_length=1)
    amounts: list[AmountModel] = Field(min_length=1)
    ways: list[WayModel | None] = Field(min_length=1)

    @model_validator(mode="after")
    def _checked(self, info):
        today = (info.context or {}).get("today") or datetime.date.today()
        if self.last_checked > today:
            raise ValueError(f"'last_checked' ({self.last_checked}) is in the future")
        if self.needs_checking and not self.checking:
            raise ValueError(
                "'needs_checking' is true, so say in 'checking' what must be confirmed"
            )
        if not self.needs_checking and self.checking:
            raise ValueError(
                "'checking' is given but 'needs_checking' is false: remove one or the other"
            )
        return self

    def spec(self, order: int) -> RuleSpec:
        return RuleSpec(
            key=self.key,
            order=order,
            nations=tuple(self.nations),
            name=self.name.spec(),
            summary=self.summary.spec(),
            also_needed=_text(self.also_needed),
            how_to_claim=self.how_to_claim.spec(),
            discretionary=self.discretionary,
            applies_from=self.applies_from,
            last_checked=self.last_checked,
            needs_checking=self.needs_checking,
            checking=self.checking or "",
            sources=tuple((source.title, source.url) for source in self.sources),
            amounts=tuple(
                AmountSpec(
                    value=Decimal(amount.value) if amount.value is not None else None,
                    unit=amount.unit,
                    period=amount.period,
                    from_date=amount.from_date,
                    applies_to=amount.applies_to.spec(),
                    needs_checking=amount.needs_checking,
                )
                for amount in self.amounts
            ),
            ways=tuple(_way(way or WayModel()) for way in self.ways),
        )


def _way(way: WayModel) -> WaySpec:
    age, child_age = way.age, way.child_age
    return WaySpec(
        min_age=age.min if age else None,
        max_age=age.max if age else None,
        situation=way.situation,
        child_min_age=child_age.min if child_age else None,
        child_max_age=child_age.max if child_age else None,
        first_child_only=way.first_child_only,
        benefits=tuple(way.benefits or ()),
        care=tuple(way.care or ()),
        parent_kind=way.parent or "",
        note=_text(way.note),
    )


class EntitlementsFile(StrictModel):
    schema_version: Literal[SCHEMA_VERSION]
    rules: list[RuleModel] = Field(min_length=1)


# --------------------------------------------------------------------------------------------
# Loading


def load_file(path: Path | str = DATA_FILE, *, today: datetime.date | None = None):
    """Read, validate and return the rules in file order; raise CatalogueError if any is wrong."""
    label, _data, found = load(
        path,
        EntitlementsFile,
        locate=_locate,
        patterns=PATTERNS,
        context={"today": today or datetime.date.today()},
    )
    specs, first_use = [], {}
    for position, rule in enumerate(found.rules, start=1):
        if rule.key in first_use:
            raise CatalogueError(
                f"{label}: {_rule_label(position, rule.key)}: key {rule.key!r} is already used "
                f"by rule {first_use[rule.key]}"
            )
        first_use[rule.key] = position
        specs.append(rule.spec(position))
    return specs


def _rule_label(position: int, key: Any) -> str:
    return f"rule {position} ({key!r})" if isinstance(key, str) and key else f"rule {position}"


#: The lists inside a rule whose items are named in messages ("amount 2").
_PARTS = {"amounts": "amount", "ways": "way", "sources": "source"}


def _locate(root: Any, path: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """`rule 3 ('healthy-start'): amount 2` and the field within it, or the top level."""
    if len(path) < 2 or path[0] != "rules" or not isinstance(path[1], int):
        return "top level", path
    position = path[1]
    raw = root["rules"][position] if isinstance(root, dict) else None
    where = _rule_label(position + 1, raw.get("key") if isinstance(raw, dict) else None)
    rest = path[2:]
    if len(rest) >= 2 and rest[0] in _PARTS and isinstance(rest[1], int):
        where += f": {_PARTS[rest[0]]} {rest[1] + 1}"
        rest = rest[2:]
    return where, rest
