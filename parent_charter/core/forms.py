"""GOV.UK Design System form rendering: a form renderer, its bound field and a date field.

With FORM_RENDERER set to GovUKFormRenderer, ordinary Django fields and widgets render as
GOV.UK form groups through `{{ form }}` and `{{ form.field.as_field_group }}`.
"""

import datetime
import re

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input
from django.utils.translation import gettext_lazy as _

DATE_PARTS = ("day", "month", "year")

# Widget class -> (class, error class). First match wins, so subclasses come before parents.
_WIDGET_CLASSES = (
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.RadioSelect, "", ""),  # also CheckboxSelectMultiple: styled by their templates
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (Input, "govuk-input", "govuk-input--error"),
)


class GovUKBoundField(forms.BoundField):
    """Adds GOV.UK classes and GOV.UK's `-hint`/`-error` ids to every rendered widget."""

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        # GOV.UK services turn browser validation off: its messages are neither GOV.UK style
        # nor translated, so every error comes from the server.
        attrs.pop("required", None)
        if isinstance(widget, GovUKDateInput) and self.errors:
            attrs["error_parts"] = self.date_error_parts
        if widget.is_hidden:
            return attrs
        if isinstance(widget, forms.EmailInput):
            # Phones must not capitalise or "correct" an address (accounts.emails).
            attrs.setdefault("autocapitalize", "none")
            attrs.setdefault("spellcheck", "false")
        for widget_class, css_class, error_class in _WIDGET_CLASSES:
            if isinstance(widget, widget_class):
                classes = [css_class, error_class if self.errors else ""]
                # Caller's classes (e.g. govuk-input--width-10) would otherwise replace ours.
                classes += [widget.attrs.get("class", ""), attrs.get("class", "")]
                if joined := " ".join(c for c in classes if c):
                    attrs["class"] = joined
                break
        return attrs

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(self.hint_id)
            if self.errors:
                ids.append(self.error_id)
        return " ".join(ids)

    @property
    def hint_id(self):
        return f"{self.auto_id}-hint"

    @property
    def error_id(self):
        return f"{self.auto_id}-error"

    @property
    def is_date_input(self):
        return isinstance(self.field.widget, GovUKDateInput)

    @property
    def is_checkbox(self):
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def date_error_parts(self):
        """Which of day, month and year to highlight: all of them unless the error says."""
        parts = set()
        for error in self.errors.as_data():
            parts.update((error.params or {}).get("parts", DATE_PARTS))
        return [part for part in DATE_PARTS if part in parts]

    @property
    def error_target_id(self):
        """The input an error summary link should focus (the first one for groups)."""
        widget = self.field.widget
        if isinstance(widget, GovUKDateInput):
            first = (self.date_error_parts or DATE_PARTS)[0]
            return f"{self.auto_id}_{DATE_PARTS.index(first)}"
        if isinstance(widget, forms.RadioSelect):  # also CheckboxSelectMultiple
            return widget.id_for_label(self.auto_id, "0")
        return self.id_for_label or self.auto_id


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovUKBoundField

    # Django's widgets keep their classes; only their markup is swapped for GOV.UK's.
    widget_templates = {
        "django/forms/widgets/radio.html": "govuk/widgets/radios.html",
        "django/forms/widgets/checkbox_select.html": "govuk/widgets/checkboxes.html",
    }

    def get_template(self, template_name):
        return super().get_template(self.widget_templates.get(template_name, template_name))


