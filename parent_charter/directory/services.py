"""Council administrators' changes to the directory. Each runs in one transaction with its audit
event; edits save only at the version the editor opened (docs/adr/0008), adds only once per
form token. Details hold field names, never the text typed. A service's own details (opening
times, contacts, costs) are changed in `services_details`.
"""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from parent_charter.audit import services as audit
from parent_charter.core.concurrency import (
    DuplicateSubmission,
    claim_or_raise,
    complete_submission,
    save_audited,
    save_if_unchanged,
)

from .models import (
    Accessibility,
    Address,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    TaxonomyTerm,
)
from .taxonomy import (
    CARE_EXPERIENCED,
    COUNCIL_RESIDENTS,
    ELIGIBILITY_LINK,
    NEED_LINK,
    NEEDS_TAXONOMY,
    ensure_taxonomies,
    stable_id,
)

ORGANIZATION_FIELDS = ("name", "name_cy", "description", "description_cy", "website", "email")
LOCATION_FIELDS = ("name", "name_cy", "location_type", "description", "latitude", "longitude")
ADDRESS_FIELDS = ("address_1", "city", "state_province", "postal_code")
LOCATION_FORM_FIELDS = (*LOCATION_FIELDS, *ADDRESS_FIELDS, "access")
SERVICE_FIELDS = (
    "organization",
    "name",
    "name_cy",
    "description",
    "description_cy",
    "status",
    "url",
    "email",
    "alert",
    "alert_cy",
    "minimum_age",
    "maximum_age",
)
SERVICE_LINK_FIELDS = ("care_experienced_only", "residents_only", "needs", "locations")
SCHEDULE_FIELDS = (
    "freq",
    "interval",
    "dtstart",
    "byday",
    "bymonthday",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "description",
    "description_cy",
)
CONTACT_FIELDS = ("name", "title", "title_cy")
PHONE_FIELDS = ("phone_number", "phone_description")
COST_FIELDS = (
    "option",
    "option_cy",
    "amount",
    "amount_description",
    "amount_description_cy",
    "valid_from",
    "valid_to",
)
NEED_FIELDS = ("name", "name_cy", "description", "description_cy", "theme")


__all__ = ["DuplicateSubmission"]  # raised by the adds below; views catch it from here


def _claim(form_token, object_type: str, existing_in):
    """Claim the add form's token, or raise DuplicateSubmission with the record it made before,
    looked up in `existing_in` (the council's or the service's own)."""
    # Directory records are known by their profile `id`, not a separate public_id.
    return claim_or_raise(
        form_token or uuid.uuid4(), object_type=object_type, existing_in=existing_in, key="pk"
    )


def _complete(claim, obj) -> None:
    complete_submission(claim, obj, key="pk")


def _changed(instance, fields: dict) -> list[str]:
    return sorted(name for name, value in fields.items() if getattr(instance, name) != value)


def _by_name(fields: dict) -> dict:
    """The fields in name order, so that save_audited names the changed ones alphabetically."""
    return dict(sorted(fields.items()))


# Organisations.


def organization_add(*, council, actor, form_token, **fields) -> Organization:
    with transaction.atomic():
        claim = _claim(
            form_token, "directory.organization", Organization.objects.filter(council=council)
        )
        organization = Organization.objects.create(council=council, **fields)
        _complete(claim, organization)
        audit.record(
            actor=actor, council=council, action="directory.organization.added", obj=organization
        )
    return organization


def organization_update(*, organization, actor, expected_version: int, **fields) -> list[str]:
    return save_audited(
        organization,
        expected_version=expected_version,
        fields=_by_name(fields),
        actor=actor,
        action="directory.organization.updated",
    )


# Locations, with their address and a note on access.


def _save_address_and_access(location: Location, fields: dict) -> list[str]:
    changed = []
    address = location.addresses.first()
    values = {name: fields[name] for name in ADDRESS_FIELDS}
    if address is None:
        Address.objects.create(location=location, country="GB", **values)
        changed += [name for name, value in values.items() if value]
    else:
        changed += _changed(address, values)
        Address.objects.filter(pk=address.pk).update(**values)
    access = fields["access"]
    item = location.accessibility.first()
    if item is None and access:
        Accessibility.objects.create(location=location, description=access)
        changed.append("access")
    elif item is not None and item.description != access:
        Accessibility.objects.filter(pk=item.pk).update(description=access)
        changed.append("access")
    return changed


def location_add(*, council, actor, form_token, **fields) -> Location:
    with transaction.atomic():
        claim = _claim(form_token, "directory.location", Location.objects.filter(council=council))
        location = Location.objects.create(
            council=council, **{name: fields[name] for name in LOCATION_FIELDS}
        )
        _save_address_and_access(location, fields)
        _complete(claim, location)
        audit.record(actor=actor, council=council, action="directory.location.added", obj=location)
    return location


