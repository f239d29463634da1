"""The Open Referral UK 3.0 shapes: JSON Schemas of the objects we read and write, and checks.

Written from the UK profile (`../shared/standards/open-referral-uk/profile/*.json`, which
changes HSDS 3.0 objects) and its OpenAPI document: each object lists the fields the profile
keeps with their types and formats, and the fields it requires. Fields the profile removes are
not listed, so they are neither read nor written. One addition is ours and documented in
docs/adr/0014: a contact's `phones`, because the profile removes phones from every nested
object and a directory without telephone numbers would fail the parents who need one.

The schemas validate files on import and every response of the open API; the conformance tests
check them against the profile's own files.
"""

import datetime
import re
import urllib.parse

from jsonschema import Draft202012Validator, FormatChecker

_TIME = re.compile(
    r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$"
)

format_checker = FormatChecker(["date", "email", "uuid"])


@format_checker.checks("date-time", raises=ValueError)
def _is_datetime(value) -> bool:
    if not isinstance(value, str):
        return True
    datetime.datetime.fromisoformat(value)
    return True


@format_checker.checks("uri", raises=ValueError)
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urllib.parse.urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.path):
        raise ValueError("not an absolute URI")
    return True


@format_checker.checks("time")
def _is_time(value) -> bool:
    return not isinstance(value, str) or bool(_TIME.match(value))


def _string(fmt: str | None = None, **extra) -> dict:
    schema = {"type": "string", **extra}
    if fmt:
        schema["format"] = fmt
    return schema


UUID = _string("uuid")
TEXT = _string()
URI = _string("uri")
EMAIL = _string("email")
DATE = _string("date")
DATETIME = _string("date-time")
TIME = _string("time")
NUMBER = {"type": "number"}


def _object(properties: dict, required: list[str]) -> dict:
    return {"type": "object", "properties": properties, "required": required}


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


TAXONOMY_TERM = _object(
    {
        "id": UUID,
        "name": TEXT,
        "description": TEXT,
        "parent_id": UUID,
        "taxonomy": TEXT,
        "taxonomy_id": UUID,
        "term_uri": URI,
        "term": TEXT,
    },
    ["id"],
)

TAXONOMY = _object(
    {
        "id": UUID,
        "name": TEXT,
        "description": TEXT,
        "uri": URI,
        "version": TEXT,
        "taxonomy_terms": _array(TAXONOMY_TERM),
    },
    ["id", "name", "description"],
)

ATTRIBUTE = _object(
    {
        "id": UUID,
        "link_id": UUID,
        "taxonomy_term_id": UUID,
        "link_type": TEXT,
        "taxonomy_term": TAXONOMY_TERM,
    },
    ["id"],
)

SCHEDULE = _object(
    {
        "id": UUID,
        "service_id": UUID,
        "service_at_location_id": UUID,
        "valid_from": DATE,
        "valid_to": DATE,
        "dtstart": DATE,
        "freq": _string(enum=["WEEKLY", "MONTHLY"]),
        "interval": NUMBER,
        "byday": TEXT,
        "bymonthday": TEXT,
        "description": TEXT,
        "opens_at": TIME,
        "closes_at": TIME,
        "schedule_link": URI,
        "attending_type": TEXT,
        "notes": TEXT,
    },
    ["id"],
)

SERVICE_AREA = _object(
    {
        "id": UUID,
        "service_id": UUID,
        "name": TEXT,
        "extent": TEXT,
        "extent_type": TEXT,
        "uri": TEXT,
        "service_area": TEXT,
    },
    ["id"],
)

ADDRESS = _object(
    {
        "id": UUID,
        "location_id": UUID,
        "attention": TEXT,
        "address_1": TEXT,
        "city": TEXT,
        "region": TEXT,
        "state_province": TEXT,
        "postal_code": TEXT,
        "country": _string(pattern="^[A-Za-z]{2}$"),
        "address_type": _string(enum=["physical", "postal", "virtual"]),
    },
    ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
)

ACCESSIBILITY = _object(
    {
        "id": UUID,
        "location_id": UUID,
        "description": TEXT,
        "details": TEXT,
        "url": URI,
        "accessibility": TEXT,
    },
    ["id"],
)

LOCATION = _object(
    {
        "id": UUID,
        "location_type": _string(enum=["physical", "postal", "virtual"]),
        "name": TEXT,
        "description": TEXT,
        "latitude": NUMBER,
        "longitude": NUMBER,
        "external_identifier": TEXT,
        "external_identifier_type": TEXT,
        "addresses": _array(ADDRESS),
        "accessibility": _array(ACCESSIBILITY),
    },
    ["id", "location_type"],
)

SERVICE_AT_LOCATION = _object(
    {"id": UUID, "service_id": UUID, "location_id": UUID, "location": LOCATION},
    ["id"],
)

ORGANIZATION_IDENTIFIER = _object(
    {
        "id": UUID,
        "organization_id": UUID,
        "identifier_scheme": TEXT,
        "identifier_type": TEXT,
        "identifier": TEXT,
    },
    ["id", "identifier_type", "identifier"],
)

