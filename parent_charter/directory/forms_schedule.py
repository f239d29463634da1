"""The form for a service's opening times: regular (weekly or monthly) or a dated exception."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import AddOrEditForm, checkboxes, radios, select
from parent_charter.core.forms import GovUKDateField

from . import opening
from .forms import text

_TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%H:%M:%S"]


def _time(label, missing):
    field = forms.TimeField(
        label=label,
        required=False,
        input_formats=_TIME_FORMATS,
        help_text=_("Use the 24-hour clock, for example 09:00 or 17:30"),
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": _("Enter a real time, like 09:00 or 17:30")},
    )
    field.missing_message = missing
    return field


KIND_WEEKLY, KIND_MONTHLY, KIND_CLOSED, KIND_SPECIAL = "weekly", "monthly", "closed", "special"
WEEK_OF_MONTH = [
    ("1", _("First")),
    ("2", _("Second")),
    ("3", _("Third")),
    ("4", _("Fourth")),
    ("-1", _("Last")),
]
DAYS = [(code, name) for code, name in zip(opening.DAY_CODES, opening.DAY_NAMES, strict=True)]


class ScheduleForm(AddOrEditForm):
    """Regular opening (weekly or monthly) or a dated exception, as the profile records them."""

    kind = radios(
        _("What kind of opening time is this?"),
        [
            (KIND_WEEKLY, _("Open on the same days every week (or every other week)")),
            (KIND_MONTHLY, _("Open on one day each month, such as the first Tuesday")),
            (KIND_CLOSED, _("Closed on particular dates, such as over Christmas")),
            (KIND_SPECIAL, _("Open at different times on particular dates")),
        ],
        _("Select what kind of opening time this is"),
    )
    days = checkboxes(
        _("Days of the week (every week)"), DAYS, _("Select days from the list"), required=False
    )
    every_other_week = forms.BooleanField(
        label=_("Only every other week"),
        required=False,
        help_text=_("Give the first date it opens below, so the right weeks are counted"),
    )
    month_week = select(
        _("Which week of the month (every month)"),
        WEEK_OF_MONTH,
        _("Select which week of the month"),
        required=False,
    )
    month_day = select(_("Which day of that week"), DAYS, _("Select which day"), required=False)
    opens_at = _time(_("Opens at"), _("Enter the time it opens"))
    closes_at = _time(_("Closes at"), _("Enter the time it closes"))
    valid_from = GovUKDateField(
        label=_("First date"),
        required=False,
        help_text=_(
            "For dates when it is closed or opens differently: the first such date. "
            "For regular opening: when these times start (optional). For example, 24 12 2026"
        ),
    )
    valid_to = GovUKDateField(
        label=_("Last date (optional)"),
        required=False,
        help_text=_("Leave empty for a single date, or for regular opening with no end date"),
    )
    description = text(
        _("Note for the public (optional)"),
        textarea=True,
        help_text=_("For example, Closed over Christmas and New Year"),
    )
    description_cy = text(_("Note for the public, in Welsh (optional)"), textarea=True)

    FORM_FIELDS = (
        "kind",
        "days",
        "every_other_week",
        "month_week",
        "month_day",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
        "description",
        "description_cy",
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == KIND_WEEKLY and not data.get("days") and "days" not in self.errors:
            self.add_error("days", _("Select at least one day of the week"))
        if kind == KIND_WEEKLY and data.get("every_other_week") and not data.get("valid_from"):
            self.add_error(
                "valid_from", _("Enter the first date it opens, so every other week can be counted")
            )
        if kind == KIND_MONTHLY:
            if not data.get("month_week") and "month_week" not in self.errors:
                self.add_error("month_week", _("Select which week of the month"))
            if not data.get("month_day") and "month_day" not in self.errors:
                self.add_error("month_day", _("Select which day"))
        needs_date = kind in (KIND_CLOSED, KIND_SPECIAL) and not data.get("valid_from")
        if needs_date and "valid_from" not in self.errors:
            self.add_error("valid_from", _("Enter the first date"))
        if kind != KIND_CLOSED:
            for name in ("opens_at", "closes_at"):
                if name not in self.errors and data.get(name) is None and kind:
                    self.add_error(name, self.fields[name].missing_message)
            opens, closes = data.get("opens_at"), data.get("closes_at")
            if opens is not None and closes is not None and opens == closes:
                self.add_error(
                    "closes_at", _("The closing time must be different from the opening time")
                )
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error(
                "valid_to", _("The last date must be the same as or after the first date")
            )
        return data

    def record_fields(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        fields = {
            "freq": "",
            "interval": None,
            "dtstart": None,
            "byday": "",
            "bymonthday": "",
            "opens_at": data["opens_at"] if kind != KIND_CLOSED else None,
            "closes_at": data["closes_at"] if kind != KIND_CLOSED else None,
            "valid_from": data["valid_from"],
            "valid_to": data["valid_to"],
            "description": data["description"],
            "description_cy": data["description_cy"],
        }
        if kind == KIND_WEEKLY:
            fields["freq"] = "WEEKLY"
            fields["byday"] = ",".join(code for code in opening.DAY_CODES if code in data["days"])
            if data["every_other_week"]:
                fields["interval"] = 2
                fields["dtstart"] = data["valid_from"]
        elif kind == KIND_MONTHLY:
            fields["freq"] = "MONTHLY"
            fields["byday"] = f"{data['month_week']}{data['month_day']}"
        else:
            fields["valid_to"] = data["valid_to"] or data["valid_from"]
        return fields

    def compared_field_names(self) -> list[str]:
        return list(self.FORM_FIELDS)

    @classmethod
    def initial_for(cls, schedule) -> dict:
        initial = {
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "valid_from": schedule.valid_from,
            "valid_to": schedule.valid_to,
            "description": schedule.description,
            "description_cy": schedule.description_cy,
            "days": [],
            "every_other_week": False,
            "month_week": "",
            "month_day": "",
            "version": schedule.version,
        }
        parsed = opening.parse_byday(schedule.byday)
        if schedule.is_exception:
            initial["kind"] = KIND_CLOSED if schedule.opens_at is None else KIND_SPECIAL
        elif schedule.freq == "MONTHLY":
            initial["kind"] = KIND_MONTHLY
            if parsed and parsed[0][0] is not None:
                initial["month_week"] = str(parsed[0][0])
                initial["month_day"] = opening.DAY_CODES[parsed[0][1]]
        else:
            initial["kind"] = KIND_WEEKLY
            initial["days"] = [opening.DAY_CODES[weekday] for _ordinal, weekday in parsed]
            initial["every_other_week"] = (schedule.interval or 1) == 2
        return initial
