"""Forms council administrators use to change their local offer and the promises it adds to
the charter, and the field helpers the offer's other forms share. The contacts and opening
hours form is in `forms_contacts`; partner organisations and programmes in `forms_partners`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import phone_validator
from parent_charter.charter.models import AppliesTo, Stage, Theme
from parent_charter.core.fields import (
    AddOrEditForm,
    VersionedEditForm,
    radios,
    select,
    text,
    whole_number,
)
from parent_charter.core.forms import GovUKDateField

from . import services
from .models import AdoptionStatus, EligibilityBoundary


def telephone(label, *, required=None):
    return text(
        label,
        required=required,
        validators=[_validate_telephone],
        width="govuk-input--width-20",
    )


def _validate_telephone(value: str) -> None:
    # One message for both rules, so a long number is not told off twice.
    phone_validator(value)
    if len(value) > 20:
        raise forms.ValidationError(phone_validator.message, code="invalid")


class LocalOfferForm(VersionedEditForm):
    record_field_names = services.OFFER_FIELDS

    status = radios(
        _("Where is your council with the charter?"),
        AdoptionStatus.choices,
        _("Select engaged, signed up or withdrawn"),
    )
    status_date = GovUKDateField(
        label=_("Date your council reached this status"),
        help_text=_("For example, 27 3 2024"),
        error_messages={"required": _("Enter the date your council reached this status")},
    )
    eligibility_age = whole_number(
        _("Support is available up to the age of"),
        low=18,
        high=30,
        message=_("Enter an age between 18 and 30"),
    )
    eligibility_boundary = radios(
        _("How is the age limit counted?"),
        EligibilityBoundary.choices,
        _("Select how the age limit is counted"),
    )
    evidence_recency_months = whole_number(
        _("Evidence for a referral to children's services is current for how many months?"),
        low=1,
        high=24,
        message=_("Enter a number of months between 1 and 24"),
        help_text=_(
            "A referral or pre-birth request needs at least one event from this period. Older "
            "evidence can be added as background but never stands alone. The usual is 6."
        ),
    )
    introduction_en = text(_("Introduction in English (optional)"), textarea=True)
    introduction_cy = text(_("Introduction in Welsh (optional)"), textarea=True)
    published = forms.BooleanField(
        label=_("Show the public offer page"),
        required=False,
        help_text=_("Untick to hide the page while you prepare it."),
    )


class LocalCommitmentForm(AddOrEditForm):
    """A promise the council adds to the charter. Adding it leaves out `retired` and `version`."""

    def clean_applies_to(self):
        # Left unanswered (an older form, or a client that sends no radio), it is for everyone.
        return self.cleaned_data.get("applies_to") or AppliesTo.ANY

    record_field_names = (*services.COMMITMENT_FIELDS, "retired")

    stage = select(
        _("When does the promise apply?"), Stage.choices, _("Select when the promise applies")
    )
    theme = select(_("Theme"), Theme.choices, _("Select the theme of the promise"))
    applies_to = radios(
        _("Who is the promise for?"),
        AppliesTo.choices,
        _("Select who the promise is for"),
        initial=AppliesTo.ANY,
        required=False,
        help_text=_("A parent who has not said whether they are a mother or a father gets both."),
    )
    title_en = text(
        _("Title in English"),
        required=_("Enter the title in English"),
        max_length=200,
        too_long=_("Title in English must be 200 characters or fewer"),
        help_text=_("A short heading, such as 'We pay for your first scan'"),
    )
    title_cy = text(
        _("Title in Welsh (optional)"),
        max_length=200,
        too_long=_("Title in Welsh must be 200 characters or fewer"),
    )
    wording_en = text(
        _("Promise to the parent, in English"),
        required=_("Enter the promise to the parent in English"),
        textarea=True,
    )
    wording_cy = text(_("Promise to the parent, in Welsh (optional)"), textarea=True)
    guidance = text(
        _("Guidance for workers"),
        required=_("Enter guidance for workers"),
        textarea=True,
    )
    evidence = text(
        _("What counts as evidence of delivery"),
        required=_("Enter what counts as evidence that the promise was kept"),
        textarea=True,
    )
    retired = forms.BooleanField(
        label=_("No longer offered"),
        required=False,
        help_text=_(
            "Parents will no longer see this promise. Records of support already given keep it."
        ),
    )

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, adding=adding, **kwargs)
        if adding:
            del self.fields["retired"]

    def record_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.record_field_names if name in self.fields
        }
