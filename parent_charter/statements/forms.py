"""The council's details for its public statements: its Welsh name and its data protection
officer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import phone_validator
from parent_charter.core.fields import VersionedEditForm

DETAIL_FIELDS = ("name_cy", "dpo_email", "dpo_phone", "dpo_address")


class CouncilDetailsForm(VersionedEditForm):
    record_field_names = DETAIL_FIELDS

    name_cy = forms.CharField(
        label=_("The council's name in Welsh (optional)"),
        help_text=_("Shown instead of the English name on pages in Welsh, like Cyngor Caerdydd."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The Welsh name must be 200 characters or fewer")},
    )
    dpo_email = forms.EmailField(
        label=_("Data protection officer's email (optional)"),
        help_text=_("If you leave these out, the privacy notice gives the council's own contact."),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like dpo@council.gov.uk")
        },
    )
    dpo_phone = forms.CharField(
        label=_("Data protection officer's telephone (optional)"),
        required=False,
        max_length=20,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        error_messages={"max_length": _("Enter a telephone number, like 01632 960 001")},
    )
    dpo_address = forms.CharField(
        label=_("Data protection officer's postal address (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The address must be 1000 characters or fewer")},
    )
