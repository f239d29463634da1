"""GOV.UK-style form fields with their error messages, shared by every area's forms.

Each factory takes the words a person sees: the label, and the message said next to the field
when the answer is missing or wrong. A field with no "required" message is optional.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import ExpectedVersionField, FormTokenField, GovUKDateField

SELECT_AN_OPTION = _("Select an option")


class MultilineField(forms.CharField):
    """Text from a textarea, with browsers' CRLF line endings stored as plain newlines.

    Otherwise an address saved from a browser never equals the one stored, and every save
    would count it as changed.
    """

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


def radios(label, choices, message=None, *, required=None, **kwargs):
    """One choice from radio buttons. `message` is said when none (or an unknown one) is chosen.

    The field is required when a message is given, unless `required` says otherwise.
    """
    if required is None:
        required = message is not None
    message = message or SELECT_AN_OPTION
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def select(label, choices, message, **kwargs):
    """One choice from a drop-down list that starts at "Select one"."""
    return forms.ChoiceField(
        label=label,
        choices=[("", _("Select one")), *choices],
        widget=forms.Select,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def checkboxes(label, choices, message, *, required=True, **kwargs):
    """Any number of choices from checkboxes."""
    kwargs.setdefault("help_text", _("Select all that apply"))
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def text(
    label,
    *,
    required=None,
    max_length=None,
    too_long=None,
    textarea=False,
    rows=5,
    width=None,
    **kwargs,
):
    """Typed text. `required` is the message when it is empty (None: optional); `too_long` is
    the message past `max_length`. A textarea keeps line endings as plain newlines."""
    messages = {"required": required} if required else {}
    if max_length and too_long:
        messages["max_length"] = too_long
    if textarea:
        field_class, widget = MultilineField, forms.Textarea(attrs={"rows": rows})
    else:
        field_class = forms.CharField
        widget = forms.TextInput(attrs={"class": width} if width else None)
    return field_class(
        label=label,
        max_length=max_length,
        required=bool(required),
        widget=widget,
        error_messages=messages,
        **kwargs,
    )


# A long answer in a textarea: up to this many characters unless a form says otherwise.
LONG_TEXT = 5000


def long_text(label, *, too_long, rows=4, max_length=LONG_TEXT, **kwargs):
    """A textarea of `rows` rows for a long answer; `too_long` is the message past
    `max_length` characters. Other options as for `text`."""
    return text(label, max_length=max_length, too_long=too_long, textarea=True, rows=rows, **kwargs)


def whole_number(
    label, *, low, high, message, required=True, width="govuk-input--width-2", **kwargs
):
    """A number typed into a text box (GOV.UK advises against type=number). One message for
    every way it can be wrong, naming the range."""
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        required=required,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "spellcheck": "false", "class": width}
        ),
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
        **kwargs,
    )


def date_input(label, *, required=None, **kwargs):
    """A date typed as day, month and year (GOV.UK's date input). `required` is the message
    when it is left empty (None: optional); an example date belongs in `help_text`."""
    return GovUKDateField(
        label=label,
        required=bool(required),
        error_messages={"required": required} if required else {},
        **kwargs,
    )


def record_choice(label, *, invalid, required=None, field_class=forms.ModelChoiceField, **kwargs):
    """One of a council's records, chosen from a list the form fills in (`queryset`) and sent
    by its public_id. `required` is the message when none is chosen (None: optional);
    `invalid` is said when the one sent is not on the list. `field_class` may name the record
    in the list its own way."""
    messages = {"required": required} if required else {}
    return field_class(
        label=label,
        queryset=None,
        required=bool(required),
        to_field_name="public_id",
        error_messages={**messages, "invalid_choice": invalid},
        **kwargs,
    )


def email_address(label, *, too_long=None, autocomplete=None, **kwargs):
    """An optional email address, never spell-checked. `too_long` is the message past 254
    characters; `autocomplete` says what a browser may fill in."""
    attrs = {"spellcheck": "false"}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return forms.EmailField(
        label=label,
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs=attrs),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": too_long or _("Email must be 254 characters or fewer"),
        },
        **kwargs,
    )


class VersionedEditForm(forms.Form):
    """A form that changes one stored record, carrying the version its editor started from
    (docs/adr/0008). `record_field_names` are the model fields the form edits, by the same name.
    """

    record_field_names: tuple[str, ...] = ()

    version = ExpectedVersionField()

    @property
    def expected_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    def record_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.record_field_names}

    @classmethod
    def initial_for(cls, record) -> dict:
        initial = {name: getattr(record, name) for name in cls.record_field_names}
        return {**initial, "version": record.version}


class AddOrEditForm(VersionedEditForm):
    """One form that both adds a record, with a one-time token so that sending it twice adds it
    once, and edits one, with the version its editor started from. `adding` says which."""

    form_token = FormTokenField()

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding
        if adding:
            del self.fields["version"]
        else:
            del self.fields["form_token"]
