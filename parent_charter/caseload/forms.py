"""Forms for caseloads: the caseload's filters and reassigning a parent to another adviser."""

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import selectors

ONLY_CHOICES = [
    (selectors.ITEMS_DUE, _("Plan items due in the next 14 days or overdue")),
    (selectors.REVIEW_DUE, _("Plan review due in the next 14 days or overdue")),
    (selectors.SUPPORT_ENDING, _("Support ending soon")),
]


class CaseloadFilterForm(forms.Form):
    """Filters in the query string, so a filtered caseload can be bookmarked and shared."""

    q = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    adviser = forms.ChoiceField(label=_("Personal adviser"), required=False)
    stage = forms.MultipleChoiceField(
        label=_("Stage"),
        choices=list(selectors.STAGE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        required=False,
        error_messages={"invalid_choice": _("Select stages from the list")},
    )
    only = forms.MultipleChoiceField(
        label=_("Only show parents with"),
        choices=ONLY_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        required=False,
        error_messages={"invalid_choice": _("Select from the list")},
    )

    def __init__(self, *args, advisers=None, **kwargs):
        """`advisers`: the council's advisers for a team manager to choose from; None for an
        adviser, who sees only their own caseload."""
        super().__init__(*args, **kwargs)
        if advisers is None:
            del self.fields["adviser"]
        else:
            self.fields["adviser"].choices = [
                ("", _("All personal advisers")),
                (selectors.NO_ADVISER, _("No personal adviser")),
            ] + [(str(user.public_id), user.get_full_name()) for user in advisers]
            self.fields["adviser"].error_messages["invalid_choice"] = _(
                "Select a personal adviser from the list"
            )

    def filters(self) -> selectors.CaseloadFilters:
        """The filters that were valid; a bad one is reported next to its field and ignored."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return selectors.CaseloadFilters(
            search=data.get("q", ""),
            stages=tuple(data.get("stage", ())),
            only=tuple(data.get("only", ())),
            adviser=data.get("adviser", ""),
        )


class AdviserChoiceField(forms.ModelChoiceField):
    """Each adviser with their caseload, to help share the work out, and who has it now."""

    current_adviser = None

    def label_from_instance(self, obj):
        count = getattr(obj, "caseload_size", 0)
        values = {"name": obj.get_full_name(), "count": count}
        if self.current_adviser is not None and obj.pk == self.current_adviser.pk:
            return (
                ngettext(
                    "%(name)s (%(count)d parent, this parent's adviser now)",
                    "%(name)s (%(count)d parents, this parent's adviser now)",
                    count,
                )
                % values
            )
        return (
            ngettext("%(name)s (%(count)d parent)", "%(name)s (%(count)d parents)", count) % values
        )


class ReassignForm(forms.Form):
    personal_adviser = AdviserChoiceField(
        label=_("Who should be this parent's personal adviser?"),
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the new personal adviser"),
            "invalid_choice": _("Select a personal adviser from the list"),
        },
    )
    reason = forms.CharField(
        label=_("Why is the personal adviser changing?"),
        help_text=_("For example, the adviser is leaving, or the parent asked for someone else"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why the personal adviser is changing"),
            "max_length": _("Reason must be 500 characters or fewer"),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, council, current_adviser=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_adviser = current_adviser
        self.fields["personal_adviser"].current_adviser = current_adviser
        # Only this council's advisers: another council's cannot be chosen, even by a forged
        # form.
        self.fields["personal_adviser"].queryset = selectors.advisers_of(council).annotate(
            caseload_size=Count("caseload", filter=Q(caseload__council=council), distinct=True)
        )

    def clean_personal_adviser(self):
        adviser = self.cleaned_data["personal_adviser"]
        if self.current_adviser is not None and adviser.pk == self.current_adviser.pk:
            raise forms.ValidationError(
                _("%(name)s is already this parent's personal adviser. Select someone else."),
                params={"name": adviser.get_full_name()},
            )
        return adviser

    @classmethod
    def initial_for(cls, parent) -> dict:
        return {"personal_adviser": parent.personal_adviser_id, "version": parent.version}

    def record_fields(self) -> dict:
        return {"personal_adviser": self.cleaned_data["personal_adviser"]}
