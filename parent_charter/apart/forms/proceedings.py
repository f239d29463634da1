"""The form for a court hearing or meeting about a child."""

from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import checkboxes, long_text, radios, record_choice

from ..models import Proceeding, ProceedingKind, Supporter
from .common import AddOrEditForm, ChildChoiceField, date_field, short_text


class ProceedingForm(AddOrEditForm):
    record_field_names = Proceeding.EDITABLE_FIELDS

    kind = radios(
        _("Kind of hearing or meeting"),
        ProceedingKind.choices,
        _("Select the kind of hearing or meeting"),
    )
    kind_other = short_text(
        _("If it is another meeting, what is it? (optional)"),
        too_long=_("What the meeting is must be 200 characters or fewer"),
    )
    child = record_choice(
        _("Which child is it about? (optional)"),
        invalid=_("Select a child from the list"),
        field_class=ChildChoiceField,
        empty_label=_("Not about one child"),
    )
    held_on = date_field(_("Date"), required_message=_("Enter the date of the hearing or meeting"))
    place = short_text(
        _("Where (optional)"),
        help_text=_("For example, Hereford Justice Centre"),
        too_long=_("Where must be 200 characters or fewer"),
    )
    supporters = checkboxes(
        _("Who goes with the parent in support?"),
        Supporter.choices,
        _("Select who goes with the parent"),
        required=False,
    )
    other_supporter = short_text(
        _("Name of the other supporter (optional)"),
        help_text=_("If the parent chose someone else, for example a friend or a relative"),
        too_long=_("The name must be 200 characters or fewer"),
    )
    outcome = long_text(
        _("Outcome (optional)"),
        help_text=_("What was decided, and what happens next"),
        too_long=_("The outcome must be 5000 characters or fewer"),
    )

    def __init__(self, *args, children, editing=False, **kwargs):
        super().__init__(*args, editing=editing, **kwargs)
        self.fields["child"].queryset = children

    def clean(self):
        cleaned = super().clean()
        self._check_range("held_on")
        other_kind = cleaned.get("kind") == ProceedingKind.OTHER
        unnamed = not cleaned.get("kind_other", "").strip()
        if other_kind and unnamed and "kind_other" not in self._errors:
            self.add_error("kind_other", _("Say what kind of meeting it is"))
        if Supporter.OTHER in cleaned.get("supporters", []):
            if (
                not cleaned.get("other_supporter", "").strip()
                and "other_supporter" not in self._errors
            ):
                self.add_error("other_supporter", _("Enter the name of the other supporter"))
        else:
            cleaned["other_supporter"] = ""
        if cleaned.get("kind") != ProceedingKind.OTHER:
            cleaned["kind_other"] = ""
        return cleaned

    def compared_field_names(self) -> list[str]:
        # The child is compared by record, which the conflict table cannot put into words.
        return [name for name in self.record_field_names if name != "child"]

    def record_fields(self) -> dict:
        fields = super().record_fields()
        fields["supporters"] = [
            value for value, _label in Supporter.choices if value in fields["supporters"]
        ]
        return fields
