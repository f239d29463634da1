"""Forms of the retention schedule and of the day support ended."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import VersionedEditForm
from parent_charter.core.forms import GovUKDateField

from .models import MAX_MONTHS


class RuleForm(VersionedEditForm):
    keep_for_months = forms.IntegerField(
        label=_("Months to keep after support ends"),
        help_text=_("For example, 72 for six years. 0 means as soon as support ends."),
        min_value=0,
        max_value=MAX_MONTHS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": _("Enter the number of months"),
            "invalid": _("Enter a whole number of months, like 72"),
            "min_value": _("The number of months must be 0 or more"),
            "max_value": _("The number of months must be 1200 or fewer"),
        },
    )
    reason = forms.CharField(
        label=_("Why the council keeps these records this long"),
        help_text=_(
            "Parents read this in the copy of their information. Name the law or guidance."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter why the council keeps these records this long"),
            "max_length": _("The reason must be 2000 characters or fewer"),
        },
    )


class SupportEndForm(VersionedEditForm):
    ended_on = GovUKDateField(
        label=_("Date support ended"),
        help_text=_("For example, 27 3 2026. Retention periods count from this day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].error_messages["required"] = _("Enter the date support ended")

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on is not None and ended_on > timezone.localdate():
            raise forms.ValidationError(_("The date support ended must be today or in the past"))
        return ended_on
