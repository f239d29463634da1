"""Directory records as Open Referral UK 3.0 JSON, for the open API and `export_directory`.

The text fields follow the active language: with Welsh active, a record's Welsh text is given
where it has some (HSDS has no field for a second language, so each language is its own feed).
Empty fields are left out rather than sent as null or "". Services must come from
`selectors.services_with_details` (or the summary selector), so no serialiser queries.
"""

import datetime
from decimal import Decimal

from .models import Address, in_language


def _put(data: dict, key: str, value) -> None:
    if value is None or value == "":
        return
    data[key] = value


def _put_columns(data: dict, record, *names) -> None:
    """The named columns of the record as stored, each one that is not empty."""
    for name in names:
        _put(data, name, getattr(record, name))


def number(value: Decimal | int | None):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def timestamp(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    utc = value.astimezone(datetime.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value else None


def _uuid(value) -> str | None:
    return str(value) if value else None


def organization_summary(organization) -> dict:
    data = {"id": str(organization.id)}
    _put(data, "name", in_language(organization, "name"))
    _put(data, "description", in_language(organization, "description"))
    _put_columns(data, organization, "email", "website", "logo", "uri")
    _put(data, "parent_organization_id", _uuid(organization.parent_organization_id))
    # The profile requires a description; an organisation always has one in our forms.
    data.setdefault("description", "")
    return data


def organization_full(organization) -> dict:
    data = organization_summary(organization)
    data["organization_identifiers"] = [
        _columns(identifier, "identifier_scheme", "identifier_type", "identifier")
        for identifier in organization.organization_identifiers.all()
    ]
    return data


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None and value != ""}


def _columns(record, *names) -> dict:
    """The record's id and the named columns as stored, leaving out the empty ones."""
    return _clean({"id": str(record.id), **{name: getattr(record, name) for name in names}})


def service_summary(service) -> dict:
    data = {"id": str(service.id)}
    _put(data, "name", in_language(service, "name"))
    _put(data, "description", in_language(service, "description"))
    _put_columns(
        data,
        service,
        "url",
        "email",
        "status",
        "fees",
        "accreditations",
        "minimum_age",
        "maximum_age",
    )
    _put(data, "assured_date", _date(service.assured_date))
    _put(data, "assurer_email", service.assurer_email)
    _put(data, "alert", in_language(service, "alert"))
    _put(data, "last_modified", timestamp(service.last_modified))
    data["organization"] = organization_summary(service.organization)
    return data


def schedule_data(schedule) -> dict:
    return _clean(
        {
            "id": str(schedule.id),
            "service_at_location_id": _uuid(schedule.service_at_location_id),
            "valid_from": _date(schedule.valid_from),
            "valid_to": _date(schedule.valid_to),
            "dtstart": _date(schedule.dtstart),
            "freq": schedule.freq,
            "interval": schedule.interval,
            "byday": schedule.byday,
            "bymonthday": schedule.bymonthday,
            "description": in_language(schedule, "description"),
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
            "schedule_link": schedule.schedule_link,
            "attending_type": schedule.attending_type,
            "notes": schedule.notes,
        }
    )


def location_data(location) -> dict:
    data = _clean(
        {
            "id": str(location.id),
            "location_type": location.location_type,
            "name": in_language(location, "name"),
            "description": location.description,
            "latitude": number(location.latitude),
            "longitude": number(location.longitude),
            "external_identifier": location.external_identifier,
            "external_identifier_type": location.external_identifier_type,
        }
    )
    data["addresses"] = [
        _columns(address, *Address.PROFILE_COLUMNS) for address in location.addresses.all()
    ]
    data["accessibility"] = [
        _clean(
            {
                "id": str(item.id),
                "description": in_language(item, "description"),
                "details": item.details,
                "url": item.url,
                "accessibility": item.accessibility,
            }
        )
        for item in location.accessibility.all()
    ]
    return data


def taxonomy_term_data(term) -> dict:
    return _clean(
        {
            "id": str(term.id),
            "name": in_language(term, "name"),
            "description": in_language(term, "description"),
            "parent_id": _uuid(term.parent_id),
            "taxonomy": term.taxonomy,
            "taxonomy_id": _uuid(term.taxonomy_record_id),
            "term_uri": term.term_uri,
            "term": term.term,
        }
    )


def taxonomy_data(taxonomy, terms=None) -> dict:
    data = _clean(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": taxonomy.uri,
            "version": taxonomy.taxonomy_version,
        }
    )
    data.setdefault("description", "")
    if terms is not None:
        data["taxonomy_terms"] = [taxonomy_term_data(term) for term in terms]
    return data


def contact_data(contact) -> dict:
    data = _clean(
        {"id": str(contact.id), "name": contact.name, "title": in_language(contact, "title")}
    )
    phones = [_columns(phone, "number", "description") for phone in contact.phones.all()]
    if phones:
        data["phones"] = phones
    return data


def service_full(service) -> dict:
    """A service with all its details: the profile's `/services/{id}` response."""
    data = service_summary(service)
    organization = data.pop("organization")
    data["schedules"] = [schedule_data(schedule) for schedule in service.schedules.all()]
    data["service_areas"] = [
        _columns(area, "name", "extent", "extent_type", "uri", "service_area")
        for area in service.service_areas.all()
    ]
    data["service_at_locations"] = [
        {"id": str(link.id), "location": location_data(link.location)}
        for link in service.service_at_locations.all()
    ]
    data["organization"] = {**organization, **organization_full(service.organization)}
    data["cost_options"] = [
        _clean(
            {
                "id": str(cost.id),
                "valid_from": _date(cost.valid_from),
                "valid_to": _date(cost.valid_to),
                "option": in_language(cost, "option"),
                "amount": number(cost.amount),
                "amount_description": in_language(cost, "amount_description"),
            }
        )
        for cost in service.cost_options.all()
    ]
    data["contacts"] = [contact_data(contact) for contact in service.contacts.all()]
    data["attributes"] = [
        _clean(
            {
                "id": str(attribute.id),
                "link_type": attribute.link_type,
                "taxonomy_term": taxonomy_term_data(attribute.taxonomy_term),
            }
        )
        for attribute in service.attributes.all()
    ]
    return data


def council_feed(council, language: str = "en") -> list[dict]:
    """Every service of a council with all its details, in one language: `export_directory`."""
    from django.utils import translation

    from .models import Service
    from .selectors import with_details

    services = with_details(Service.objects.filter(council=council)).order_by("name", "pk")
    with translation.override(language):
        return [service_full(service) for service in services]
