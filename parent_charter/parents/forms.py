from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.accounts.roles import Role
from parent_charter.core.forms import GovUKDateField

from .models import Parent, ParentRole


class ParentForm(forms.Form):
    given_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages={"required": _("Enter the parent's first name")},
    )
    family_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages={"required": _("Enter the parent's last name")},
    )
    preferred_name = forms.CharField(
        label=_("Preferred name (optional)"),
        help_text=_("The name they like to be called, if different"),
        max_length=100,
        required=False,
    )
    date_of_birth = GovUKDateField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 2004"),
        error_messages={"required": _("Enter the parent's date of birth")},
    )
    parent_role = forms.ChoiceField(
        label=_("Is this person a mother, a father or another parent?"),
        choices=ParentRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select mother, father or parent")},
    )
    personal_adviser = forms.ModelChoiceField(
        label=_("Personal adviser"),
        queryset=None,
        required=False,
        empty_label=_("Not yet allocated"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        from parent_charter.accounts.models import User

        self.fields["personal_adviser"].queryset = User.objects.filter(
            council=council, is_active=True, role_grants__role=Role.PERSONAL_ADVISER
        ).order_by("full_name")

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError(_("Date of birth must be in the past"))
        if value.year < today.year - 60:
            raise forms.ValidationError(_("Check the date of birth: the year looks too early"))
        return value

    @classmethod
    def initial_for(cls, parent: Parent) -> dict:
        return {
            "given_name": parent.given_name,
            "family_name": parent.family_name,
            "preferred_name": parent.preferred_name,
            "date_of_birth": parent.date_of_birth,
            "parent_role": parent.parent_role,
            "personal_adviser": parent.personal_adviser_id,
            "version": parent.version,
        }

    def record_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "given_name",
                "family_name",
                "preferred_name",
                "date_of_birth",
                "parent_role",
                "personal_adviser",
            )
        }
