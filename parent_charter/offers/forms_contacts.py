"""The council's contact details and its office hours for all seven days, changed together."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import Nation, Weekday, spans_by_day
from parent_charter.core.fields import VersionedEditForm, email_address, text
from parent_charter.core.forms import clean_uk_postcode

from . import services
from .forms import telephone

_TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def _day_key(day: Weekday) -> str:
    return day.name.lower()


class CouncilContactsForm(VersionedEditForm):
    """The council's contact details and its office hours for all seven days, saved together."""

    contact_field_names = services.CONTACT_FIELDS
    record_field_names = contact_field_names

    phone = telephone(_("Main telephone (optional)"))
    duty_phone = telephone(
        _("Duty worker telephone"), required=_("Enter the duty worker's telephone number")
    )
    out_of_hours_phone = telephone(
        _("Emergency duty team (out of hours) telephone"),
        required=_("Enter the emergency duty team's telephone number"),
    )
    email = email_address(_("Email (optional)"), autocomplete="email")
    address = text(
        _("Office address (optional)"),
        textarea=True,
        help_text=_("Without the postcode. Put each line of the address on a new line."),
    )
    # No max_length: the postcode is checked after spaces are tidied, in clean_postcode.
    postcode = text(_("Postcode (optional)"), width="govuk-input--width-10")
    welsh_required = forms.BooleanField(
        label=_("The council must offer its services in Welsh"),
        required=False,
        help_text=_("Councils in Wales have a duty to offer their services in Welsh."),
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        for day in Weekday:
            self._add_day_fields(day)

    def _add_day_fields(self, day: Weekday) -> None:
        key, name = _day_key(day), str(day.label)
        self.fields[f"{key}_open"] = forms.ChoiceField(
            label=day.label,
            choices=[("open", _("Open")), ("closed", _("Closed"))],
            widget=forms.RadioSelect(attrs={"inline": True}),
            error_messages={
                "required": _("Select whether the office is open on %(day)s") % {"day": name},
                "invalid_choice": _("Select whether the office is open on %(day)s") % {"day": name},
            },
        )
        for part, label, message in (
            ("opens_at", _("Opens on %(day)s"), _("Enter the time the office opens on %(day)s")),
            ("closes_at", _("Closes on %(day)s"), _("Enter the time the office closes on %(day)s")),
        ):
            self.fields[f"{key}_{part}"] = forms.TimeField(
                label=label % {"day": name},
                required=False,
                input_formats=_TIME_FORMATS,
                help_text=_("Use the 24-hour clock, for example 09:00 or 17:30"),
                widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
                error_messages={
                    "invalid": _("Enter a real time on %(day)s, like 09:00 or 17:30")
                    % {"day": name}
                },
            )
            # Remembered for clean(), where an open day's missing time is reported.
            self.fields[f"{key}_{part}"].missing_message = message % {"day": name}
        # An optional break (a lunch closure): the day is then kept as two opening spans.
        for part, label in (
            ("break_starts", _("Closes for a break on %(day)s (optional)")),
            ("break_ends", _("Opens again on %(day)s")),
        ):
            self.fields[f"{key}_{part}"] = forms.TimeField(
                label=label % {"day": name},
                required=False,
                input_formats=_TIME_FORMATS,
                widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
                error_messages={
                    "invalid": _("Enter a real time on %(day)s, like 09:00 or 17:30")
                    % {"day": name}
                },
            )

    @property
    def days(self) -> list[dict]:
        """Each weekday's three fields, for the template."""
        return [
            {
                "open": self[f"{_day_key(day)}_open"],
                "opens_at": self[f"{_day_key(day)}_opens_at"],
                "closes_at": self[f"{_day_key(day)}_closes_at"],
                "break_starts": self[f"{_day_key(day)}_break_starts"],
                "break_ends": self[f"{_day_key(day)}_break_ends"],
            }
            for day in Weekday
        ]

    def clean_postcode(self):
        return clean_uk_postcode(self.cleaned_data["postcode"])

    def clean(self):
        data = super().clean()
        if self.council.nation == Nation.WALES and not data.get("welsh_required"):
            self.add_error(
                "welsh_required",
                _("Councils in Wales must offer their services in Welsh, so this must stay ticked"),
            )
        for day in Weekday:
            self._clean_day(_day_key(day), data)
        return data

    def _clean_day(self, key: str, data: dict) -> None:
        opens_name, closes_name = f"{key}_opens_at", f"{key}_closes_at"
        starts_name, ends_name = f"{key}_break_starts", f"{key}_break_ends"
        if data.get(f"{key}_open") != "open":
            # Times typed for a closed day are ignored, and so are any mistakes in them.
            for name in (opens_name, closes_name, starts_name, ends_name):
                self._errors.pop(name, None)
                data[name] = None
            return
        self._clean_break(key, data)
        for name in (opens_name, closes_name):
            if name not in self._errors and data.get(name) is None:
                self.add_error(name, self.fields[name].missing_message)
        opens, closes = data.get(opens_name), data.get(closes_name)
        if opens is not None and closes is not None and closes <= opens:
            day = self.fields[f"{key}_open"].label
            self.add_error(
                closes_name,
                _("The time the office closes on %(day)s must be after the time it opens")
                % {"day": day},
            )

    def _clean_break(self, key: str, data: dict) -> None:
        starts_name, ends_name = f"{key}_break_starts", f"{key}_break_ends"
        if starts_name in self._errors or ends_name in self._errors:
            return
        starts, ends = data.get(starts_name), data.get(ends_name)
        day = self.fields[f"{key}_open"].label
        if starts is None and ends is None:
            return
        if starts is None or ends is None:
            missing = starts_name if starts is None else ends_name
            self.add_error(
                missing,
                _("Enter both times of the break on %(day)s, or neither") % {"day": day},
            )
            return
        opens, closes = data.get(f"{key}_opens_at"), data.get(f"{key}_closes_at")
        if ends <= starts:
            self.add_error(
                ends_name,
                _("The office must open again on %(day)s after the break starts") % {"day": day},
            )
        elif opens is not None and closes is not None and not opens < starts < ends < closes:
            self.add_error(
                starts_name,
                _("The break on %(day)s must be between the time the office opens and closes")
                % {"day": day},
            )

    def hours(self) -> dict[int, tuple]:
        """Weekday -> its opening spans ((opens, closes), ...); () when the office is closed.

        A break splits the day into two spans, before and after it.
        """
        result = {}
        for day in Weekday:
            key = _day_key(day)
            if self.cleaned_data[f"{key}_open"] != "open":
                result[day.value] = ()
                continue
            opens = self.cleaned_data[f"{key}_opens_at"]
            closes = self.cleaned_data[f"{key}_closes_at"]
            starts = self.cleaned_data.get(f"{key}_break_starts")
            ends = self.cleaned_data.get(f"{key}_break_ends")
            if starts and ends:
                result[day.value] = ((opens, starts), (ends, closes))
            else:
                result[day.value] = ((opens, closes),)
        return result

    @classmethod
    def initial_for(cls, council) -> dict:
        initial = super().initial_for(council)
        days = spans_by_day(council.office_hours.all())
        for day in Weekday:
            key, spans = _day_key(day), days.get(day.value, ())
            initial[f"{key}_open"] = "open" if spans else "closed"
            initial[f"{key}_opens_at"] = spans[0][0] if spans else None
            initial[f"{key}_closes_at"] = spans[-1][1] if spans else None
            # Two spans are a day with a break: the first closes when the break starts.
            two = len(spans) == 2
            initial[f"{key}_break_starts"] = spans[0][1] if two else None
            initial[f"{key}_break_ends"] = spans[1][0] if two else None
        return initial

    def compared_field_names(self) -> list[str]:
        names = list(self.contact_field_names)
        for day in Weekday:
            key = _day_key(day)
            names += [
                f"{key}_open",
                f"{key}_opens_at",
                f"{key}_closes_at",
                f"{key}_break_starts",
                f"{key}_break_ends",
            ]
        return names
