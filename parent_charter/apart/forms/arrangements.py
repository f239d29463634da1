"""Forms for a contact arrangement and for a contact session held under it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import radios, record_choice
from parent_charter.core.forms import FormTokenField

from ..models import ContactArrangement, ContactKind, Frequency, SessionOutcome
from .common import (
    AddOrEditForm,
    ChildChoiceField,
    DateChecks,
    date_field,
    notes_field,
    short_text,
)


class ArrangementForm(AddOrEditForm):
    """A contact arrangement. Adding one chooses the child; changing one may end it."""

    record_field_names = ContactArrangement.EDITABLE_FIELDS

    child = record_choice(
        _("Which child?"),
        required=_("Select the child"),
        invalid=_("Select the child"),
        field_class=ChildChoiceField,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    kind = radios(_("Kind of contact"), ContactKind.choices, _("Select the kind of contact"))
    frequency = radios(_("How often"), Frequency.choices, _("Select how often contact happens"))
    next_date = date_field(
        _("Next date (optional)"),
        help_text=_("The next visit or call. For letter-box, record each letter below instead"),
    )
    next_place = short_text(
        _("Where (optional)"),
        help_text=_("For example, the family centre, or 'video call'"),
        too_long=_("Where must be 200 characters or fewer"),
    )
    arranged_by = short_text(
        _("Who supervises or arranges it (optional)"),
        help_text=_("For example, the contact centre, or the child's social worker"),
        too_long=_("Who supervises or arranges it must be 200 characters or fewer"),
    )
    started_on = date_field(_("Started (optional)"))
    ended_on = date_field(
        _("Ended (optional)"),
        help_text=_("Only if this arrangement has stopped. It is kept on the record"),
    )
    notes = notes_field()

    def __init__(self, *args, children=None, editing=False, **kwargs):
        super().__init__(*args, editing=editing, **kwargs)
        if editing:
            del self.fields["child"]
        else:
            self.fields["child"].queryset = children
            del self.fields["ended_on"]

    def clean(self):
        cleaned = super().clean()
        self._check_range("next_date")
        self._check_range("started_on", future_limit=True)
        if "ended_on" in self.fields:
            self._check_range("ended_on", past_only=True)
            self._check_order(
                "started_on", "ended_on", _("The end date must be on or after the start date")
            )
            ended, next_date = cleaned.get("ended_on"), cleaned.get("next_date")
            if ended and next_date and next_date > ended and "next_date" not in self._errors:
                self.add_error(
                    "next_date",
                    _("An arrangement that has ended has no next date. Remove the next date"),
                )
        return cleaned


class SessionForm(DateChecks, forms.Form):
    form_token = FormTokenField()
    held_on = date_field(
        _("Date of the session"), required_message=_("Enter the date of the session")
    )
    outcome = radios(_("What happened?"), SessionOutcome.choices, _("Select what happened"))
    notes = notes_field(help_text=_("How it went, or why it was cancelled"))

    def clean(self):
        cleaned = super().clean()
        # A cancellation may be known in advance; a session cannot have taken place yet.
        took_place = cleaned.get("outcome") == SessionOutcome.ATTENDED
        self._check_range("held_on", past_only=took_place)
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"held_on": data["held_on"], "outcome": data["outcome"], "notes": data["notes"]}
