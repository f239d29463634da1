"""Forms for a service in the directory, and for the contacts and costs it lists."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import phone_validator
from parent_charter.core.fields import AddOrEditForm, email_address, radios, whole_number
from parent_charter.core.forms import GovUKDateField

from . import services
from .forms import text, website
from .models import Location, Organization, ServiceStatus, TaxonomyTerm
from .taxonomy import CARE_EXPERIENCED, COUNCIL_RESIDENTS


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
