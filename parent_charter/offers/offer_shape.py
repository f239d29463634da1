"""The shape of a council's local-offer file, as pydantic models, and of what is read from it,
as specs (see ``offer_file``).

The same rules as ``data/offer.schema.json``, the JSON Schema published for editors: a
``council`` (contact details and office hours), its ``partners`` and its ``offer``, whose local
commitments and bilingual texts are the charter catalogue's own models.
"""

import datetime
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from parent_charter.charter import catalogue
from parent_charter.charter.catalogue import (
    Bilingual,
    BilingualText,
    BilingualTitle,
    CommitmentModel,
    CommitmentSpec,
)
from parent_charter.core.yaml_files import StrictModel, date_or_iso_text, describe

#: Day names as written in the file; the position is the weekday number (0 = Monday).
WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


def _text(pattern: str, *, min_length: int = 0, max_length: int | None = None) -> Any:
    return Annotated[
        str, StringConstraints(min_length=min_length, max_length=max_length, pattern=pattern)
    ]


def _each_once(values: list[str]) -> list[str]:
    repeated = next((v for i, v in enumerate(values) if v in values[:i]), None)
    if repeated is not None:
        raise ValueError(f"lists {repeated!r} more than once")
    return values


def _some_of(*allowed: str) -> Any:
    """A list of at least one of `allowed`, none twice."""
    return Annotated[list[Literal[allowed]], Field(min_length=1), AfterValidator(_each_once)]


_TEXT = catalogue._TEXT_PATTERN
_OPTIONAL_TEXT = r"^(?:\S(?:[\s\S]*\S)?)?(?![\s\S])"
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?![\s\S])"
_PHONE = r"^\+?[0-9 ()-]{7,20}(?![\s\S])"
_OPTIONAL_PHONE = r"^(?:\+?[0-9 ()-]{7,20})?(?![\s\S])"
_OPTIONAL_EMAIL = r"^(?:[^@\s]+@[^@\s]+\.[^@\s]+)?(?![\s\S])"
_OPTIONAL_URL = r"^(?:https?://[^\s/]+\.[^\s]+)?(?![\s\S])"
_TIME = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9](?![\s\S])"
_GSS_CODE = r"^[EWSN][0-9]{8}(?![\s\S])"
_POSTCODE = r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})?(?![\s\S])"
_VERSION = r"^[0-9]+(\.[0-9]+)*(?![\s\S])"

Name = _text(_TEXT, min_length=1, max_length=200)
Slug = _text(_SLUG, min_length=1, max_length=80)
Phone = _text(_PHONE)
OptionalPhone = _text(_OPTIONAL_PHONE)
OptionalEmail = _text(_OPTIONAL_EMAIL, max_length=254)
OptionalUrl = _text(_OPTIONAL_URL, max_length=200)
OptionalText = _text(_OPTIONAL_TEXT)
Time = _text(_TIME)