ORGANIZATION_FIELDS = {
    "id": UUID,
    "name": TEXT,
    "description": TEXT,
    "email": EMAIL,
    "website": URI,
    "logo": TEXT,
    "uri": URI,
    "parent_organization_id": UUID,
}
ORGANIZATION = _object(
    {**ORGANIZATION_FIELDS, "organization_identifiers": _array(ORGANIZATION_IDENTIFIER)},
    ["id", "name", "description"],
)
ORGANIZATION_SUMMARY = _object(ORGANIZATION_FIELDS, ["id", "name", "description"])

PHONE = _object(
    {"id": UUID, "contact_id": UUID, "number": TEXT, "description": TEXT},
    ["id", "number"],
)

CONTACT = _object(
    {
        "id": UUID,
        "service_id": UUID,
        "name": TEXT,
        "title": TEXT,
        # Ours: the profile removes contact.phones (see the module's docstring).
        "phones": _array(PHONE),
    },
    ["id"],
)

COST_OPTION = _object(
    {
        "id": UUID,
        "service_id": UUID,
        "valid_from": DATE,
        "valid_to": DATE,
        "option": TEXT,
        "amount": NUMBER,
        "amount_description": TEXT,
    },
    ["id"],
)

SERVICE_FIELDS = {
    "id": UUID,
    "organization_id": UUID,
    "name": TEXT,
    "description": TEXT,
    "url": URI,
    "email": EMAIL,
    "status": _string(enum=["active", "inactive", "defunct", "temporarily closed"]),
    "fees": TEXT,
    "accreditations": TEXT,
    "minimum_age": NUMBER,
    "maximum_age": NUMBER,
    "assured_date": DATE,
    "assurer_email": EMAIL,
    "alert": TEXT,
    "last_modified": DATETIME,
}
SERVICE_REQUIRED = ["id", "name", "status"]

SERVICE = _object(
    {
        **SERVICE_FIELDS,
        "schedules": _array(SCHEDULE),
        "service_areas": _array(SERVICE_AREA),
        "service_at_locations": _array(SERVICE_AT_LOCATION),
        "organization": ORGANIZATION,
        "cost_options": _array(COST_OPTION),
        "contacts": _array(CONTACT),
        "attributes": _array(ATTRIBUTE),
    },
    SERVICE_REQUIRED,
)

SERVICE_SUMMARY = _object(
    {**SERVICE_FIELDS, "organization": ORGANIZATION_SUMMARY}, SERVICE_REQUIRED
)

PAGE = _object(
    {
        "total_items": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer"},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
    },
    ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"],
)


def page_of(items: dict) -> dict:
    schema = {**PAGE, "properties": {**PAGE["properties"], "contents": _array(items)}}
    schema["required"] = [*PAGE["required"], "contents"]
    return schema


API_INFO = _object(
    {"version": TEXT, "profile": URI, "openapi_url": URI},
    ["version", "profile", "openapi_url"],
)

# Every object, by the name of its file in the profile folder (for the conformance tests).
OBJECTS = {
    "service": SERVICE,
    "organization": ORGANIZATION,
    "location": LOCATION,
    "address": ADDRESS,
    "accessibility": ACCESSIBILITY,
    "service_at_location": SERVICE_AT_LOCATION,
    "schedule": SCHEDULE,
    "service_area": SERVICE_AREA,
    "contact": CONTACT,
    "phone": PHONE,
    "cost_option": COST_OPTION,
    "attribute": ATTRIBUTE,
    "taxonomy": TAXONOMY,
    "taxonomy_term": TAXONOMY_TERM,
}

# Our additions to the profile's objects: (object, field).
EXTENSIONS = {("contact", "phones")}


def errors_in(instance, schema: dict, where: str = "") -> list[str]:
    """Every way `instance` breaks `schema`, each naming the object and field, sorted."""
    validator = Draft202012Validator(schema, format_checker=format_checker)
    messages = []
    for error in validator.iter_errors(instance):
        messages.append(f"{describe_path(instance, error.absolute_path, where)}: {_reason(error)}")
    return sorted(messages)


def describe_path(instance, path, where: str = "") -> str:
    """services[0] (id 1e7e…) › contacts[1] › name, from a JSON path into `instance`."""
    parts = [where] if where else []
    node = instance
    for step in path:
        node = node[step] if isinstance(node, (dict, list)) else None
        if isinstance(step, int):
            label = f"[{step}]"
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                label += f" (id {node['id']})"
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
        else:
            parts.append(str(step))
    return " › ".join(parts) or "the file"


def _reason(error) -> str:
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"the field '{missing}' is required"
    if error.validator == "format":
        return f"{error.instance!r} is not a valid {error.validator_value}"
    if error.validator == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return f"{error.instance!r} is not one of {allowed}"
    if error.validator == "type":
        return f"{error.instance!r} should be a {error.validator_value}"
    return error.message
