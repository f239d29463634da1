"""The form that records a change in where a child lives or their legal position."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import date_input, radios
from parent_charter.core.forms import FormTokenField

from .forms import ConditionalRadiosMixin
from .models import ChildParent, LegalStatus, LivesWith


class ParentLinkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ChildParent) -> str:
        return obj.parent.display_name if obj.parent_id else obj.other_parent_name


class CircumstancesForm(ConditionalRadiosMixin, forms.Form):
    """A change in where a child lives or their legal position. Always a new row."""

    reveals = {"lives_with": {LivesWith.ONE_PARENT: ("lives_with_parent",)}}

    form_token = FormTokenField()
    lives_with = radios(
        _("Where does the child live?"),
        LivesWith.choices,
        _("Select where the child lives"),
    )
    lives_with_parent = ParentLinkChoiceField(
        label=_("Which parent?"),
        queryset=ChildParent.objects.none(),
        required=False,
        to_field_name="public_id",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": _("Select which parent the child lives with")},
    )
    legal_status = radios(
        _("Legal position"),
        LegalStatus.choices,
        _("Select the legal position"),
    )
    from_date = date_input(
        _("Since when?"),
        help_text=_("The date the change happened. For example, 27 3 2026"),
        required=_("Enter the date the change happened"),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("What happened and why, for the people who read the record later"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Note must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, child, links, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.current = current
        self.fields["lives_with_parent"].queryset = ChildParent.objects.filter(
            pk__in=[link.pk for link in links]
        ).select_related("parent")

    def clean(self):
        cleaned = super().clean()
        lives_with = cleaned.get("lives_with")
        self._ignore_unchosen("lives_with", lives_with)
        if lives_with == LivesWith.ONE_PARENT:
            if "lives_with_parent" not in self._errors and not cleaned.get("lives_with_parent"):
                self.add_error("lives_with_parent", _("Select which parent the child lives with"))
        else:
            cleaned["lives_with_parent"] = None
        if lives_with and "lives_with" not in self._errors:
            if self.child.is_born and lives_with == LivesWith.NOT_YET_BORN:
                self.add_error(
                    "lives_with", _("A child who has been born cannot be 'Not yet born'")
                )
            elif self.child.is_expected and lives_with != LivesWith.NOT_YET_BORN:
                self.add_error(
                    "lives_with",
                    _(
                        "A baby who is not yet born can only be 'Not yet born'. Record the "
                        "birth first"
                    ),
                )
        self._clean_from_date(cleaned.get("from_date"))
        return cleaned

    def _clean_from_date(self, value):
        if value is None or "from_date" in self._errors:
            return
        today = timezone.localdate()
        if value > today:
            self.add_error("from_date", _("The date must be today or in the past"))
        elif self.current is not None and value < self.current.from_date:
            # The newest change by date is the current one, so an earlier date would be
            # kept as history but never take effect.
            self.add_error(
                "from_date",
                _("The date must be on or after %(date)s, when the current circumstances began")
                % {"date": date_format(self.current.from_date, "j F Y")},
            )
        elif self.child.date_of_birth and value < self.child.date_of_birth:
            self.add_error("from_date", _("The date must be on or after the date of birth"))

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "lives_with": data["lives_with"],
            "lives_with_parent": data["lives_with_parent"],
            "legal_status": data["legal_status"],
            "from_date": data["from_date"],
            "note": data["note"].strip(),
        }
