"""The open API's typed query parameters and responses, as ninja (pydantic) schemas.

Responses are built from the Open Referral UK shapes in `oruk`, so the OpenAPI document shows
the profile's fields, types and formats, and a response that strays from them is an error on
our side rather than a surprise for a consumer. Query parameters carry their own types and
bounds; a value that does not fit is refused with a 400 that names the parameter.
"""

import datetime
import enum
import uuid
from typing import Annotated, Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, create_model, field_validator, model_validator

from . import oruk

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_AGE = 150


# --------------------------------------------------------------------------------------------
# Responses: one pydantic model per Open Referral UK object


_FORMATS = {"uuid", "uri", "email", "date", "date-time", "time"}


def _field_type(name: str, schema: dict) -> Any:
    kind = schema.get("type")
    if kind == "object":
        return _model(_NAMES.get(id(schema), name), schema)
    if kind == "array":
        return list[_field_type(name, schema["items"])]
    if kind == "number":
        return int | float
    if kind == "integer":
        return int
    if kind == "boolean":
        return bool
    if "enum" in schema:
        return Literal[tuple(schema["enum"])]
    extra = {"format": schema["format"]} if schema.get("format") in _FORMATS else None
    return Annotated[str, Field(pattern=schema.get("pattern"), json_schema_extra=extra)]


class _Object(Schema):
    # A field the profile does not know is our mistake: refuse it rather than drop it.
    model_config = ConfigDict(extra="forbid")


_MODELS: dict[str, type[Schema]] = {}


def _model(name: str, schema: dict) -> type[Schema]:
    """A schema with the object's fields: required ones must be there, the rest may be left out
    (the feed leaves out empty fields, and responses are sent without unset ones)."""
    if name in _MODELS:
        return _MODELS[name]
    fields = {}
    for field, definition in schema["properties"].items():
        nested = f"{name}{''.join(part.title() for part in field.split('_'))}"
        annotation = _field_type(nested, definition)
        fields[field] = (annotation, ...) if field in schema["required"] else (annotation, None)
    model = create_model(name, __base__=_Object, __module__=__name__, **fields)
    _MODELS[name] = model
    return model


# The names the OpenAPI document gives the profile's objects.
_NAMES = {
    id(oruk.TAXONOMY_TERM): "TaxonomyTerm",
    id(oruk.TAXONOMY): "Taxonomy",
    id(oruk.ATTRIBUTE): "Attribute",
    id(oruk.SCHEDULE): "Schedule",
    id(oruk.SERVICE_AREA): "ServiceArea",
    id(oruk.ADDRESS): "Address",
    id(oruk.ACCESSIBILITY): "Accessibility",
    id(oruk.LOCATION): "Location",
    id(oruk.SERVICE_AT_LOCATION): "ServiceAtLocation",
    id(oruk.ORGANIZATION_IDENTIFIER): "OrganizationIdentifier",
    id(oruk.ORGANIZATION): "Organization",
    id(oruk.ORGANIZATION_SUMMARY): "OrganizationSummary",
    id(oruk.PHONE): "Phone",
    id(oruk.CONTACT): "Contact",
    id(oruk.COST_OPTION): "CostOption",
}
for _object in (oruk.TAXONOMY_TERM, oruk.TAXONOMY, oruk.ORGANIZATION_SUMMARY):
    _model(_NAMES[id(_object)], _object)

TaxonomyTerm = _MODELS["TaxonomyTerm"]
Taxonomy = _MODELS["Taxonomy"]
Service = _model("Service", oruk.SERVICE)
ServiceSummary = _model("ServiceSummary", oruk.SERVICE_SUMMARY)


class ApiInfo(Schema):
    version: str
    profile: Annotated[str, Field(json_schema_extra={"format": "uri"})]
    openapi_url: Annotated[str, Field(json_schema_extra={"format": "uri"})]


class ApiErrorBody(Schema):
    status: int
    error: str
    message: str
    parameter: str | None = None


# --------------------------------------------------------------------------------------------
# Query parameters


class QueryParameters(BaseModel):
    """Parameters given empty (`?page=`) are treated as not given.

    A plain pydantic model rather than ninja's Schema, whose own validator would hand this one
    an attribute getter instead of the parameters."""

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value not in ("", None)}
        return data


class Paging(QueryParameters):
    page: int = Field(1, ge=1, le=1_000_000, description="The page to return, from 1.")
    per_page: int = Field(
        DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="How many items a page holds."
    )


class Day(enum.StrEnum):
    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"


_DAY_NAMES = {
    "monday": Day.MO,
    "tuesday": Day.TU,
    "wednesday": Day.WE,
    "thursday": Day.TH,
    "friday": Day.FR,
    "saturday": Day.SA,
    "sunday": Day.SU,
}

Age = Annotated[float, Field(ge=0, le=MAX_AGE, allow_inf_nan=False)]


class CouncilFilter(QueryParameters):
    council: str | None = Field(
        None, max_length=100, description="Ours: a council's short name, such as herefordshire."
    )


class TaxonomyTermFilters(CouncilFilter):
    taxonomy_id: uuid.UUID | None = Field(None, description="Terms of this taxonomy.")


class ServiceFilters(CouncilFilter):
    search: str | None = Field(
        None, max_length=200, description="Words in the service's name or description."
    )
    taxonomy_term_id: uuid.UUID | None = Field(None, description="Services with this term.")
    taxonomy_id: uuid.UUID | None = Field(None, description="Services with a term of this one.")
    minimum_age: Age | None = Field(None, description="Services whose minimum age is at least.")
    maximum_age: Age | None = Field(None, description="Services whose maximum age is at most.")
    start_time: datetime.time | None = Field(
        None, description="Opens at or after this time on one regular opening (09:30)."
    )
    end_time: datetime.time | None = Field(
        None, description="Closes at or before this time on one regular opening (17:00)."
    )
    day: Day | None = Field(None, description="A day of a regular opening: MO to SU, or a name.")
    age: Age | None = Field(None, description="Ours: services a person of this age may use.")
    open_at: datetime.datetime | None = Field(
        None,
        description=(
            "Ours: open at this date and time (UK time unless an offset is given), honouring "
            "weekly and monthly rules and dated exceptions."
        ),
    )
    open_now: bool = Field(False, description="Ours: open at this moment.")

    @field_validator("day", mode="before")
    @classmethod
    def _day_by_name(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _DAY_NAMES.get(value.strip().lower(), value.strip().upper())
        return value

    @field_validator("open_at")
    @classmethod
    def _uk_time_unless_told(cls, value: datetime.datetime | None) -> datetime.datetime | None:
        # A time without an offset is UK time, as the directory's opening times are.
        if value is None or timezone.is_aware(value):
            return value
        return timezone.make_aware(value)

    def moment(self) -> datetime.datetime | None:
        """When the service must be open: `open_at`, or now with `open_now`, or no filter."""
        if self.open_now:
            return self.open_at or timezone.now()
        return self.open_at
