"""Import Open Referral UK 3.0 JSON into one council's directory.

A file may hold a service with all its details, a list of them, a page of them (`contents`),
an organisation with its `services`, a service at a location, or a taxonomy with its terms:
the shapes of the profile's examples and of our own export. Everything is validated first,
against the profile's schemas (oruk.py) and then against what the database can hold; any error
stops the import before anything is written, and each error names the object and the field.

Records are matched by their UUID `id`, so importing the same file twice changes nothing. A
service's nested lists (schedules, contacts, costs, areas, locations served, terms) are made to
match the file; locations and organisations may be shared and are updated, never removed.
Welsh text (our own fields) is kept when the English is updated. An id that belongs to another
council is refused: UUIDs are global, and one council's import must never move another's.
"""

import copy
import datetime
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from parent_charter.audit import services as audit

from . import oruk
from .models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)

_OFFSET = re.compile(r"(Z|[+-][0-9]{2}:?[0-9]{2})$")

# Where each kind of record's council is, for the check that no id belongs elsewhere.
_COUNCIL_PATH = {
    Organization: "council",
    Service: "council",
    Location: "council",
    Taxonomy: "council",
    TaxonomyTerm: "council",
    OrganizationIdentifier: "organization__council",
    Schedule: "service__council",
    ServiceArea: "service__council",
    ServiceAtLocation: "service__council",
    CostOption: "service__council",
    Contact: "service__council",
    ServiceAttribute: "service__council",
    Phone: "contact__service__council",
    Address: "location__council",
    Accessibility: "location__council",
}


class DirectoryImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportReport:
    services_created: int = 0
    services_updated: int = 0
    taxonomies: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def services(self) -> int:
        return self.services_created + self.services_updated


