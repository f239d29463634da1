"""Forms for a programme's places: the parent's answer to an offered place, matching a parent
to a volunteer or worker, the programme's people, and the adviser's answer to a prompt."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import AddOrEditForm, radios, text, whole_number
from parent_charter.offers.models import SupportGiver

from .models import OfferAnswer, PromptAnswer
from .services_places import normalise_areas, postcode_district

# Who a programme matches with families: its people, not its groups.
WORKER_ROLES = [
    (value, label)
    for value, label in SupportGiver.choices
    if value in (SupportGiver.VOLUNTEER, SupportGiver.PAID_WORKER)
]


class OfferAnswerForm(forms.Form):
    answer = radios(
        _("What did the parent say?"), OfferAnswer.choices, _("Select what the parent said")
    )


class PromptAnswerForm(forms.Form):
    answer = radios(
        _("What did the parent say?"), PromptAnswer.choices, _("Select what the parent said")
    )


def _suggestion_label(suggestion) -> str:
    worker = suggestion.worker
    parts = [
        gettext("%(load)s of %(families)s families")
        % {"load": suggestion.load, "families": worker.families}
    ]
    if suggestion.in_area:
        parts.append(gettext("covers the parent's area"))
    if worker.supports_dads:
        parts.append(gettext("supports dads"))
    return f"{worker.first_name} ({', '.join(parts)})"


class MatchForm(forms.Form):
    """One of the suggested people; `seen` is who the parent was matched to when the form was
    opened, so a match made meanwhile by someone else is noticed."""

    worker = radios(_("Who will support them?"), [], _("Select who will support them"))
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_id = {str(s.worker.public_id): s.worker for s in suggestions}
        self.fields["worker"].choices = [
            (str(s.worker.public_id), _suggestion_label(s)) for s in suggestions
        ]

    def chosen(self):
        return self.by_id[self.cleaned_data["worker"]]


class AreasField(forms.CharField):
    """Postcode districts ("HR1") or whole postcode areas ("HR"), separated by commas."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value) or ""
        return normalise_areas(value.replace(";", ",").split(","))

    def validate(self, value):
        super().validate(value)
        for area in value:
            if not (area.isalpha() and len(area) <= 2) and postcode_district(area + "1AA") != area:
                raise forms.ValidationError(
                    _(
                        "Enter postcode districts like HR1, or postcode areas like HR, "
                        "separated by commas"
                    )
                )


class WorkerForm(AddOrEditForm):
    """A volunteer or worker of the programme, and how many families they can take."""

    record_field_names = ("first_name", "role", "areas", "supports_dads", "families", "active")

    first_name = text(
        _("First name"),
        required=_("Enter their first name"),
        max_length=100,
        too_long=_("First name must be 100 characters or fewer"),
        width="govuk-input--width-20",
    )
    role = radios(_("Are they a volunteer or a paid worker?"), WORKER_ROLES, _("Select one"))
    areas = AreasField(
        label=_("Areas they cover"),
        help_text=_("Postcode districts like HR1, or whole postcode areas like HR, with commas"),
        max_length=500,
        error_messages={
            "required": _("Enter the areas they cover"),
            "max_length": _("Areas must be 500 characters or fewer"),
        },
    )
    supports_dads = forms.BooleanField(label=_("They support dads"), required=False)
    families = whole_number(
        _("How many families can they support at once?"),
        low=1,
        high=20,
        message=_("Enter a number of families between 1 and 20"),
    )
    active = forms.BooleanField(label=_("They are taking families"), required=False)

    def __init__(self, *args, load: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.load = load
        if self.adding:
            del self.fields["active"]

    def clean_families(self):
        value = self.cleaned_data["families"]
        if value < self.load:
            raise forms.ValidationError(
                _("They support %(count)s families now. Enter %(count)s or more")
                % {"count": self.load}
            )
        return value

    def record_fields(self) -> dict:
        fields = super().record_fields() if not self.adding else self._adding_fields()
        return fields

    def _adding_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.record_field_names if name != "active"
        }
