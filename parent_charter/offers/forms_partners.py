"""Forms for the partner organisations a council works with, and the programmes they run."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import PartnerOrganisation
from parent_charter.core.fields import (
    AddOrEditForm,
    checkboxes,
    email_address,
    text,
    whole_number,
)

from . import services
from .forms import telephone
from .models import (
    ContactFrequency,
    DeliveryPlace,
    ReferralRoute,
    SupportForm,
    SupportGiver,
)

_WEBSITE_MESSAGE = _("Enter a website address in the correct format, like https://www.example.org")


class WebsiteField(forms.URLField):
    """A web page's address: http or https only, not ftp: or any other scheme."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class PartnerOrganisationForm(AddOrEditForm):
    """A charity or service the council works with. Its name is unique within the council."""

    record_field_names = services.PARTNER_FIELDS

    name_taken_message = _(
        "Your council already has a partner organisation with this name. Enter a different name"
    )

    name = text(
        _("Name"),
        required=_("Enter the partner organisation's name"),
        max_length=200,
        too_long=_("Name must be 200 characters or fewer"),
        help_text=_("For example, Home-Start Hillford"),
    )
    description = text(
        _("What the organisation does (optional)"),
        textarea=True,
    )
    website = WebsiteField(
        label=_("Website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
        help_text=_("For example, https://www.example.org"),
        error_messages={
            "invalid": _WEBSITE_MESSAGE,
            "max_length": _("Website address must be 200 characters or fewer"),
        },
    )
    phone = telephone(_("Telephone (optional)"))
    email = email_address(_("Email (optional)"), autocomplete="email")

    def __init__(self, *args, council, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.partner = partner

    def clean(self):
        data = super().clean()
        name = data.get("name")
        if not name:
            return data
        # This form sent a second time is not a clash with what it added the first time: the
        # service recognises the repeat and adds nothing.
        earlier = (
            services.partner_added_with(data.get("form_token"), council=self.council)
            if self.adding
            else None
        )
        mine = self.partner or earlier
        if services.partner_name_taken(self.council, name, exclude=mine):
            self.add_error("name", forms.ValidationError(self.name_taken_message, code="taken"))
        return data


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProgrammeForm(AddOrEditForm):
    """A programme a partner runs under the offer. Adding it makes its slug from its name."""

    record_field_names = (*services.PROGRAMME_FIELDS, "provider")
    field_order = ["name", "provider"]

    name = text(
        _("Name"),
        required=_("Enter the programme's name"),
        max_length=200,
        too_long=_("Name must be 200 characters or fewer"),
    )
    summary_en = text(
        _("Summary in English"), required=_("Enter a summary in English"), textarea=True
    )
    summary_cy = text(_("Summary in Welsh (optional)"), textarea=True)
    eligibility_en = text(
        _("Who can use it, in English"),
        required=_("Enter who can use the programme, in English"),
        textarea=True,
    )
    eligibility_cy = text(_("Who can use it, in Welsh (optional)"), textarea=True)
    maximum_age = whole_number(
        _("Available up to the age of (optional)"),
        low=16,
        high=30,
        required=False,
        message=_("Enter an age between 16 and 30, or leave it empty if there is no age limit"),
        help_text=_("Leave empty if there is no age limit"),
    )
    fathers_included = forms.BooleanField(
        label=_("Fathers and fathers-to-be can use it"), required=False
    )
    residents_only = forms.BooleanField(
        label=_("Only for care leavers living in the area"), required=False
    )
    places = whole_number(
        _("Number of places (optional)"),
        low=1,
        high=500,
        required=False,
        message=_("Enter a number of places between 1 and 500, or leave it empty"),
        help_text=_(
            "How many families the partner can support at once. Leave empty if there is no "
            "fixed number. When every place is taken, accepted referrals wait for one."
        ),
        width="govuk-input--width-3",
    )
    offered_on_new_baby = forms.BooleanField(
        label=_("Prompt advisers to offer it when they record a pregnancy or a new baby"),
        required=False,
    )
    support_forms = checkboxes(
        _("Forms of support"), SupportForm.choices, _("Select at least one form of support")
    )
    support_givers = checkboxes(
        _("Who gives the support"),
        SupportGiver.choices,
        _("Select at least one kind of person who gives the support"),
    )
    delivery_places = checkboxes(
        _("Where support happens"),
        DeliveryPlace.choices,
        _("Select at least one place where support happens"),
    )
    frequencies = checkboxes(
        _("How often"), ContactFrequency.choices, _("Select at least one option for how often")
    )
    referral_routes = checkboxes(
        _("How to be referred"),
        ReferralRoute.choices,
        _("Select at least one way to be referred"),
    )
    provider = ProviderChoiceField(
        label=_("Run by"),
        queryset=PartnerOrganisation.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the partner organisation that runs the programme"),
            "invalid_choice": _("Select the partner organisation that runs the programme"),
        },
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        # Only the council's own partners can be chosen: any other is an invalid choice.
        self.fields["provider"].queryset = PartnerOrganisation.objects.filter(council=council)
