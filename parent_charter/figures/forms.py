from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import VersionedEditForm

from . import periods


class PeriodForm(forms.Form):
    """The period the figures cover, chosen from the full periods offered."""

    period = forms.ChoiceField(
        label=_("Period"),
        error_messages={"invalid_choice": _("Choose a month, quarter or year from the list")},
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.periods = {p.slug: p for p in periods.choices(self.today)}
        self.fields["period"].choices = [(slug, p.label) for slug, p in self.periods.items()]

    def clean_period(self) -> periods.Period:
        return self.periods[self.cleaned_data["period"]]


class FiguresSettingsForm(VersionedEditForm):
    record_field_names = ("suppression_threshold",)

    suppression_threshold = forms.IntegerField(
        label=_("Show counts below this number as “fewer than” it"),
        help_text=_(
            "Counts from 1 up to one less than this are never published, and other counts are "
            "hidden where they would give one away. Most councils use 5."
        ),
        min_value=3,
        max_value=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the smallest count that may be shown"),
            "invalid": _("Enter a whole number, like 5"),
            "min_value": _("The number must be 3 or more"),
            "max_value": _("The number must be 20 or fewer"),
        },
    )