def read_file(path: Path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise DirectoryImportError([f"{path}: no such file"]) from None
    except UnicodeDecodeError:
        raise DirectoryImportError([f"{path}: the file is not UTF-8 text"]) from None
    except json.JSONDecodeError as error:
        raise DirectoryImportError(
            [f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"]
        ) from None


def _without_nulls(value):
    """HSDS publishers sometimes send null for an empty field: treat it as absent."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value if item is not None]
    return value


def split_shapes(data) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]], list[str]]:
    """(services, taxonomies, errors): each a (label, object) pair, in the file's order."""
    services, taxonomies, errors = [], [], []

    def visit(item, label):
        if not isinstance(item, dict):
            errors.append(f"{label}: expected an object, found {type(item).__name__}")
            return
        if "contents" in item and isinstance(item["contents"], list):
            for index, entry in enumerate(item["contents"]):
                visit(entry, f"{label} › contents[{index}]")
        elif "taxonomy_terms" in item:
            taxonomies.append((label, item))
        elif "services" in item and isinstance(item["services"], list):
            organization = {k: v for k, v in item.items() if k != "services"}
            for index, service in enumerate(item["services"]):
                if isinstance(service, dict):
                    service = {**service, "organization": service.get("organization", organization)}
                visit(service, f"{label} › services[{index}]")
        elif "service" in item and "location" in item:
            service = item["service"]
            if isinstance(service, dict) and "service_at_locations" not in service:
                service = {
                    **service,
                    "service_at_locations": [{"id": item.get("id"), "location": item["location"]}],
                }
            visit(service, f"{label} › service")
        else:
            services.append((label, item))

    if isinstance(data, list):
        for index, item in enumerate(data):
            visit(item, f"[{index}]")
    else:
        visit(data, "")
    return services, taxonomies, errors


def _label(label: str, item: dict, kind: str) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    where = f"{kind}{' ' + label if label else ''}"
    return f"{where} (id {ident})" if isinstance(ident, str) else where


class _Checker:
    """Turns validated JSON into model values, collecting every problem with its place."""

    def __init__(self):
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def text(self, where: str, model, field_name: str, data: dict, key: str | None = None) -> str:
        value = data.get(key or field_name, "")
        value = value if isinstance(value, str) else str(value)
        limit = model._meta.get_field(field_name).max_length
        if limit and len(value) > limit:
            self.errors.append(f"{where} › {key or field_name}: longer than {limit} characters")
        return value

    def date(self, data: dict, key: str) -> datetime.date | None:
        value = data.get(key)
        return datetime.date.fromisoformat(value) if value else None

    def time(self, where: str, data: dict, key: str) -> datetime.time | None:
        value = data.get(key)
        if not value:
            return None
        if _OFFSET.search(value):
            self.warnings.append(
                f"{where} › {key}: {value!r} carries a UTC offset; the directory keeps UK local "
                "time, so the clock time was kept and the offset dropped"
            )
            value = _OFFSET.sub("", value)
        return datetime.time.fromisoformat(value)

    def age(self, where: str, data: dict, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if value != int(value) or not 0 <= value <= 150:
            self.errors.append(
                f"{where} › {key}: {value!r} must be a whole number of years, 0 to 150"
            )
            return None
        return int(value)

    def decimal(self, where: str, data: dict, key: str, digits: int, places: int):
        value = data.get(key)
        if value is None:
            return None
        try:
            amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
        except InvalidOperation:
            self.errors.append(f"{where} › {key}: {value!r} is not a number")
            return None
        if len(amount.as_tuple().digits) > digits:
            self.errors.append(f"{where} › {key}: {value!r} is too large")
            return None
        if amount != Decimal(str(value)):
            self.errors.append(f"{where} › {key}: {value!r} has more than {places} decimal places")
            return None
        return amount

    @staticmethod
    def timestamp(data: dict, key: str) -> datetime.datetime | None:
        value = data.get(key)
        if not value:
            return None
        moment = datetime.datetime.fromisoformat(value)
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _ids_in(services: list[dict], taxonomies: list[dict]) -> dict:
    ids = {model: set() for model in _COUNCIL_PATH}

    def add(model, item):
        if isinstance(item, dict) and item.get("id"):
            ids[model].add(item["id"])

    def add_location(location):
        add(Location, location)
        for address in location.get("addresses", []):
            add(Address, address)
        for item in location.get("accessibility", []):
            add(Accessibility, item)

    def add_term(term):
        add(TaxonomyTerm, term)
        if term.get("taxonomy_id"):
            ids[Taxonomy].add(term["taxonomy_id"])

    for service in services:
        add(Service, service)
        organization = service.get("organization") or {}
        add(Organization, organization)
        for identifier in organization.get("organization_identifiers", []):
            add(OrganizationIdentifier, identifier)
        for schedule in service.get("schedules", []):
            add(Schedule, schedule)
        for area in service.get("service_areas", []):
            add(ServiceArea, area)
        for link in service.get("service_at_locations", []):
            add(ServiceAtLocation, link)
            if isinstance(link.get("location"), dict):
                add_location(link["location"])
        for cost in service.get("cost_options", []):
            add(CostOption, cost)
        for contact in service.get("contacts", []):
            add(Contact, contact)
            for phone in contact.get("phones", []):
                add(Phone, phone)
        for attribute in service.get("attributes", []):
            add(ServiceAttribute, attribute)
            if isinstance(attribute.get("taxonomy_term"), dict):
                add_term(attribute["taxonomy_term"])
    for taxonomy in taxonomies:
        add(Taxonomy, taxonomy)
        for term in taxonomy.get("taxonomy_terms", []):
            add_term(term)
    return ids


def _check_ownership(council, ids: dict) -> list[str]:
    errors = []
    for model, values in ids.items():
        if not values:
            continue
        path = _COUNCIL_PATH[model]
        taken = (
            model.objects.filter(pk__in=values)
            .exclude(**{path: council})
            .values_list("pk", flat=True)
        )
        for pk in sorted(str(value) for value in taken):
            errors.append(
                f"{model._meta.model_name} {pk}: this id belongs to another council's directory"
            )
    return errors


def _check_repeats(services: list[tuple[str, dict]]) -> list[str]:
    seen, errors = {}, []
    for label, service in services:
        ident = service.get("id")
        if ident in seen:
            errors.append(f"service {label} (id {ident}): the same service appears twice")
        seen[ident] = label
    return errors


def validate(data) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    """Schema checks. Returns (services, taxonomies) or raises DirectoryImportError."""
    data = _without_nulls(copy.deepcopy(data))
    services, taxonomies, errors = split_shapes(data)
    for label, service in services:
        errors += oruk.errors_in(service, oruk.SERVICE, _label(label, service, "service"))
    for label, taxonomy in taxonomies:
        errors += oruk.errors_in(taxonomy, oruk.TAXONOMY, _label(label, taxonomy, "taxonomy"))
    if not services and not taxonomies and not errors:
        errors.append("the file holds no services and no taxonomies")
    errors += _check_repeats(services)
    if errors:
        raise DirectoryImportError(errors)
    return services, taxonomies


def import_directory(data, *, council, actor=None, file_name: str = "") -> ImportReport:
    """Validate `data` (parsed JSON) and write it into `council`'s directory, all or nothing."""
    services, taxonomies = validate(data)
    report = ImportReport()
    with transaction.atomic():
        ownership = _check_ownership(
            council, _ids_in([s for _l, s in services], [t for _l, t in taxonomies])
        )
        if ownership:
            raise DirectoryImportError(ownership)
        writer = _Writer(council)
        for label, taxonomy in taxonomies:
            writer.taxonomy(_label(label, taxonomy, "taxonomy"), taxonomy)
            report.taxonomies += 1
        for label, service in services:
            created = writer.service(_label(label, service, "service"), service)
            if created:
                report.services_created += 1
            else:
                report.services_updated += 1
        if writer.check.errors:
            # Values the schema allows but the database cannot hold: nothing is kept.
            transaction.set_rollback(True)
            raise DirectoryImportError(sorted(set(writer.check.errors)))
        report.warnings = writer.check.warnings
        audit.record(
            actor=actor,
            council=council,
            action="directory.imported",
            detail={
                "file": file_name,
                "services_created": report.services_created,
                "services_updated": report.services_updated,
                "taxonomies": report.taxonomies,
            },
        )
    return report


def _upsert(model, pk, values: dict):
    obj, created = model.objects.update_or_create(pk=pk, defaults=values)
    return obj, created


def _replace_children(manager, keep_ids) -> None:
    manager.exclude(pk__in=list(keep_ids)).delete()


def _children(manager, items: list, where: str, key: str) -> list[tuple[str, dict]]:
    """The items listed under `key`, each with where it stands in the file (for the error
    messages), once the stored children the file no longer lists are deleted."""
    _replace_children(manager, [item["id"] for item in items])
    return [(f"{where} › {key}[{index}]", item) for index, item in enumerate(items)]


class _Writer:
    def __init__(self, council):
        self.council = council
        self.check = _Checker()

    def organization(self, where: str, data: dict) -> Organization:
        c = self.check
        organization, _created = _upsert(
            Organization,
            data["id"],
            {
                "council": self.council,
                "name": c.text(where, Organization, "name", data),
                "description": data.get("description", ""),
                "email": c.text(where, Organization, "email", data),
                "website": c.text(where, Organization, "website", data),
                "logo": c.text(where, Organization, "logo", data),
                "uri": c.text(where, Organization, "uri", data),
                "parent_organization_id": data.get("parent_organization_id"),
            },
        )
        identifiers = data.get("organization_identifiers", [])
        for inner, item in _children(
            organization.organization_identifiers.all(),
            identifiers,
            where,
            "organization_identifiers",
        ):
            _upsert(
                OrganizationIdentifier,
                item["id"],
                {
                    "organization": organization,
                    "identifier_scheme": c.text(
                        inner, OrganizationIdentifier, "identifier_scheme", item
                    ),
                    "identifier_type": c.text(
                        inner, OrganizationIdentifier, "identifier_type", item
                    ),
                    "identifier": c.text(inner, OrganizationIdentifier, "identifier", item),
                },
            )
        return organization

    def taxonomy_stub(self, taxonomy_id, name: str) -> Taxonomy:
        taxonomy = Taxonomy.objects.filter(pk=taxonomy_id).first()
        if taxonomy is None:
            # The profile nests a term's taxonomy only as an id and a name: keep both.
            taxonomy = Taxonomy.objects.create(
                id=taxonomy_id, council=self.council, name=name[:255] or "Imported taxonomy"
            )
        return taxonomy

    def term(self, where: str, data: dict, taxonomy: Taxonomy | None = None) -> TaxonomyTerm:
        c = self.check
        if taxonomy is None and data.get("taxonomy_id"):
            taxonomy = self.taxonomy_stub(data["taxonomy_id"], data.get("taxonomy", ""))
        term, _created = _upsert(
            TaxonomyTerm,
            data["id"],
            {
                "council": self.council,
                "taxonomy_record": taxonomy,
                "taxonomy": c.text(where, TaxonomyTerm, "taxonomy", data),
                "name": c.text(where, TaxonomyTerm, "name", data),
                "term": c.text(where, TaxonomyTerm, "term", data),
                "description": data.get("description", ""),
                "parent_id": data.get("parent_id"),
                "term_uri": c.text(where, TaxonomyTerm, "term_uri", data),
            },
        )
        return term

    def taxonomy(self, where: str, data: dict) -> Taxonomy:
        c = self.check
        taxonomy, _created = _upsert(
            Taxonomy,
            data["id"],
            {
                "council": self.council,
                "name": c.text(where, Taxonomy, "name", data),
                "description": data.get("description", ""),
                "uri": c.text(where, Taxonomy, "uri", data),
                "taxonomy_version": c.text(where, Taxonomy, "taxonomy_version", data, "version"),
            },
        )
        for index, term in enumerate(data.get("taxonomy_terms", [])):
            self.term(f"{where} › taxonomy_terms[{index}]", term, taxonomy)
        return taxonomy

    def location(self, where: str, data: dict) -> Location:
        c = self.check
        location, _created = _upsert(
            Location,
            data["id"],
            {
                "council": self.council,
                "location_type": data["location_type"],
                "name": c.text(where, Location, "name", data),
                "description": data.get("description", ""),
                "latitude": c.decimal(where, data, "latitude", 10, 7),
                "longitude": c.decimal(where, data, "longitude", 10, 7),
                "external_identifier": c.text(where, Location, "external_identifier", data),
                "external_identifier_type": c.text(
                    where, Location, "external_identifier_type", data
                ),
            },
        )
        addresses = data.get("addresses", [])
        for inner, item in _children(location.addresses.all(), addresses, where, "addresses"):
            values = {
                name: c.text(inner, Address, name, item)
                for name in Address.PROFILE_COLUMNS
                if name != "country"
            }
            values["country"] = item["country"].upper()
            _upsert(Address, item["id"], {"location": location, **values})
        accessibility = data.get("accessibility", [])
        for inner, item in _children(
            location.accessibility.all(), accessibility, where, "accessibility"
        ):
            _upsert(
                Accessibility,
                item["id"],
                {
                    "location": location,
                    "description": item.get("description", ""),
                    "details": item.get("details", ""),
                    "url": c.text(inner, Accessibility, "url", item),
                    "accessibility": item.get("accessibility", ""),
                },
            )
        return location

    def service(self, where: str, data: dict) -> bool:
        c = self.check
        organization_data = data.get("organization")
        if not isinstance(organization_data, dict):
            c.errors.append(f"{where} › organization: a service needs its organisation")
            return False
        organization = self.organization(f"{where} › organization", organization_data)
        minimum_age = c.age(where, data, "minimum_age")
        maximum_age = c.age(where, data, "maximum_age")
        if minimum_age is not None and maximum_age is not None and maximum_age < minimum_age:
            c.errors.append(f"{where} › maximum_age: lower than minimum_age")
            maximum_age = None
        service, created = _upsert(
            Service,
            data["id"],
            {
                "council": self.council,
                "organization": organization,
                "name": c.text(where, Service, "name", data),
                "description": data.get("description", ""),
                "url": c.text(where, Service, "url", data),
                "email": c.text(where, Service, "email", data),
                "status": data["status"],
                "fees": data.get("fees", ""),
                "accreditations": data.get("accreditations", ""),
                "minimum_age": minimum_age,
                "maximum_age": maximum_age,
                "assured_date": c.date(data, "assured_date"),
                "assurer_email": c.text(where, Service, "assurer_email", data),
                "alert": data.get("alert", ""),
                **self._last_modified(data),
            },
        )
        self._areas(where, service, data.get("service_areas", []))
        links = self._locations(where, service, data.get("service_at_locations", []))
        self._schedules(where, service, data.get("schedules", []), links)
        self._costs(where, service, data.get("cost_options", []))
        self._contacts(where, service, data.get("contacts", []))
        self._attributes(where, service, data.get("attributes", []))
        return created

    @staticmethod
    def _last_modified(data: dict) -> dict:
        """The file's own time of change; without one, a new service is stamped now and an
        existing one keeps its time (the file does not say that anything changed)."""
        stamp = _Checker.timestamp(data, "last_modified")
        if stamp is not None:
            return {"last_modified": stamp}
        if Service.objects.filter(pk=data["id"]).exists():
            return {}
        return {"last_modified": timezone.now()}

    def _areas(self, where, service, areas):
        c = self.check
        for inner, item in _children(service.service_areas.all(), areas, where, "service_areas"):
            _upsert(
                ServiceArea,
                item["id"],
                {
                    "service": service,
                    "name": c.text(inner, ServiceArea, "name", item),
                    "service_area": item.get("service_area", ""),
                    "extent": item.get("extent", ""),
                    "extent_type": c.text(inner, ServiceArea, "extent_type", item),
                    "uri": c.text(inner, ServiceArea, "uri", item),
                },
            )

    def _given_or_by_id(self, inner, item, key, build, model, not_found):
        """The record an item links to: given in full under `key` (made by `build`), or named by
        `<key>_id` among the council's own. Returns (record, found); not found, an error says
        why (`not_found`, "… in the directory")."""
        given = item.get(key)
        if isinstance(given, dict):
            return build(f"{inner} › {key}", given), True
        if item.get(f"{key}_id"):
            record = model.objects.filter(pk=item[f"{key}_id"], council=self.council).first()
            if record is None:
                self.check.errors.append(f"{inner} › {key}_id: {not_found} in the directory")
            return record, record is not None
        self.check.errors.append(f"{inner}: give the {key}, or its {key}_id")
        return None, False

    def _locations(self, where, service, links) -> set:
        kept = []
        for index, item in enumerate(links):
            inner = f"{where} › service_at_locations[{index}]"
            location, found = self._given_or_by_id(
                inner, item, "location", self.location, Location, "no location with this id"
            )
            if not found:
                continue
            kept.append((item["id"], location))
        _replace_children(service.service_at_locations.all(), [pk for pk, _l in kept])
        for pk, location in kept:
            # Another link between the same two records under a different id goes first.
            ServiceAtLocation.objects.filter(service=service, location=location).exclude(
                pk=pk
            ).delete()
            _upsert(ServiceAtLocation, pk, {"service": service, "location": location})
        return {str(pk) for pk, _l in kept}

    def _schedules(self, where, service, schedules, links: set):
        c = self.check
        for inner, item in _children(service.schedules.all(), schedules, where, "schedules"):
            link = item.get("service_at_location_id")
            if link and link not in links:
                c.errors.append(
                    f"{inner} › service_at_location_id: not one of this service's locations"
                )
                link = None
            interval = item.get("interval")
            if interval is not None and (interval != int(interval) or not 1 <= interval <= 52):
                c.errors.append(f"{inner} › interval: {interval!r} must be a whole number, 1 to 52")
                interval = None
            _upsert(
                Schedule,
                item["id"],
                {
                    "service": service,
                    "service_at_location_id": link,
                    "valid_from": c.date(item, "valid_from"),
                    "valid_to": c.date(item, "valid_to"),
                    "dtstart": c.date(item, "dtstart"),
                    "freq": item.get("freq", ""),
                    "interval": int(interval) if interval is not None else None,
                    "byday": c.text(inner, Schedule, "byday", item),
                    "bymonthday": c.text(inner, Schedule, "bymonthday", item),
                    "description": item.get("description", ""),
                    "opens_at": c.time(inner, item, "opens_at"),
                    "closes_at": c.time(inner, item, "closes_at"),
                    "schedule_link": c.text(inner, Schedule, "schedule_link", item),
                    "attending_type": item.get("attending_type", ""),
                    "notes": item.get("notes", ""),
                },
            )

    def _costs(self, where, service, costs):
        c = self.check
        for inner, item in _children(service.cost_options.all(), costs, where, "cost_options"):
            _upsert(
                CostOption,
                item["id"],
                {
                    "service": service,
                    "valid_from": c.date(item, "valid_from"),
                    "valid_to": c.date(item, "valid_to"),
                    "option": c.text(inner, CostOption, "option", item),
                    "amount": c.decimal(inner, item, "amount", 9, 2),
                    "amount_description": c.text(inner, CostOption, "amount_description", item),
                },
            )

    def _contacts(self, where, service, contacts):
        c = self.check
        for inner, item in _children(service.contacts.all(), contacts, where, "contacts"):
            contact, _created = _upsert(
                Contact,
                item["id"],
                {
                    "service": service,
                    "name": c.text(inner, Contact, "name", item),
                    "title": c.text(inner, Contact, "title", item),
                },
            )
            phones = item.get("phones", [])
            for phone_at, phone in _children(contact.phones.all(), phones, inner, "phones"):
                _upsert(
                    Phone,
                    phone["id"],
                    {
                        "contact": contact,
                        "number": c.text(phone_at, Phone, "number", phone),
                        "description": phone.get("description", ""),
                    },
                )

    def _attributes(self, where, service, attributes):
        c = self.check
        kept = []
        for index, item in enumerate(attributes):
            inner = f"{where} › attributes[{index}]"
            term, found = self._given_or_by_id(
                inner, item, "taxonomy_term", self.term, TaxonomyTerm, "no such term"
            )
            if not found:
                continue
            kept.append((item["id"], term, c.text(inner, ServiceAttribute, "link_type", item)))
        _replace_children(service.attributes.all(), [pk for pk, _t, _l in kept])
        for pk, term, link_type in kept:
            _upsert(
                ServiceAttribute,
                pk,
                {"service": service, "taxonomy_term": term, "link_type": link_type},
            )
