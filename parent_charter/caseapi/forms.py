from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import checkboxes, text
from parent_charter.core.forms import FormTokenField

from .models import Scope


class ApiClientForm(forms.Form):
    name = text(
        _("Name of the system"),
        required=_("Enter the name of the system that will use the API"),
        max_length=100,
        too_long=_("The name must be 100 characters or fewer"),
        help_text=_("For example Mosaic, or the performance team's reporting tool"),
    )
    scopes = checkboxes(
        _("What it may do"),
        Scope.choices,
        _("Select at least one thing the system may do"),
    )
    form_token = FormTokenField()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the name of the system that will use the API"))
        return name