def _time_in_quotes(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        hours, minutes = divmod(value, 60)
        raise ValueError(
            f'must be a time in quotes, such as "{hours:02d}:{minutes:02d}"; got '
            f"{describe(value)} (YAML reads an unquoted time as a number of minutes)"
        )
    return value


class OfficeHoursModel(StrictModel):
    day: Literal[WEEKDAYS]
    opens: Time
    closes: Time

    _quoted = field_validator("opens", "closes", mode="before")(_time_in_quotes)


class CouncilModel(StrictModel):
    name: Name
    name_cy: Name = ""
    slug: Slug
    nation: Literal["england", "wales", "scotland", "northern_ireland"]
    gss_code: _text(_GSS_CODE)
    address: OptionalText = ""
    postcode: _text(_POSTCODE, max_length=10) = ""
    phone: OptionalPhone = ""
    duty_phone: Phone
    out_of_hours_phone: Phone
    email: OptionalEmail = ""
    welsh_required: bool
    office_hours: list[OfficeHoursModel] = Field(max_length=14)


class PartnerModel(StrictModel):
    name: Name
    description: OptionalText = ""
    website: OptionalUrl = ""
    phone: OptionalPhone = ""
    email: OptionalEmail = ""


class BenefitModel(StrictModel):
    heading: BilingualTitle
    text: BilingualText


class ProgrammeModel(StrictModel):
    slug: Slug
    name: Name
    provider: _text(_TEXT, min_length=1)
    summary: BilingualText
    eligibility: BilingualText
    maximum_age: int | None = Field(None, ge=16, le=30)
    fathers_included: bool
    residents_only: bool
    places: int | None = Field(None, ge=1, le=500)
    offered_on_new_baby: bool = False
    support_forms: _some_of("befriending", "advocacy", "mentoring")
    support_givers: _some_of("volunteer", "paid_worker", "peer_group", "dad_support")
    delivery_places: _some_of("home", "phone", "community")
    frequencies: _some_of("weekly", "occasional")
    referral_routes: _some_of(
        "personal_adviser", "self", "midwife", "health_visitor", "other_professional"
    )
    benefits: list[BenefitModel]


class OfferModel(StrictModel):
    charter_version: _text(_VERSION)
    status: Literal["engaged", "signed_up", "withdrawn"]
    status_date: datetime.date
    eligibility_age: int = Field(ge=18, le=30)
    eligibility_boundary: Literal["before_birthday", "through_age"]
    introduction: BilingualText
    commitments: list[CommitmentModel]
    programmes: list[ProgrammeModel]

    _status_date = field_validator("status_date", mode="before")(date_or_iso_text)


class OfferFile(StrictModel):
    council: CouncilModel
    partners: list[PartnerModel]
    offer: OfferModel


# What a field (by its name) or a pattern asks for, in the words of a message about the file.
_PHONE_PROBLEM = (
    "must be a telephone number of 7 to 20 digits, spaces, brackets or hyphens, "
    "optionally starting with '+' (e.g. '01432 261626')"
)
PATTERNS = {
    **catalogue.PATTERNS,
    "gss_code": "must be a GSS code: E, W, S or N followed by 8 digits (e.g. 'E06000019')",
    "slug": "must be lowercase letters and digits in groups joined by '-' (e.g. 'baby-steps')",
    "opens": 'must be a time on the 24-hour clock written as HH:MM in quotes (e.g. "09:00")',
    "closes": 'must be a time on the 24-hour clock written as HH:MM in quotes (e.g. "17:00")',
    "phone": _PHONE_PROBLEM,
    "duty_phone": _PHONE_PROBLEM,
    "out_of_hours_phone": _PHONE_PROBLEM,
    "email": "must be an email address (e.g. 'leaving.care@council.example') or empty",
    "website": "must be a web address starting with https:// or http://, or empty",
    "postcode": "must be a UK postcode in capitals with its space (e.g. 'HR1 2BT'), or empty",
    "charter_version": 'must be a charter version in quotes, such as "1.0"',
    "address": (
        "must not start or end with spaces or line breaks (use '|-' rather than '|' for text "
        "on several lines)"
    ),
    "description": "must not start or end with spaces or line breaks (use '>-' rather than '>')",
}


# --------------------------------------------------------------------------------------------
# Specs


@dataclass(frozen=True)
class OfficeHoursSpec:
    weekday: int  # 0 = Monday ... 6 = Sunday, as authorities.models.Weekday
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class CouncilSpec:
    name: str
    name_cy: str  # "" if the council has no Welsh name
    slug: str
    nation: str
    gss_code: str
    address: str
    postcode: str
    phone: str
    duty_phone: str
    out_of_hours_phone: str
    email: str
    welsh_required: bool
    office_hours: tuple[OfficeHoursSpec, ...]  # sorted by weekday; a missing day is closed


@dataclass(frozen=True)
class PartnerSpec:
    name: str
    description: str
    website: str
    phone: str
    email: str


@dataclass(frozen=True)
class BenefitSpec:
    heading: Bilingual
    text: Bilingual


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    name: str
    provider: str  # the name of one of the file's partners
    summary: Bilingual
    eligibility: Bilingual
    maximum_age: int | None
    fathers_included: bool
    residents_only: bool
    places: int | None
    offered_on_new_baby: bool
    support_forms: tuple[str, ...]
    support_givers: tuple[str, ...]
    delivery_places: tuple[str, ...]
    frequencies: tuple[str, ...]
    referral_routes: tuple[str, ...]
    benefits: tuple[BenefitSpec, ...]
    order: int  # 1-based position in the file


@dataclass(frozen=True)
class OfferSpec:
    charter_version: str
    status: str
    status_date: datetime.date
    eligibility_age: int
    eligibility_boundary: str
    introduction: Bilingual
    commitments: tuple[CommitmentSpec, ...]
    programmes: tuple[ProgrammeSpec, ...]


@dataclass(frozen=True)
class OfferFileSpec:
    council: CouncilSpec
    partners: tuple[PartnerSpec, ...]
    offer: OfferSpec
