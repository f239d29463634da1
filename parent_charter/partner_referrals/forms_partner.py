"""Forms for the partner's side of a referral: its next status (recorded by the partner, or by
the adviser for them), how the support is given, and the contacts logged.

Every refusal is a message next to the field: a status that can no longer follow the current
one, a date in the future.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.children.forms import ConditionalRadiosMixin
from parent_charter.core.fields import VersionedEditForm, long_text, radios
from parent_charter.core.forms import FormTokenField, GovUKDateField
from parent_charter.offers.models import DeliveryPlace, SupportForm, SupportGiver

from .forms import SHORT_NOTE
from .models import ContactMethod, DeliveryFrequency, Outcome, Status

# How each status reads as an answer to "What has happened?".
STATUS_CHOICE_LABELS = {
    Status.RECEIVED: _("Received: it will be looked at soon"),
    Status.ACCEPTED: _("Accepted: support can be offered"),
    Status.DECLINED: _("Declined: support cannot be offered"),
    Status.STARTED: _("Started: support has begun"),
    Status.ENDED: _("Ended: support has finished or stopped"),
}


class StatusForm(ConditionalRadiosMixin, forms.Form):
    """The next step of a referral: only the steps that may follow its current status."""

    reveals = {"status": {Status.DECLINED: ("reason",), Status.ENDED: ("outcome",)}}

    status = radios(_("What has happened?"), [], _("Select what has happened"))
    reason = long_text(
        _("Why can it not be offered?"),
        too_long=_("The reason must be 5000 characters or fewer"),
        help_text=_("The parent's adviser and the parent will see this"),
    )
    outcome = radios(
        _("What was the outcome?"), Outcome.choices, _("Select the outcome"), required=False
    )
    note = long_text(_("Note (optional)"), too_long=_("The note must be 5000 characters or fewer"))

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        field = self.fields["status"]
        field.choices = [(value, STATUS_CHOICE_LABELS[value]) for value in referral.next_statuses]
        field.error_messages["invalid_choice"] = _(
            "The referral is now “%(status)s”, so that is no longer possible. Choose again."
        ) % {"status": referral.get_status_display()}

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        self._ignore_unchosen("status", status)
        missing_reason = not cleaned.get("reason", "").strip() and "reason" not in self.errors
        if status == Status.DECLINED and missing_reason:
            self.add_error("reason", _("Enter why support cannot be offered"))
        if status == Status.ENDED and not cleaned.get("outcome") and "outcome" not in self.errors:
            self.add_error("outcome", _("Select the outcome"))
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "reason": data.get("reason") or "",
            "outcome": data.get("outcome") or "",
            "note": data.get("note") or "",
        }


def _limited(choices_class, offered: list[str], current: str = "") -> list[tuple[str, str]]:
    """The programme's own options (all when it names none), and the value saved already."""
    wanted = set(offered or choices_class.values) | ({current} if current else set())
    return [(value, label) for value, label in choices_class.choices if value in wanted]


class DeliveryForm(VersionedEditForm):
    """How the programme's support is given: what, by whom, where and how often."""

    record_field_names = ("support_form", "support_giver", "place", "frequency", "worker_name")

    support_form = radios(_("What kind of support?"), [], _("Select the kind of support"))
    support_giver = radios(_("Who gives it?"), [], _("Select who gives the support"))
    place = radios(_("Where?"), [], _("Select where the support happens"))
    frequency = radios(_("How often?"), DeliveryFrequency.choices, _("Select how often"))
    worker_name = forms.CharField(
        label=_("First name of the volunteer or worker (optional)"),
        max_length=100,
        help_text=_("So the parent's adviser knows who to ask"),
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
        required=False,
        error_messages={"max_length": _("Name must be 100 characters or fewer")},
    )

    def __init__(self, *args, programme, delivery=None, **kwargs):
        super().__init__(*args, **kwargs)

        def current(name):
            return getattr(delivery, name, "") if delivery is not None else ""

        self.fields["support_form"].choices = _limited(
            SupportForm, programme.support_forms, current("support_form")
        )
        self.fields["support_giver"].choices = _limited(
            SupportGiver, programme.support_givers, current("support_giver")
        )
        self.fields["place"].choices = _limited(
            DeliveryPlace, programme.delivery_places, current("place")
        )

    @classmethod
    def initial_for(cls, delivery) -> dict:
        if delivery is None or not delivery.pk:
            return {"version": 0}
        return super().initial_for(delivery)


class ContactForm(forms.Form):
    """One contact with the parent: when, how, how long, and a short note."""

    form_token = FormTokenField()
    on = GovUKDateField(
        label=_("Date of the contact"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date of the contact")},
    )
    method = radios(_("How did you meet or talk?"), ContactMethod.choices, _("Select how"))
    duration_minutes = forms.IntegerField(
        label=_("How long did it last, in minutes?"),
        min_value=1,
        max_value=600,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input--width-4", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Enter how long the contact lasted, in minutes"),
            "invalid": _("Enter how long the contact lasted as a number of minutes, like 45"),
            "min_value": _("How long it lasted must be at least 1 minute"),
            "max_value": _("How long it lasted must be 600 minutes (10 hours) or fewer"),
        },
    )
    note = long_text(
        _("Short note (optional)"),
        max_length=SHORT_NOTE,
        too_long=_("The note must be 1000 characters or fewer"),
        help_text=_("For example, what you did together. The parent's adviser will see it."),
        rows=3,
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of the contact must be today or in the past"))
        sent_on = timezone.localdate(self.referral.created_at)
        if value < sent_on:
            raise forms.ValidationError(
                _("The date of the contact must be on or after the referral was sent")
            )
        return value

    def service_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("on", "method", "duration_minutes", "note")
        }
