"""The case-records API's typed requests and responses, as ninja (pydantic) schemas.

Records are named by their public ids only; database keys never leave the service. Responses
forbid fields they do not declare, so a field added to a model is not published by accident.
"""

import datetime
import uuid
from typing import Literal

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, model_validator

from parent_charter.plans.models import ItemStatus

from .models import Scope

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100

ScopeName = Literal[tuple(Scope.values)]
StatusName = Literal[tuple(ItemStatus.values)]


class Out(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorItem(Out):
    field: str | None = Field(None, description="The parameter or body field at fault.")
    message: str


class ApiErrorBody(Out):
    status: int
    error: str = Field(description="A stable code, such as not_found or version_conflict.")
    message: str = Field(description="What went wrong and what to do, in English.")
    errors: list[ErrorItem] | None = Field(None, description="Each invalid field, for a 400.")
    current_version: int | None = Field(None, description="The record's version now, for a 409.")


class ClientInfo(Out):
    id: uuid.UUID
    name: str
    council: str = Field(description="The council's short name.")
    scopes: list[ScopeName]
    calls_per_window: int
    window_seconds: int


class QueryParameters(BaseModel):
    """Parameters given empty (`?page=`) are treated as not given."""

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data):
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value not in ("", None)}
        return data


class Paging(QueryParameters):
    page: int = Field(1, ge=1, le=1_000_000, description="The page to return, from 1.")
    per_page: int = Field(
        DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="How many parents a page holds."
    )


class ParentSummary(Out):
    id: uuid.UUID
    given_name: str
    family_name: str
    preferred_name: str
    date_of_birth: datetime.date
    parent_role: str
    preferred_language: str
    care_status: str
    stages: list[str] = Field(description="The charter stages that apply to the parent now.")
    version: int
    updated_at: datetime.datetime


class Parent(ParentSummary):
    pronouns: str
    email: str
    phone: str
    postcode: str
    preferred_contact: str
    care_category: str


class ParentPage(Out):
    total_items: int
    total_pages: int
    page: int
    per_page: int
    items: list[ParentSummary]


class PlanItem(Out):
    id: uuid.UUID
    parent_id: uuid.UUID
    title: str
    stage: str
    source: str
    status: StatusName
    due_date: datetime.date | None
    open: bool = Field(description="False once the item no longer applies to the parent.")
    version: int = Field(description="Send it back (or its ETag in If-Match) to change it.")


class Plan(Out):
    parent_id: uuid.UUID
    items: list[PlanItem] = Field(description="Open items in stage order, then closed ones.")


class ItemStatusChange(Schema):
    model_config = ConfigDict(extra="forbid")

    status: StatusName
    version: int | None = Field(
        None,
        ge=1,
        le=2_147_483_647,
        description="The version this change was made from; or send If-Match with the ETag.",
    )
    note: str = Field("", max_length=2000, description="Why, in a few words (kept in history).")
    evidence: str | None = Field(
        None,
        max_length=5000,
        description="Evidence of delivery: required to set the status to delivered unless the "
        "item already holds some.",
    )


class PeriodOut(Out):
    id: str = Field(description="2026-Q3, 2026-07 or 2026.")
    label: str
    start: datetime.date
    end: datetime.date


FigureState = Literal["shown", "fewer", "hidden", "withheld"]


class Figure(Out):
    section: str
    measure: str
    breakdown: str | None = Field(None, description="A column of the section's table, if any.")
    period: str
    state: FigureState = Field(
        description="shown; fewer (from 1 to the threshold less one); hidden (so that a small "
        "number cannot be worked out); withheld (in a table of small numbers only)."
    )
    value: int | None = Field(None, description="The count, only when it is shown.")
    amount: str | None = Field(None, description="Money paid (pounds), beside a shown count.")


class CouncilFigures(Out):
    council: str
    period: PeriodOut
    previous: PeriodOut
    threshold: int = Field(description="Counts below this are never shown.")
    figures: list[Figure]


PERIOD_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])|-[Qq][1-4])?$"


class FiguresQuery(QueryParameters):
    period: str | None = Field(
        None,
        pattern=PERIOD_PATTERN,
        description=(
            "A full period: a quarter (2026-Q3), a month (2026-07) or a year (2026); the last "
            "full quarter if left out. Periods with no published figures are not found (404)."
        ),
    )