class GovUKDateInput(forms.MultiWidget):
    """GOV.UK date input: day, month and year as three numeric text boxes."""

    template_name = "govuk/widgets/date_input.html"
    labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric"}
        super().__init__({part: forms.TextInput(numeric) for part in DATE_PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        error_parts = attrs.pop("error_parts", ())
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            sub_attrs = subwidget["attrs"]
            has_error = part in error_parts
            width = "govuk-input--width-4" if part == "year" else "govuk-input--width-2"
            sub_attrs["class"] = " ".join(
                ["govuk-input", "govuk-date-input__input", width]
                + (["govuk-input--error"] if has_error else [])
            )
            sub_attrs.pop("required", None)
            if not has_error:
                sub_attrs.pop("aria-invalid", None)
            subwidget["label"] = self.labels[part]
        return context


class GovUKDateField(forms.MultiValueField):
    """A date entered as day, month and year, with GOV.UK's error messages."""

    widget = GovUKDateInput
    default_error_messages = {
        "required": _("Enter a date"),
        "invalid": _("Enter a real date"),
        "year_length": _("Year must include 4 numbers"),
        "year_range": _("Enter a year between %(first)s and %(last)s"),
    }
    # Years a person's record can sensibly hold. Beyond them, adding a few days to the date
    # (a due date, a next contact) would overflow Python's dates, and no one means them.
    first_year, last_year = 1900, 2100
    # Keyed by the missing parts, in order; whole sentences so Welsh can reorder them.
    incomplete_messages = {
        ("day",): _("Date must include a day"),
        ("month",): _("Date must include a month"),
        ("year",): _("Date must include a year"),
        ("day", "month"): _("Date must include a day and month"),
        ("day", "year"): _("Date must include a day and year"),
        ("month", "year"): _("Date must include a month and year"),
    }

    def __init__(self, **kwargs):
        parts = [forms.CharField(required=False, strip=True) for _part in DATE_PARTS]
        super().__init__(parts, require_all_fields=False, **kwargs)

    def clean(self, value):
        if self.disabled and not isinstance(value, (list, tuple)):
            value = self.widget.decompress(value)
        values = [str(v).strip() if v is not None else "" for v in (value or ["", "", ""])]
        if not any(values):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        missing = tuple(part for part, v in zip(DATE_PARTS, values, strict=True) if not v)
        if missing:
            raise forms.ValidationError(
                self.incomplete_messages[missing], code="incomplete", params={"parts": missing}
            )
        day, month, year = values
        # Only ASCII digits: str.isdigit() also accepts "²" and other scripts' digits.
        if not all(v.isascii() and v.isdigit() for v in values):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4:
            raise forms.ValidationError(
                self.error_messages["year_length"], code="year_length", params={"parts": ["year"]}
            )
        if not self.first_year <= int(year) <= self.last_year:
            raise forms.ValidationError(
                self.error_messages["year_range"],
                code="year_range",
                params={"parts": ["year"], "first": self.first_year, "last": self.last_year},
            )
        # A day or month of any length is read (a huge one must not overflow into an error
        # page): anything that is not a day of the calendar is "not a real date".
        try:
            out = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        self.validate(out)
        self.run_validators(out)
        return out

    def compress(self, data_list):
        # clean() above does the work; has_changed() and friends still call this.
        if not data_list or not all(data_list):
            return None
        day, month, year = data_list
        try:
            return datetime.date(int(year), int(month), int(day))
        except (TypeError, ValueError, OverflowError):
            return None


_LARGEST_VERSION = 2**31 - 1
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")


class ExpectedVersionField(forms.IntegerField):
    """The version an editor started from, sent back in a hidden input (docs/adr/0008).

    Anything unreadable (missing, tampered, too large for the database) becomes None, which
    the views treat as version 0: no record has it, so the save is refused as a conflict and
    the editor sees what is stored now. A hidden input can never show an error of its own.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        try:
            number = super().to_python(value)
        except forms.ValidationError:
            return None
        if number is None or not 0 < number <= _LARGEST_VERSION:
            return None
        return number


class FormTokenField(forms.UUIDField):
    """An add form's one-time token. An unreadable token counts as none: a new one is made."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None


def clean_uk_postcode(raw: str) -> str:
    """A UK postcode in its standard form ("hr12bt" becomes "HR1 2BT"); empty stays empty."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    if not compact:
        return ""
    if not _POSTCODE.match(compact):
        raise forms.ValidationError(_("Enter a real postcode, like SW1A 1AA"))
    return f"{compact[:-3]} {compact[-3:]}"
