"""Forms council administrators use to keep the directory, and the public search form."""

from decimal import Decimal

from django import forms
from django.core.validators import URLValidator
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import phone_validator
from parent_charter.charter.models import Theme
from parent_charter.core import fields as core_fields
from parent_charter.core.fields import AddOrEditForm, checkboxes, radios, select, whole_number
from parent_charter.core.forms import GovUKDateField, clean_uk_postcode

from . import opening, services
from .models import Location, LocationType, Organization, ServiceStatus, TaxonomyTerm
from .taxonomy import CARE_EXPERIENCED, COUNCIL_RESIDENTS


def _too_long_message(limit: int) -> str:
    return gettext("Enter no more than %(max)s characters") % {"max": limit}


# Formatted when shown, so that the message is in the reader's language.
_too_long = lazy(_too_long_message, str)


def text(label, *, required=None, max_length=None, textarea=False, width=None, **kwargs):
    """Core's text field, saying how many characters are allowed when too many are typed, with
    a four-row box for longer text."""
    return core_fields.text(
        label,
        required=required,
        max_length=max_length,
        too_long=_too_long(max_length) if max_length else None,
        textarea=textarea,
        rows=4,
        width=width,
        **kwargs,
    )


class WebsiteField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]


def website(label):
    return WebsiteField(
        label=label,
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        help_text=_("For example, https://www.example.org"),
        error_messages={
            "invalid": _(
                "Enter a website address in the correct format, like https://www.example.org"
            ),
            "max_length": _("Website address must be 500 characters or fewer"),
        },
    )


def email_address(label):
    return forms.EmailField(
        label=label,
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email must be 254 characters or fewer"),
        },
    )


class OrganizationForm(AddOrEditForm):
    record_field_names = services.ORGANIZATION_FIELDS

    name = text(_("Name"), required=_("Enter the organisation's name"), max_length=255)
    name_cy = text(_("Name in Welsh (optional)"), max_length=255)
    description = text(
        _("What the organisation does"),
        required=_("Enter what the organisation does"),
        textarea=True,
    )
    description_cy = text(_("What the organisation does, in Welsh (optional)"), textarea=True)
    website = website(_("Website (optional)"))
    email = email_address(_("Email (optional)"))


class LocationForm(AddOrEditForm):
    record_field_names = services.LOCATION_FORM_FIELDS

    name = text(
        _("Name of the place"),
        required=_("Enter the name of the place"),
        max_length=255,
        help_text=_("For example, Widemarsh Family Hub"),
    )
    name_cy = text(_("Name in Welsh (optional)"), max_length=255)
    location_type = radios(_("Kind of place"), LocationType.choices, _("Select the kind of place"))
    address_1 = text(
        _("Building and street"),
        required=_("Enter the building and street"),
        max_length=255,
    )
    city = text(
        _("Town or city"),
        required=_("Enter the town or city"),
        max_length=100,
        width="govuk-!-width-two-thirds",
    )
    state_province = text(
        _("County"),
        required=_("Enter the county"),
        max_length=100,
        width="govuk-!-width-two-thirds",
    )
    postal_code = text(
        _("Postcode"), required=_("Enter the postcode"), width="govuk-input--width-10"
    )
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"),
        required=False,
        min_value=Decimal(-90),
        max_value=Decimal(90),
        max_digits=10,
        decimal_places=7,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        help_text=_("In decimal degrees, for example 52.0565"),
        error_messages={
            "invalid": _("Enter the latitude as a number from -90 to 90"),
            "min_value": _("Enter the latitude as a number from -90 to 90"),
            "max_value": _("Enter the latitude as a number from -90 to 90"),
            "max_digits": _("Enter the latitude with at most 7 decimal places"),
            "max_decimal_places": _("Enter the latitude with at most 7 decimal places"),
        },
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"),
        required=False,
        min_value=Decimal(-180),
        max_value=Decimal(180),
        max_digits=10,
        decimal_places=7,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        help_text=_("In decimal degrees, for example -2.7160"),
        error_messages={
            "invalid": _("Enter the longitude as a number from -180 to 180"),
            "min_value": _("Enter the longitude as a number from -180 to 180"),
            "max_value": _("Enter the longitude as a number from -180 to 180"),
            "max_digits": _("Enter the longitude with at most 7 decimal places"),
            "max_decimal_places": _("Enter the longitude with at most 7 decimal places"),
        },
    )
    description = text(_("How to find it (optional)"), textarea=True)
    access = text(
        _("Getting in (optional)"),
        textarea=True,
        help_text=_("For example, step-free entrance, lift, space for pushchairs, hearing loop"),
    )

    def clean_postal_code(self):
        return clean_uk_postcode(self.cleaned_data["postal_code"])

    @classmethod
    def initial_for(cls, location) -> dict:
        initial = {name: getattr(location, name) for name in services.LOCATION_FIELDS}
        address = location.addresses.first()
        for name in services.ADDRESS_FIELDS:
            initial[name] = getattr(address, name) if address else ""
        access = location.accessibility.first()
        initial["access"] = access.description if access else ""
        return {**initial, "version": location.version}


