from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
