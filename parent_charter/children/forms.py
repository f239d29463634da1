"""Forms for a child's record: what the forms share, and changing a child's details. Adding a
child is in `forms_add`, a change of circumstances in `forms_circumstances`.

Questions that follow from a radio option are only checked when that option is chosen: they
are always on the page (children/_conditional_radios.html says why), and what was typed under
an option not chosen must neither block the form nor be saved.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import VersionedEditForm, date_input
from parent_charter.core.forms import GovUKDateField

# A pregnancy lasts about 40 weeks; a due date further ahead than this is a typing mistake.
LONGEST_PREGNANCY = datetime.timedelta(weeks=44)
# A due date may have passed by a few weeks before anyone records the birth.
OVERDUE_ALLOWANCE = datetime.timedelta(weeks=8)
# How far a due date may be from the date of birth (very premature or late births).
DUE_DATE_SPREAD = datetime.timedelta(weeks=20)
OLDEST_CHILD_YEARS = 25


class ChildStatus:
    EXPECTED = "expected"
    BORN = "born"
    CHOICES = [(BORN, _("Yes, the baby has been born")), (EXPECTED, _("No, the baby is expected"))]


class OtherParentKind:
    SUPPORTED = "supported"
    NAMED = "named"
    NONE = "none"


class LivesWithWhich:
    THIS = "this"
    OTHER = "other"


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def first_name_field():
    return forms.CharField(
        label=_("First name (optional)"),
        help_text=_("Leave blank if the baby is not yet named"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
        error_messages={"max_length": _("First name must be 100 characters or fewer")},
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def check_date_of_birth(value: datetime.date, today: datetime.date) -> None:
    if value > today:
        raise forms.ValidationError(_("Date of birth must be today or in the past"))
    if value < _years_before(today, OLDEST_CHILD_YEARS):
        raise forms.ValidationError(_("Check the date of birth: the year looks too early"))


def check_due_date_of_expected(value: datetime.date, today: datetime.date) -> None:
    if value > today + LONGEST_PREGNANCY:
        raise forms.ValidationError(_("Due date must be within the next 10 months"))
    if value < today - OVERDUE_ALLOWANCE:
        raise forms.ValidationError(
            _(
                "Due date must be in the future or the last 8 weeks. If the baby has been born, "
                "enter the date of birth"
            )
        )


def check_due_date_of_born(due: datetime.date, born: datetime.date) -> None:
    if abs(due - born) > DUE_DATE_SPREAD:
        raise forms.ValidationError(_("Due date must be within 20 weeks of the date of birth"))


class ConditionalRadiosMixin:
    """Pairs each radio of a field with the fields revealed under it, for the template."""

    reveals: dict[str, dict[str, tuple[str, ...]]] = {}

    @cached_property
    def radio_groups(self) -> dict[str, list[tuple]]:
        """{field name: [(option, [revealed bound fields]), ...]} for each revealing field."""
        return {
            name: [
                (option, [self[field] for field in revealed.get(str(option.data["value"]), ())])
                for option in self[name]
            ]
            for name, revealed in self.reveals.items()
        }

    def _ignore_unchosen(self, name: str, chosen) -> None:
        """Forget errors and values of fields revealed only under radios not chosen."""
        per_value = self.reveals.get(name, {})
        keep = set(per_value.get(chosen, ()))
        for fields in per_value.values():
            for field in set(fields) - keep:
                self._errors.pop(field, None)
                empty = isinstance(self.fields[field], (GovUKDateField, forms.ModelChoiceField))
                self.cleaned_data[field] = None if empty else ""


class ChildForm(VersionedEditForm):
    """A child's own details. Recording the date of birth records the birth."""

    record_field_names = ("given_name", "due_date", "date_of_birth")

    given_name = first_name_field()
    due_date = date_input(
        _("Due date"), help_text=_("Optional once the baby is born. For example, 27 3 2027")
    )
    date_of_birth = date_input(
        _("Date of birth"), help_text=_("Enter it when the baby is born. For example, 27 3 2026")
    )

    def __init__(self, *args, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        today = timezone.localdate()
        born, due = cleaned.get("date_of_birth"), cleaned.get("due_date")
        if born is None:
            if self.child is not None and self.child.is_born:
                self.add_error("date_of_birth", _("Enter the date of birth: it cannot be removed"))
            elif due is None:
                self.add_error("due_date", _("Enter the due date, or the date of birth"))
            elif self._changed("due_date", due):
                self._run(check_due_date_of_expected, "due_date", due, today)
            return cleaned
        if self._changed("date_of_birth", born):
            self._run(check_date_of_birth, "date_of_birth", born, today)
        changed = self._changed("date_of_birth", born) or self._changed("due_date", due)
        if due is not None and changed and "date_of_birth" not in self._errors:
            self._run(check_due_date_of_born, "due_date", due, born)
        return cleaned

    def _changed(self, name, value) -> bool:
        # Dates already on the record are not checked again, so an old record stays editable.
        return self.child is None or getattr(self.child, name) != value

    def _run(self, check, name, value, other):
        try:
            check(value, other)
        except forms.ValidationError as error:
            self.add_error(name, error)
