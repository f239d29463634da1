"""Forms council administrators use to keep the directory's organisations, places and needs,
the field helpers every directory form shares, and the public search form. A service and its
contacts and costs are in `forms_service`; its opening times in `forms_schedule`.
"""

from decimal import Decimal

from django import forms
from django.core.validators import URLValidator
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Theme
from parent_charter.core import fields as core_fields
from parent_charter.core.fields import AddOrEditForm, email_address, radios, select, whole_number
from parent_charter.core.forms import clean_uk_postcode

from . import services
from .models import LocationType


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


def _degrees(label, *, limit: int, help_text, wrong, too_precise):
    """An optional latitude or longitude in decimal degrees, from -limit to limit."""
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(-limit),
        max_value=Decimal(limit),
        max_digits=10,
        decimal_places=7,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        help_text=help_text,
        error_messages={
            "invalid": wrong,
            "min_value": wrong,
            "max_value": wrong,
            "max_digits": too_precise,
            "max_decimal_places": too_precise,
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
    latitude = _degrees(
        _("Latitude (optional)"),
        limit=90,
        help_text=_("In decimal degrees, for example 52.0565"),
        wrong=_("Enter the latitude as a number from -90 to 90"),
        too_precise=_("Enter the latitude with at most 7 decimal places"),
    )
    longitude = _degrees(
        _("Longitude (optional)"),
        limit=180,
        help_text=_("In decimal degrees, for example -2.7160"),
        wrong=_("Enter the longitude as a number from -180 to 180"),
        too_precise=_("Enter the longitude with at most 7 decimal places"),
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
