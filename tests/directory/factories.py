"""Factories for directory records. Deterministic sequences, invented services."""

import datetime

import factory
from django.utils import timezone

from parent_charter.directory.models import (
    Address,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
)
from tests.factories import CouncilFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Family Support Trust {n}")
    description = "A charity that supports families."


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    council = factory.SubFactory(CouncilFactory)
    organization = factory.SubFactory(
        OrganizationFactory, council=factory.SelfAttribute("..council")
    )
    name = factory.Sequence(lambda n: f"Parents' group {n}")
    description = "A weekly group for young parents."
    status = "active"
    last_modified = factory.LazyFunction(timezone.now)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Community Centre {n}")


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    location = factory.SubFactory(LocationFactory)
    address_1 = "1 Market Street"
    city = "Hillford"
    state_province = "Hillfordshire"
    postal_code = "HF1 1AA"


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(
        LocationFactory, council=factory.SelfAttribute("..service.council")
    )


class ScheduleFactory(factory.django.DjangoModelFactory):
    """Weekdays, 9 to 5, unless told otherwise."""

    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    freq = "WEEKLY"
    byday = "MO,TU,WE,TH,FR"
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(17, 0)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    service = factory.SubFactory(ServiceFactory)
    title = "Reception"


class PhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phone

    contact = factory.SubFactory(ContactFactory)
    number = "01632 960 123"


class CostOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostOption

    service = factory.SubFactory(ServiceFactory)
    amount = 0


class ServiceAttributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAttribute

    service = factory.SubFactory(ServiceFactory)
    link_type = "need"
