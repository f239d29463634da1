"""The service directory, modelled on the Open Referral UK 3.0 profile of HSDS.

Each model is one object of the profile and keeps the profile's field names, so that import,
export and the open API map field to field. Identifiers are the profile's UUIDs (`id`), used
in our URLs too. Fields the UK profile removes from HSDS are not modelled. A few fields are
our own, and are marked as such: the Welsh text beside the English (`*_cy`), a need's key and
charter theme. Directory records describe services, not people: they are council configuration
(see tests/test_tenancy.py and docs/adr/0014-service-directory-open-referral.md).
"""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Theme
from parent_charter.core.models import VersionedModel


def in_language(record, field: str) -> str:
    """The Welsh text of `field` when Welsh is active and there is some, else the English."""
    if (get_language() or "en").startswith("cy"):
        welsh = getattr(record, f"{field}_cy", "")
        if welsh:
            return welsh
    return getattr(record, field)


def shown_in_language(field: str) -> property:
    """A read-only attribute: the record's `field` in the active language (`in_language`)."""
    return property(lambda self: in_language(self, field))


class DirectoryRecord(VersionedModel):
    """A top-level directory object: a profile UUID, a council, and a version for edits."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(
        "authorities.Council", verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class Organization(DirectoryRecord):
    """An organisation that delivers services: a charity, the council itself, a health trust."""

    name = models.CharField(_("name"), max_length=255)
    name_cy = models.CharField(_("name in Welsh"), max_length=255, blank=True)
    description = models.TextField(_("description"))
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    logo = models.URLField(_("logo"), max_length=500, blank=True)
    uri = models.CharField(_("persistent identifier"), max_length=500, blank=True)
    parent_organization_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    display_name = shown_in_language("name")
    display_description = shown_in_language("description")


class OrganizationIdentifier(models.Model):
    """A third-party identifier of an organisation, such as its charity number."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="organization_identifiers"
    )
    identifier_scheme = models.CharField(max_length=100, blank=True)
    identifier_type = models.CharField(max_length=255)
    identifier = models.CharField(max_length=255)

    class Meta:
        ordering = ["identifier_type", "identifier"]

    def __str__(self):
        return f"{self.identifier_type} {self.identifier}"


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Open")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    INACTIVE = "inactive", _("Not running")
    DEFUNCT = "defunct", _("Closed for good")


# Services the public pages list: the others stay in the data and the open API.
LISTED_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


class Service(DirectoryRecord):
    """A service an organisation provides, with who it is for, when it runs and what it costs."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=255)
    name_cy = models.CharField(_("name in Welsh"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    fees = models.TextField(_("charges"), blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    assured_date = models.DateField(_("information last checked"), null=True, blank=True)
    assurer_email = models.EmailField(blank=True)
    alert = models.TextField(_("alert"), blank=True)
    alert_cy = models.TextField(_("alert in Welsh"), blank=True)
    last_modified = models.DateTimeField(_("last changed"))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(maximum_age__gte=models.F("minimum_age")),
                name="directory_service_age_range",
            )
        ]

    def __str__(self):
        return self.name

    display_name = shown_in_language("name")
    display_description = shown_in_language("description")
    display_alert = shown_in_language("alert")

    @property
    def is_listed(self) -> bool:
        return self.status in LISTED_STATUSES

    def get_absolute_url(self) -> str:
        return reverse("directory:service_page", args=[self.pk])

    def get_absolute_staff_url(self) -> str:
        return reverse("directory:service", args=[self.pk])


class ServiceArea(models.Model):
    """A geographic area where a service is available, described in words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=500, blank=True)
    service_area = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return self.name or self.service_area[:50]


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("A place people can visit")
    POSTAL = "postal", _("A postal address")
    VIRTUAL = "virtual", _("Online or by phone")


