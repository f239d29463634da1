"""Forms for a parent's record and the consents they give, with GOV.UK messages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.accounts.emails import EmailAddressField
from parent_charter.accounts.roles import Role
from parent_charter.authorities.models import Nation, phone_validator

# MultilineField lives in core; it stays importable from here for other areas' forms.
from parent_charter.core.fields import VersionedEditForm, date_input, long_text, radios, text
from parent_charter.core.forms import FormTokenField, clean_uk_postcode

from .models import (
    CareCategory,
    CareStatus,
    ContactMethod,
    Disability,
    EthnicGroup,
    Language,
    Parent,
    ParentRole,
)
from .services import EDITABLE_FIELDS

OTHER_RECIPIENT = "other"


def _past_date(value, *, future_message, earliest_message):
    today = timezone.localdate()
    if value > today:
        raise forms.ValidationError(future_message)
    if value.year < today.year - 60:
        raise forms.ValidationError(earliest_message)
    return value


class ParentForm(VersionedEditForm):
    record_field_names = EDITABLE_FIELDS

    given_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages={
            "required": _("Enter the parent's first name"),
            "max_length": _("First name must be 100 characters or fewer"),
        },
    )
    family_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages={
            "required": _("Enter the parent's last name"),
            "max_length": _("Last name must be 100 characters or fewer"),
        },
    )
    preferred_name = text(
        _("Preferred name (optional)"),
        help_text=_("The name they like to be called, if different"),
        max_length=100,
        too_long=_("Preferred name must be 100 characters or fewer"),
    )
    pronouns = text(
        _("Pronouns (optional)"),
        help_text=_("For example, she/her, he/him or they/them"),
        max_length=40,
        too_long=_("Pronouns must be 40 characters or fewer"),
        width="govuk-input--width-10",
    )
    date_of_birth = date_input(
        _("Date of birth"),
        help_text=_("For example, 27 3 2004"),
        required=_("Enter the parent's date of birth"),
    )
    parent_role = radios(
        _("Is this person a mother, a father or another parent?"),
        ParentRole.choices,
        _("Select mother, father or parent"),
    )
    email = EmailAddressField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}),
        help_text=_("For example, 07700 900 982"),
    )
    address = long_text(
        _("Address (optional)"),
        max_length=1000,
        too_long=_("Address must be 1000 characters or fewer"),
        help_text=_("Without the postcode. Put each line of the address on a new line."),
    )
    # No max_length: the postcode is checked after spaces are tidied, in clean_postcode.
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    preferred_contact = radios(
        _("How do they prefer to be contacted? (optional)"),
        ContactMethod.choices,
        _("Select how they prefer to be contacted"),
        required=False,
    )
    preferred_language = radios(
        _("Which language do they prefer?"),
        Language.choices,
        _("Select English or Welsh"),
    )
    care_status = radios(
        _("Care status"),
        CareStatus.choices,
        _("Select in care, or leaving care or left care"),
    )
    care_category = radios(
        _("Care-leaver category (optional)"),
        CareCategory.choices,
        _("Select one of the care-leaver categories listed"),
        required=False,
    )
    personal_adviser = forms.ModelChoiceField(
        label=_("Personal adviser"),
        queryset=None,
        required=False,
        empty_label=_("Not yet allocated"),
    )
    form_token = FormTokenField()

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        from parent_charter.accounts.models import User

        self.council = council
        self.fields["personal_adviser"].queryset = User.objects.filter(
            council=council, is_active=True, role_grants__role=Role.PERSONAL_ADVISER
        ).order_by("full_name")
        # Care-leaver categories are set in law by each nation: offer only the council's own.
        category = self.fields["care_category"]
        category.choices = CareCategory.for_nation(council.nation)
        if council.nation in (Nation.ENGLAND, Nation.WALES):
            category.error_messages["invalid_choice"] = _(
                "Select a care-leaver category used in %(nation)s"
            ) % {"nation": Nation(council.nation).label}

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError(_("Date of birth must be in the past"))
        if value.year < today.year - 60:
            raise forms.ValidationError(_("Check the date of birth: the year looks too early"))
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        if not value:
            return ""
        # One message for both rules, so a long number is not told off twice.
        if len(value) > 20:
            raise forms.ValidationError(phone_validator.message, code="invalid")
        phone_validator(value)
        return value

    def clean_postcode(self):
        return clean_uk_postcode(self.cleaned_data["postcode"])

    @classmethod
    def initial_for(cls, parent: Parent) -> dict:
        initial = {name: getattr(parent, name) for name in cls.record_field_names}
        initial["personal_adviser"] = parent.personal_adviser_id
        return {**initial, "version": parent.version}

    @classmethod
    def initial_for_new(cls, token) -> dict:
        return {
            "form_token": token,
            "preferred_language": Language.ENGLISH,
            "care_status": CareStatus.LEAVING_CARE,
        }


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ConsentForm(forms.Form):
    """What a parent agreed may be shared, with whom, and when they agreed.

    With whom is one of the council's partner organisations (so referrals can check it) or,
    for anyone else, a name typed in.
    """

    recipient = radios(
        _("Who may the information be shared with?"),
        [],
        _("Select who the information may be shared with"),
    )
    share_with = text(
        _("Name of the person or organisation"),
        max_length=200,
        too_long=_("Name must be 200 characters or fewer"),
    )
    information = long_text(
        _("What may be shared"),
        required=_("Enter what may be shared"),
        too_long=_("What may be shared must be 5000 characters or fewer"),
        help_text=_("For example, their contact details and the support plan"),
    )
    given_on = date_input(
        _("Date consent was given"),
        help_text=_("For example, 27 3 2026"),
        required=_("Enter the date consent was given"),
    )
    form_token = FormTokenField()

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {str(partner.pk): partner for partner in partners}
        if self.partners:
            self.fields["recipient"].choices = [
                *((key, partner.name) for key, partner in self.partners.items()),
                (OTHER_RECIPIENT, _("Someone else")),
            ]
            self.fields["share_with"].label = _("If someone else, their name or organisation")
        else:
            # No partner organisations to choose from: the name is simply typed in.
            del self.fields["recipient"]
            self.fields["share_with"].label = _("Who may the information be shared with?")
            self.fields["share_with"].help_text = _("The name of a person or organisation")

    def clean_given_on(self):
        return _past_date(
            self.cleaned_data["given_on"],
            future_message=_("The date consent was given must be today or in the past"),
            earliest_message=_("Check the date consent was given: the year looks too early"),
        )

    def clean(self):
        data = super().clean()
        recipient = data.get("recipient", OTHER_RECIPIENT)
        if "recipient" in self.errors:
            return data
        partner = self.partners.get(recipient)
        if partner is not None:
            data["partner_organisation"] = partner
            data["share_with"] = partner.name
        else:
            data["partner_organisation"] = None
            if not data.get("share_with") and "share_with" not in self.errors:
                self.add_error(
                    "share_with",
                    forms.ValidationError(
                        _("Enter the name of the person or organisation"), code="required"
                    ),
                )
        return data

    def record_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("share_with", "partner_organisation", "information", "given_on")
        }


class ConsentWithdrawalForm(forms.Form):
    withdrawn_on = date_input(
        _("Date consent was withdrawn"),
        help_text=_("For example, 27 3 2026"),
        required=_("Enter the date consent was withdrawn"),
    )
    note = long_text(
        _("Note (optional)"),
        too_long=_("Note must be 5000 characters or fewer"),
        help_text=_("For example, how the parent told you"),
    )

    def __init__(self, *args, consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent

    def clean_withdrawn_on(self):
        value = _past_date(
            self.cleaned_data["withdrawn_on"],
            future_message=_("The date consent was withdrawn must be today or in the past"),
            earliest_message=_("Check the date consent was withdrawn: the year looks too early"),
        )
        if value < self.consent.given_on:
            raise forms.ValidationError(
                _("The date consent was withdrawn must be on or after the date it was given")
            )
        return value


WHY_ASKED = _(
    "Answering is optional, and an answer changes nothing about the support the parent gets. "
    "The council asks so that it can see whether its practice, such as referrals to children's "
    "services and children living apart from their parents, falls harder on some parents than "
    "on others. Only counts by group are published, never a name. Record only what the parent "
    "tells you."
)
WHY_ASKED_PORTAL = _(
    "You do not have to answer, and your answer changes nothing about the support you get. "
    "The council asks so that it can see whether the way it works, such as referrals to "
    "children's services and children living apart from their parents, falls harder on some "
    "parents than on others. It publishes only counts by group, never your name."
)
DISABILITY_HINT = _(
    "The Equality Act 2010 says a person is disabled if they have a physical or mental "
    "impairment that has a substantial and long-term effect on their ability to do normal "
    "daily activities. Long-term means it has lasted, or is likely to last, 12 months or more."
)


class EqualityForm(VersionedEditForm):
    """The equality monitoring questions, every answer optional. Staff may record that the
    question was not asked; a parent in the portal answers or says they prefer not to."""

    record_field_names = ("ethnic_group", "disability")

    ethnic_group = radios(
        _("What is the parent's ethnic group?"),
        EthnicGroup.choices,
        _("Select an ethnic group from the list, or “Prefer not to say”"),
        required=False,
        help_text=_("The 2021 census categories for England and Wales."),
    )
    disability = radios(
        _("Does the parent consider themselves disabled?"),
        Disability.choices,
        _("Select yes, no, or “Prefer not to say”"),
        required=False,
        help_text=DISABILITY_HINT,
    )

    def __init__(self, *args, portal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if portal:
            self.fields["ethnic_group"].label = _("What is your ethnic group?")
            self.fields["disability"].label = _("Do you consider yourself disabled?")
            for name in self.record_field_names:
                self.fields[name].choices = [
                    choice for choice in self.fields[name].choices if choice[0] != "not_recorded"
                ]

    def clean_ethnic_group(self):
        return self.cleaned_data["ethnic_group"] or EthnicGroup.NOT_RECORDED

    def clean_disability(self):
        return self.cleaned_data["disability"] or Disability.NOT_RECORDED