def location_update(*, location, actor, expected_version: int, **fields) -> list[str]:
    own = {name: fields[name] for name in LOCATION_FIELDS}
    with transaction.atomic():
        changed = _changed(location, own)
        save_if_unchanged(location, expected_version=expected_version, fields=own)
        changed += _save_address_and_access(location, fields)
        audit.record(
            actor=actor,
            council=location.council,
            action="directory.location.updated",
            obj=location,
            detail={"fields": sorted(changed)},
        )
    return changed


# Services, with who may use them, the needs they meet and where they run.


def _sync_terms(service: Service, wanted: list[TaxonomyTerm], among: set) -> bool:
    """Link the service to exactly `wanted` out of the terms `among` (ids). True if changed."""
    existing = {
        attribute.taxonomy_term_id: attribute
        for attribute in service.attributes.filter(taxonomy_term_id__in=among)
    }
    wanted_ids = {term.pk for term in wanted}
    removed = [a.pk for term_id, a in existing.items() if term_id not in wanted_ids]
    ServiceAttribute.objects.filter(pk__in=removed).delete()
    added = [term for term in wanted if term.pk not in existing]
    for term in added:
        link_type = NEED_LINK if term.theme else ELIGIBILITY_LINK
        ServiceAttribute.objects.create(service=service, taxonomy_term=term, link_type=link_type)
    return bool(removed or added)


def _sync_locations(service: Service, locations: list[Location]) -> bool:
    existing = set(service.service_at_locations.values_list("location_id", flat=True))
    wanted = {location.pk for location in locations}
    service.service_at_locations.exclude(location_id__in=wanted).delete()
    for location in locations:
        if location.pk not in existing:
            ServiceAtLocation.objects.create(service=service, location=location)
    return existing != wanted


def _apply_links(service: Service, council, fields: dict) -> list[str]:
    terms = ensure_taxonomies(council)
    changed = []
    eligibility_terms = [terms[CARE_EXPERIENCED], terms[COUNCIL_RESIDENTS]]
    wanted = [
        term
        for term, flag in zip(
            eligibility_terms,
            (fields["care_experienced_only"], fields["residents_only"]),
            strict=True,
        )
        if flag
    ]
    if _sync_terms(service, wanted, {term.pk for term in eligibility_terms}):
        changed.append("eligibility")
    need_ids = set(
        TaxonomyTerm.objects.filter(council=council, theme__gt="").values_list("pk", flat=True)
    )
    if _sync_terms(service, list(fields["needs"]), need_ids):
        changed.append("needs")
    if _sync_locations(service, list(fields["locations"])):
        changed.append("locations")
    return changed


def service_add(*, council, actor, form_token, **fields) -> Service:
    own = {name: fields[name] for name in SERVICE_FIELDS}
    with transaction.atomic():
        claim = _claim(form_token, "directory.service", Service.objects.filter(council=council))
        service = Service.objects.create(
            council=council,
            last_modified=timezone.now(),
            assured_date=timezone.localdate(),
            **own,
        )
        _apply_links(service, council, fields)
        _complete(claim, service)
        audit.record(actor=actor, council=council, action="directory.service.added", obj=service)
    return service


def service_update(*, service, actor, expected_version: int, **fields) -> list[str]:
    own = {name: fields[name] for name in SERVICE_FIELDS}
    with transaction.atomic():
        changed = _changed(service, own)
        save_if_unchanged(
            service,
            expected_version=expected_version,
            fields={**own, "last_modified": timezone.now(), "assured_date": timezone.localdate()},
        )
        changed += _apply_links(service, service.council, fields)
        audit.record(
            actor=actor,
            council=service.council,
            action="directory.service.updated",
            obj=service,
            detail={"fields": sorted(changed)},
        )
    return changed


# Needs (taxonomy terms mapped to the charter's themes).


def need_key_for(council, name: str) -> str:
    base = slugify(name)[:70] or "need"
    key, number = base, 2
    while TaxonomyTerm.objects.filter(council=council, key=key).exists():
        key, number = f"{base}-{number}", number + 1
    return key


def need_add(*, council, actor, form_token, **fields) -> TaxonomyTerm:
    with transaction.atomic():
        claim = _claim(form_token, "directory.need", TaxonomyTerm.objects.filter(council=council))
        ensure_taxonomies(council)
        taxonomy_id = stable_id(council, "taxonomy", NEEDS_TAXONOMY)
        term = TaxonomyTerm.objects.create(
            council=council,
            taxonomy_record_id=taxonomy_id,
            taxonomy=TaxonomyTerm.objects.filter(taxonomy_record_id=taxonomy_id)
            .values_list("taxonomy", flat=True)
            .first()
            or "",
            key=need_key_for(council, fields["name"]),
            term=fields["name"],
            **fields,
        )
        _complete(claim, term)
        audit.record(
            actor=actor,
            council=council,
            action="directory.need.added",
            obj=term,
            detail={"key": term.key, "theme": term.theme},
        )
    return term


def need_update(*, term, actor, expected_version: int, **fields) -> list[str]:
    return save_audited(
        term,
        expected_version=expected_version,
        fields=_by_name(fields),
        actor=actor,
        action="directory.need.updated",
        detail={"key": term.key},
    )
