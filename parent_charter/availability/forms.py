"""Forms for a member of staff's working week and leave."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import Weekday, phone_validator, spans_by_day
from parent_charter.core.fields import VersionedEditForm, date_input
from parent_charter.core.forms import FormTokenField

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
LONGEST_ABSENCE = datetime.timedelta(days=366)


def _day_key(weekday: int) -> str:
    return Weekday(weekday).name.lower()


def _validate_phone(value: str) -> None:
    phone_validator(value)
    if len(value) > 20:
        raise forms.ValidationError(phone_validator.message, code="invalid")


class WorkingPatternForm(VersionedEditForm):
    """A member of staff's usual week: for each day, whether they work and their hours."""

    work_phone = forms.CharField(
        label=_("Work telephone (optional)"),
        help_text=_(
            "The number parents can reach you on at work. Without one, parents are given the "
            "leaving care team's main number."
        ),
        required=False,
        validators=[_validate_phone],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day in Weekday:
            self._add_day(day)

    def _add_day(self, day: Weekday) -> None:
        key, name = _day_key(day.value), str(day.label)
        message = _("Select whether you work on %(day)s") % {"day": name}
        self.fields[f"{key}_works"] = forms.ChoiceField(
            label=day.label,
            choices=[("yes", _("Working")), ("no", _("Not working"))],
            widget=forms.RadioSelect(attrs={"inline": True}),
            error_messages={"required": message, "invalid_choice": message},
        )
        for part, label, missing in (
            ("starts_at", _("Starts on %(day)s"), _("Enter the time you start on %(day)s")),
            ("ends_at", _("Finishes on %(day)s"), _("Enter the time you finish on %(day)s")),
        ):
            field = forms.TimeField(
                label=label % {"day": name},
                required=False,
                input_formats=TIME_FORMATS,
                help_text=_("Use the 24-hour clock, for example 09:00 or 17:30"),
                widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
                error_messages={
                    "invalid": _("Enter a real time on %(day)s, like 09:00 or 17:30")
                    % {"day": name}
                },
            )
            field.missing_message = missing % {"day": name}
            self.fields[f"{key}_{part}"] = field

    @property
    def days(self) -> list[dict]:
        return [
            {
                "works": self[f"{_day_key(day)}_works"],
                "starts_at": self[f"{_day_key(day)}_starts_at"],
                "ends_at": self[f"{_day_key(day)}_ends_at"],
            }
            for day in Weekday
        ]

    def clean(self):
        data = super().clean()
        for day in Weekday:
            self._clean_day(_day_key(day), data)
        return data

    def _clean_day(self, key: str, data: dict) -> None:
        starts, ends = f"{key}_starts_at", f"{key}_ends_at"
        if data.get(f"{key}_works") != "yes":
            # Times typed for a day off are ignored, and so are any mistakes in them.
            for name in (starts, ends):
                self._errors.pop(name, None)
                data[name] = None
            return
        for name in (starts, ends):
            if name not in self._errors and data.get(name) is None:
                self.add_error(name, self.fields[name].missing_message)
        if data.get(starts) and data.get(ends) and data[ends] <= data[starts]:
            self.add_error(
                ends,
                _("The time you finish on %(day)s must be after the time you start")
                % {"day": self.fields[f"{key}_works"].label},
            )

    def record_fields(self) -> dict:
        days = {}
        for day in Weekday:
            key = _day_key(day)
            works = self.cleaned_data[f"{key}_works"] == "yes"
            days[day.value] = (
                (self.cleaned_data[f"{key}_starts_at"], self.cleaned_data[f"{key}_ends_at"])
                if works
                else None
            )
        return {"work_phone": self.cleaned_data["work_phone"].strip(), "days": days}

    @classmethod
    def initial_for(cls, pattern) -> dict:
        rows = {row.weekday: (row.starts_at, row.ends_at) for row in pattern.days.all()}
        return {"version": pattern.version, "work_phone": pattern.work_phone, **_days(rows)}

    @classmethod
    def initial_from_office(cls, council) -> dict:
        """A first pattern starts from the office hours: most staff work them."""
        # A day closed for lunch starts as one working day, from opening to closing.
        spans = spans_by_day(council.office_hours.all())
        return _days({day: (times[0][0], times[-1][1]) for day, times in spans.items()})

    def compared_field_names(self) -> list[str]:
        names = ["work_phone"]
        for day in Weekday:
            key = _day_key(day)
            names += [f"{key}_works", f"{key}_starts_at", f"{key}_ends_at"]
        return names


def _days(rows: dict) -> dict:
    initial = {}
    for day in Weekday:
        key, hours = _day_key(day), rows.get(day.value)
        initial[f"{key}_works"] = "yes" if hours else "no"
        initial[f"{key}_starts_at"] = hours[0] if hours else None
        initial[f"{key}_ends_at"] = hours[1] if hours else None
    return initial


class AbsenceForm(forms.Form):
    """Days away from work: a parent is sent to the duty worker on these days."""

    form_token = FormTokenField()
    first_day = date_input(
        _("First day away"),
        required=_("Enter the first day you are away"),
        help_text=_("For example, 27 3 2027"),
    )
    last_day = date_input(
        _("Last day away"),
        required=_("Enter the last day you are away"),
        help_text=_("The same as the first day if you are away for one day"),
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first is None or last is None:
            return data
        if last < first:
            self.add_error("last_day", _("The last day away must be on or after the first day"))
        elif last < timezone.localdate():
            self.add_error("last_day", _("The last day away must be today or in the future"))
        elif last - first > LONGEST_ABSENCE:
            self.add_error("last_day", _("Record leave of up to a year at a time"))
        return data


class RemoveAbsenceForm(forms.Form):
    absence = forms.UUIDField(widget=forms.HiddenInput)