class NeedForm(AddOrEditForm):
    record_field_names = services.NEED_FIELDS

    name = text(_("Name"), required=_("Enter the name of the need"), max_length=255)
    name_cy = text(_("Name in Welsh (optional)"), max_length=255)
    description = text(_("Description (optional)"), textarea=True)
    description_cy = text(_("Description in Welsh (optional)"), textarea=True)
    theme = select(
        _("Theme of the charter"),
        Theme.choices,
        _("Select the theme of the charter"),
        help_text=_("Which of the charter's themes this need belongs to"),
    )


class SearchForm(forms.Form):
    """The public search. Every field is optional; a bad value is reported beside its field."""

    council = forms.ChoiceField(label=_("Area"), required=False)
    q = forms.CharField(
        label=_("Search words (optional)"),
        required=False,
        max_length=100,
        help_text=_("For example, baby, housing or counselling"),
        error_messages={"max_length": _("Search words must be 100 characters or fewer")},
    )
    need = forms.ChoiceField(label=_("What do you need help with?"), required=False)
    age = whole_number(
        _("Your age (optional)"),
        low=0,
        high=120,
        message=_("Enter your age as a number, like 19"),
        required=False,
        width="govuk-input--width-3",
    )
    open_now = forms.BooleanField(label=_("Only show services open now"), required=False)

    def __init__(self, *args, councils, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].choices = [("", _("All areas"))] + [
            (council.slug, council.display_name((get_language() or "en")[:2]))
            for council in councils
        ]
        self.fields["council"].error_messages["invalid_choice"] = _("Select an area from the list")
        self.fields["need"].choices = [("", _("Anything"))] + [
            (term.key, term.display_name) for term in needs
        ]
        self.fields["need"].error_messages["invalid_choice"] = _("Select a need from the list")


def _age(label):
    return whole_number(
        label,
        low=0,
        high=120,
        message=_("Enter an age from 0 to 120, or leave it empty"),
        required=False,
        width="govuk-input--width-3",
    )


