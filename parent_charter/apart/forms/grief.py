"""Forms for support with grief and loss offered to a parent, and for each follow-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import long_text, radios
from parent_charter.core.forms import FormTokenField

from ..models import GriefAnswer, GriefSupportKind, GriefSupportOffer
from .common import AddOrEditForm, DateChecks, date_field, notes_field, short_text


class GriefOfferForm(AddOrEditForm):
    record_field_names = GriefSupportOffer.EDITABLE_FIELDS

    offered_on = date_field(_("Date offered"), required_message=_("Enter the date it was offered"))
    offered_by = short_text(
        _("Offered by"),
        required=_("Enter who offered it"),
        help_text=_("A person or a service, for example the adviser, or a bereavement counsellor"),
        too_long=_("Offered by must be 200 characters or fewer"),
    )
    kind = radios(_("Kind of support"), GriefSupportKind.choices, _("Select the kind of support"))
    answer = radios(_("The parent's answer"), GriefAnswer.choices, _("Select the parent's answer"))
    notes = notes_field(help_text=_("The parent's own words about it, if they want them recorded"))

    def clean(self):
        cleaned = super().clean()
        self._check_range("offered_on", past_only=True)
        return cleaned


class FollowUpForm(DateChecks, forms.Form):
    form_token = FormTokenField()
    on = date_field(_("Date"), required_message=_("Enter the date of the follow-up"))
    note = long_text(
        _("What was said or done"),
        required=_("Enter what was said or done"),
        too_long=_("The note must be 5000 characters or fewer"),
    )

    def clean(self):
        cleaned = super().clean()
        self._check_range("on", past_only=True)
        return cleaned
