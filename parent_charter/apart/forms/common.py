"""What the living-apart forms share: text lengths, a date field with its plausibility checks,
a child chooser, and the add-or-change form every record's form is built on."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.children.selectors import child_label
from parent_charter.core.fields import VersionedEditForm, date_input, long_text, text
from parent_charter.core.forms import FormTokenField

EARLIEST = datetime.date(2000, 1, 1)
# Contact and hearings are planned months ahead, rarely years; further is a typing mistake.
FURTHEST_AHEAD = datetime.timedelta(days=2 * 366)
SHORT_TEXT = 200

DATE_HINT = _("For example, 27 3 2026")


def short_text(label, *, too_long, **kwargs):
    """Up to SHORT_TEXT characters in a text box; `too_long` is said past that."""
    return text(label, max_length=SHORT_TEXT, too_long=too_long, **kwargs)


def notes_field(help_text=""):
    """The optional notes most records keep."""
    return long_text(
        _("Notes (optional)"),
        help_text=help_text,
        too_long=_("Notes must be 5000 characters or fewer"),
    )


def date_field(label, *, required_message=None, help_text=DATE_HINT):
    return date_input(label, required=required_message, help_text=help_text)


def _today() -> datetime.date:
    return timezone.localdate()


class DateChecks:
    """Shared checks that a date is plausible, added next to the field that holds it."""

    def _check_range(self, name, *, past_only=False, future_limit=True):
        value = self.cleaned_data.get(name)
        if value is None or name in self._errors:
            return
        today = _today()
        if value < EARLIEST:
            self.add_error(name, _("The date must be in or after the year 2000"))
        elif past_only and value > today:
            self.add_error(name, _("The date must be today or in the past"))
        elif future_limit and value > today + FURTHEST_AHEAD:
            self.add_error(name, _("The date must be within the next 2 years"))

    def _check_order(self, earlier, later, message):
        first, second = self.cleaned_data.get(earlier), self.cleaned_data.get(later)
        if first and second and second < first and later not in self._errors:
            self.add_error(later, message)


class ChildChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return child_label(obj)


class AddOrEditForm(DateChecks, VersionedEditForm):
    """One form both adds a record (sent once, by its one-time token) and changes it (at the
    version its editor started from). `record_fields()` holds the record fields on the form."""

    form_token = FormTokenField()

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        del self.fields["form_token" if editing else "version"]

    def record_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.record_field_names if name in self.fields
        }