class Location(DirectoryRecord):
    """A place where services are delivered. One location may host many services."""

    location_type = models.CharField(
        _("kind of location"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=10, decimal_places=7, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=10, decimal_places=7, null=True, blank=True
    )
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name or str(self.id)

    display_name = shown_in_language("name")


class AddressType(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    POSTAL = "postal", _("Postal")
    VIRTUAL = "virtual", _("Virtual")


class Address(models.Model):
    """The address of a location. The UK profile has one line for the building and street."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=255, blank=True)
    address_1 = models.CharField(_("building and street"), max_length=255)
    city = models.CharField(_("town or city"), max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(_("county"), max_length=100)
    postal_code = models.CharField(_("postcode"), max_length=20)
    country = models.CharField(_("country"), max_length=2, default="GB")
    address_type = models.CharField(
        max_length=10, choices=AddressType.choices, default=AddressType.PHYSICAL
    )

    # What the Open Referral UK profile says of an address, in its order (feed and import).
    PROFILE_COLUMNS = (
        "attention",
        "address_1",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    )

    class Meta:
        ordering = ["address_type", "pk"]

    def __str__(self):
        return f"{self.address_1}, {self.city} {self.postal_code}"


class Accessibility(models.Model):
    """How a location can be reached by people with disabilities (and with pushchairs)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    description_cy = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    accessibility = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description[:50]

    @property
    def display_description(self) -> str:
        return in_language(self, "description") or self.accessibility


class ServiceAtLocation(models.Model):
    """A service delivered at a location."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="directory_service_at_location_unique"
            )
        ]

    def __str__(self):
        return f"{self.service} at {self.location}"


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Every week")
    MONTHLY = "MONTHLY", _("Every month")


class Schedule(VersionedModel):
    """When a service is open: an iCalendar rule, or a dated exception.

    Regular opening is a weekly or monthly rule (`freq`, `interval`, `byday`, `bymonthday`,
    `dtstart`) with `opens_at`/`closes_at`, optionally limited by `valid_from`/`valid_to`. The
    UK profile has no holiday schedules and drops `until`, so a dated exception is a schedule
    with no rule and a date range: with no times it says the service is closed on those dates
    (Christmas), with times it gives the only opening on them. On a date any exception covers,
    exceptions replace the regular rules (parent_charter/directory/opening.py).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedules",
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    dtstart = models.DateField(_("first date"), null=True, blank=True)
    freq = models.CharField(_("repeats"), max_length=7, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(_("interval"), null=True, blank=True)
    byday = models.CharField(_("days"), max_length=100, blank=True)
    bymonthday = models.CharField(_("days of the month"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    opens_at = models.TimeField(_("opens"), null=True, blank=True)
    closes_at = models.TimeField(_("closes"), null=True, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["valid_from", "freq", "byday", "opens_at", "pk"]

    def __str__(self):
        return f"{self.freq or 'dated'} {self.byday} {self.opens_at}-{self.closes_at}"

    @property
    def is_exception(self) -> bool:
        return not self.freq and not self.byday and self.valid_from is not None

    @property
    def is_closure(self) -> bool:
        return self.is_exception and self.opens_at is None

    display_description = shown_in_language("description")


class Contact(VersionedModel):
    """Someone to ask for at a service, by role, with their phone numbers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=255, blank=True)
    title = models.CharField(_("job title or role"), max_length=255, blank=True)
    title_cy = models.CharField(_("job title or role in Welsh"), max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name or self.title

    display_title = shown_in_language("title")


class Phone(models.Model):
    """A phone number of a contact. The UK profile ties phones to contacts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("phone number"), max_length=30)
    description = models.TextField(_("what the number is for"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.number


class CostOption(VersionedModel):
    """What a service costs, for whom and when. Money in pounds; never a float."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    option = models.CharField(_("who or what this price is for"), max_length=255, blank=True)
    option_cy = models.CharField(
        _("who or what this price is for, in Welsh"), max_length=255, blank=True
    )
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(_("what the amount covers"), max_length=255, blank=True)
    amount_description_cy = models.CharField(
        _("what the amount covers, in Welsh"), max_length=255, blank=True
    )

    class Meta:
        ordering = ["amount", "pk"]

    def __str__(self):
        return f"{self.option} {self.amount}"

    display_option = shown_in_language("option")
    display_amount_description = shown_in_language("amount_description")


class Taxonomy(DirectoryRecord):
    """A vocabulary of terms: the council's needs, its eligibility terms, or an imported one."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    uri = models.CharField(max_length=500, blank=True)
    taxonomy_version = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaxonomyTerm(DirectoryRecord):
    """One term: a need such as "Somewhere to live", mapped to a theme of the charter.

    `taxonomy` is the profile's free-text name of the taxonomy; `taxonomy_record` is the
    profile's `taxonomy_id`. `key` and `theme` are ours: the key names a need in public search
    addresses (the same key in every council), the theme ties it to the charter.
    """

    taxonomy_record = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, null=True, blank=True, related_name="terms"
    )
    taxonomy = models.CharField(max_length=255, blank=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=255, blank=True)
    term = models.CharField(max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    parent_id = models.UUIDField(null=True, blank=True)
    term_uri = models.CharField(max_length=500, blank=True)
    key = models.SlugField(max_length=80, blank=True)
    theme = models.CharField(_("charter theme"), max_length=30, choices=Theme.choices, blank=True)

    class Meta:
        ordering = ["name", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "key"],
                condition=~models.Q(key=""),
                name="directory_term_key_unique_per_council",
            )
        ]

    def __str__(self):
        return self.name or self.term

    @property
    def display_name(self) -> str:
        return in_language(self, "name") or self.term

    display_description = shown_in_language("description")


class ServiceAttribute(models.Model):
    """A link from a service to a taxonomy term: a need it meets, or who may use it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="service_attributes"
    )
    link_type = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.service} {self.link_type} {self.taxonomy_term}"