class _ChoiceNames(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class _ManyNames(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ServiceForm(AddOrEditForm):
    record_field_names = (*services.SERVICE_FIELDS, *services.SERVICE_LINK_FIELDS)
    field_order = ["organization", "name"]

    organization = _ChoiceNames(
        label=_("Organisation that runs it"),
        queryset=Organization.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the organisation that runs the service"),
            "invalid_choice": _("Select the organisation that runs the service"),
        },
    )
    name = text(_("Name"), required=_("Enter the service's name"), max_length=255)
    name_cy = text(_("Name in Welsh (optional)"), max_length=255)
    description = text(
        _("What the service offers"),
        required=_("Enter what the service offers"),
        textarea=True,
    )
    description_cy = text(_("What the service offers, in Welsh (optional)"), textarea=True)
    status = radios(_("Status"), ServiceStatus.choices, _("Select the service's status"))
    url = website(_("Website (optional)"))
    email = email_address(_("Email (optional)"))
    alert = text(
        _("Short notice (optional)"),
        textarea=True,
        help_text=_("Something people should know now, such as a change of address"),
    )
    alert_cy = text(_("Short notice in Welsh (optional)"), textarea=True)
    minimum_age = _age(_("Youngest age (optional)"))
    maximum_age = _age(_("Oldest age (optional)"))
    care_experienced_only = forms.BooleanField(
        label=_("Only for people who are or have been in care"), required=False
    )
    residents_only = forms.BooleanField(
        label=_("Only for people who live in the council's area"), required=False
    )
    needs = _ManyNames(
        label=_("Needs it helps with"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply"),
        error_messages={"invalid_choice": _("Select needs from the list")},
    )
    locations = _ManyNames(
        label=_("Places where it runs"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply. Leave all empty for a service by phone or online."),
        error_messages={"invalid_choice": _("Select places from the list")},
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["organization"].queryset = Organization.objects.filter(council=council)
        self.fields["needs"].queryset = TaxonomyTerm.objects.filter(
            council=council, theme__gt=""
        ).order_by("name")
        self.fields["locations"].queryset = Location.objects.filter(council=council)

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error(
                "maximum_age", _("The oldest age must be the same as or more than the youngest age")
            )
        return data

    def record_fields(self) -> dict:
        fields = super().record_fields()
        fields["needs"] = list(fields["needs"])
        fields["locations"] = list(fields["locations"])
        return fields

    @classmethod
    def initial_for(cls, service) -> dict:
        initial = {name: getattr(service, name) for name in services.SERVICE_FIELDS}
        attributes = list(service.attributes.select_related("taxonomy_term"))
        keys = {attribute.taxonomy_term.key for attribute in attributes}
        initial["care_experienced_only"] = CARE_EXPERIENCED in keys
        initial["residents_only"] = COUNCIL_RESIDENTS in keys
        initial["needs"] = sorted(
            (a.taxonomy_term for a in attributes if a.taxonomy_term.theme), key=lambda t: t.pk
        )
        initial["locations"] = sorted(
            (link.location for link in service.service_at_locations.select_related("location")),
            key=lambda location: location.pk,
        )
        return {**initial, "version": service.version}


def _validate_phone(value: str) -> None:
    phone_validator(value)
    if len(value) > 20:
        raise forms.ValidationError(phone_validator.message, code="invalid")


class ContactForm(AddOrEditForm):
    record_field_names = (*services.CONTACT_FIELDS, *services.PHONE_FIELDS)

    title = text(
        _("Role"),
        required=_("Enter the role, such as Duty worker or Reception"),
        max_length=255,
        help_text=_("For example, Duty worker, Reception or Volunteer coordinator"),
    )
    title_cy = text(_("Role in Welsh (optional)"), max_length=255)
    name = text(
        _("Name (optional)"),
        max_length=255,
        help_text=_("Only with the person's agreement. The directory is public."),
    )
    phone_number = text(
        _("Phone number (optional)"),
        validators=[_validate_phone],
        width="govuk-input--width-20",
    )
    phone_description = text(
        _("When to call, or what the number is for (optional)"),
        textarea=True,
    )

    @classmethod
    def initial_for(cls, contact) -> dict:
        initial = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
        phone = contact.phones.first()
        initial["phone_number"] = phone.number if phone else ""
        initial["phone_description"] = phone.description if phone else ""
        return {**initial, "version": contact.version}


class CostForm(AddOrEditForm):
    record_field_names = services.COST_FIELDS

    option = text(
        _("Who or what this price is for (optional)"),
        max_length=255,
        help_text=_("For example, Each session, or Under 18s"),
    )
    option_cy = text(_("Who or what this price is for, in Welsh (optional)"), max_length=255)
    amount = forms.DecimalField(
        label=_("Amount in pounds"),
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        help_text=_("Enter 0 if it is free"),
        error_messages={
            "required": _("Enter the amount in pounds, or 0 if it is free"),
            "invalid": _("Enter the amount in pounds, like 3.50, or 0 if it is free"),
            "min_value": _("The amount cannot be less than 0"),
            "max_digits": _("Enter an amount less than £10,000,000"),
            "max_whole_digits": _("Enter an amount less than £10,000,000"),
            "max_decimal_places": _("Enter the amount with no more than 2 decimal places"),
        },
    )
    amount_description = text(
        _("What the amount covers (optional)"),
        max_length=255,
        help_text=_("For example, per session, or per month"),
    )
    amount_description_cy = text(_("What the amount covers, in Welsh (optional)"), max_length=255)
    valid_from = GovUKDateField(label=_("Price applies from (optional)"), required=False)
    valid_to = GovUKDateField(label=_("Price applies until (optional)"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error(
                "valid_to", _("The end date must be the same as or after the start date")
            )
        return data


_TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%H:%M:%S"]


def _time(label, missing):
    field = forms.TimeField(
        label=label,
        required=False,
        input_formats=_TIME_FORMATS,
        help_text=_("Use the 24-hour clock, for example 09:00 or 17:30"),
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": _("Enter a real time, like 09:00 or 17:30")},
    )
    field.missing_message = missing
    return field


KIND_WEEKLY, KIND_MONTHLY, KIND_CLOSED, KIND_SPECIAL = "weekly", "monthly", "closed", "special"
WEEK_OF_MONTH = [
    ("1", _("First")),
    ("2", _("Second")),
    ("3", _("Third")),
    ("4", _("Fourth")),
    ("-1", _("Last")),
]
DAYS = [(code, name) for code, name in zip(opening.DAY_CODES, opening.DAY_NAMES, strict=True)]


class ScheduleForm(AddOrEditForm):
    """Regular opening (weekly or monthly) or a dated exception, as the profile records them."""

    kind = radios(
        _("What kind of opening time is this?"),
        [
            (KIND_WEEKLY, _("Open on the same days every week (or every other week)")),
            (KIND_MONTHLY, _("Open on one day each month, such as the first Tuesday")),
            (KIND_CLOSED, _("Closed on particular dates, such as over Christmas")),
            (KIND_SPECIAL, _("Open at different times on particular dates")),
        ],
        _("Select what kind of opening time this is"),
    )
    days = checkboxes(
        _("Days of the week (every week)"), DAYS, _("Select days from the list"), required=False
    )
    every_other_week = forms.BooleanField(
        label=_("Only every other week"),
        required=False,
        help_text=_("Give the first date it opens below, so the right weeks are counted"),
    )
    month_week = select(
        _("Which week of the month (every month)"),
        WEEK_OF_MONTH,
        _("Select which week of the month"),
        required=False,
    )
    month_day = select(_("Which day of that week"), DAYS, _("Select which day"), required=False)
    opens_at = _time(_("Opens at"), _("Enter the time it opens"))
    closes_at = _time(_("Closes at"), _("Enter the time it closes"))
    valid_from = GovUKDateField(
        label=_("First date"),
        required=False,
        help_text=_(
            "For dates when it is closed or opens differently: the first such date. "
            "For regular opening: when these times start (optional). For example, 24 12 2026"
        ),
    )
    valid_to = GovUKDateField(
        label=_("Last date (optional)"),
        required=False,
        help_text=_("Leave empty for a single date, or for regular opening with no end date"),
    )
    description = text(
        _("Note for the public (optional)"),
        textarea=True,
        help_text=_("For example, Closed over Christmas and New Year"),
    )
    description_cy = text(_("Note for the public, in Welsh (optional)"), textarea=True)

    FORM_FIELDS = (
        "kind",
        "days",
        "every_other_week",
        "month_week",
        "month_day",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
        "description",
        "description_cy",
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == KIND_WEEKLY and not data.get("days") and "days" not in self.errors:
            self.add_error("days", _("Select at least one day of the week"))
        if kind == KIND_WEEKLY and data.get("every_other_week") and not data.get("valid_from"):
            self.add_error(
                "valid_from", _("Enter the first date it opens, so every other week can be counted")
            )
        if kind == KIND_MONTHLY:
            if not data.get("month_week") and "month_week" not in self.errors:
                self.add_error("month_week", _("Select which week of the month"))
            if not data.get("month_day") and "month_day" not in self.errors:
                self.add_error("month_day", _("Select which day"))
        needs_date = kind in (KIND_CLOSED, KIND_SPECIAL) and not data.get("valid_from")
        if needs_date and "valid_from" not in self.errors:
            self.add_error("valid_from", _("Enter the first date"))
        if kind != KIND_CLOSED:
            for name in ("opens_at", "closes_at"):
                if name not in self.errors and data.get(name) is None and kind:
                    self.add_error(name, self.fields[name].missing_message)
            opens, closes = data.get("opens_at"), data.get("closes_at")
            if opens is not None and closes is not None and opens == closes:
                self.add_error(
                    "closes_at", _("The closing time must be different from the opening time")
                )
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error(
                "valid_to", _("The last date must be the same as or after the first date")
            )
        return data

    def record_fields(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        fields = {
            "freq": "",
            "interval": None,
            "dtstart": None,
            "byday": "",
            "bymonthday": "",
            "opens_at": data["opens_at"] if kind != KIND_CLOSED else None,
            "closes_at": data["closes_at"] if kind != KIND_CLOSED else None,
            "valid_from": data["valid_from"],
            "valid_to": data["valid_to"],
            "description": data["description"],
            "description_cy": data["description_cy"],
        }
        if kind == KIND_WEEKLY:
            fields["freq"] = "WEEKLY"
            fields["byday"] = ",".join(code for code in opening.DAY_CODES if code in data["days"])
            if data["every_other_week"]:
                fields["interval"] = 2
                fields["dtstart"] = data["valid_from"]
        elif kind == KIND_MONTHLY:
            fields["freq"] = "MONTHLY"
            fields["byday"] = f"{data['month_week']}{data['month_day']}"
        else:
            fields["valid_to"] = data["valid_to"] or data["valid_from"]
        return fields

    def compared_field_names(self) -> list[str]:
        return list(self.FORM_FIELDS)

    @classmethod
    def initial_for(cls, schedule) -> dict:
        initial = {
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "valid_from": schedule.valid_from,
            "valid_to": schedule.valid_to,
            "description": schedule.description,
            "description_cy": schedule.description_cy,
            "days": [],
            "every_other_week": False,
            "month_week": "",
            "month_day": "",
            "version": schedule.version,
        }
        parsed = opening.parse_byday(schedule.byday)
        if schedule.is_exception:
            initial["kind"] = KIND_CLOSED if schedule.opens_at is None else KIND_SPECIAL
        elif schedule.freq == "MONTHLY":
            initial["kind"] = KIND_MONTHLY
            if parsed and parsed[0][0] is not None:
                initial["month_week"] = str(parsed[0][0])
                initial["month_day"] = opening.DAY_CODES[parsed[0][1]]
        else:
            initial["kind"] = KIND_WEEKLY
            initial["days"] = [opening.DAY_CODES[weekday] for _ordinal, weekday in parsed]
            initial["every_other_week"] = (schedule.interval or 1) == 2
        return initial
