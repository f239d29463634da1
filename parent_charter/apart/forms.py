"""Forms of the living-apart pages. Each error is shown next to its field, in GOV.UK words."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parent_charter.children.selectors import child_label
from parent_charter.core.forms import ExpectedVersionField, FormTokenField, GovUKDateField

from .models import (
    ContactArrangement,
    ContactKind,
    CostKind,
    Frequency,
    GriefAnswer,
    GriefSupportKind,
    ProceedingKind,
    SessionOutcome,
    Supporter,
)
from .receipts import MAX_RECEIPT_BYTES, check_receipt

EARLIEST = datetime.date(2000, 1, 1)
# Contact and hearings are planned months ahead, rarely years; further is a typing mistake.
FURTHEST_AHEAD = datetime.timedelta(days=2 * 366)
LARGEST_CLAIM = Decimal("10000.00")
SHORT_TEXT = 200
LONG_TEXT = 5000


def _radios(label, choices, *, required_message, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
        **kwargs,
    )


def _short(label, *, required_message=None, help_text="", too_long):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required_message is not None,
        max_length=SHORT_TEXT,
        error_messages={
            **({"required": required_message} if required_message else {}),
            "max_length": too_long,
        },
    )


def _long(label, *, required_message=None, help_text="", too_long):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required_message is not None,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            **({"required": required_message} if required_message else {}),
            "max_length": too_long,
        },
    )


DATE_HINT = _("For example, 27 3 2026")


def _date(label, *, required_message=None, help_text=DATE_HINT):
    field = GovUKDateField(label=label, help_text=help_text, required=required_message is not None)
    if required_message:
        field.error_messages["required"] = required_message
    return field


def _today() -> datetime.date:
    return timezone.localdate()


class _DateChecks:
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


class _Versioned:
    @property
    def expected_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    def record_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.record_field_names}


class ChildChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return child_label(obj)


# --- Contact arrangements -------------------------------------------------------------------


class ArrangementForm(_DateChecks, _Versioned, forms.Form):
    """A contact arrangement. Adding one chooses the child; changing one may end it."""

    record_field_names = (
        "kind",
        "frequency",
        "next_date",
        "next_place",
        "arranged_by",
        "started_on",
        "ended_on",
        "notes",
    )

    form_token = FormTokenField()
    version = ExpectedVersionField()
    child = ChildChoiceField(
        label=_("Which child?"),
        queryset=None,
        to_field_name="public_id",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Select the child"),
            "invalid_choice": _("Select the child"),
        },
    )
    kind = _radios(
        _("Kind of contact"), ContactKind.choices, required_message=_("Select the kind of contact")
    )
    frequency = _radios(
        _("How often"), Frequency.choices, required_message=_("Select how often contact happens")
    )
    next_date = _date(
        _("Next date (optional)"),
        help_text=_("The next visit or call. For letter-box, record each letter below instead"),
    )
    next_place = _short(
        _("Where (optional)"),
        help_text=_("For example, the family centre, or 'video call'"),
        too_long=_("Where must be 200 characters or fewer"),
    )
    arranged_by = _short(
        _("Who supervises or arranges it (optional)"),
        help_text=_("For example, the contact centre, or the child's social worker"),
        too_long=_("Who supervises or arranges it must be 200 characters or fewer"),
    )
    started_on = _date(_("Started (optional)"))
    ended_on = _date(
        _("Ended (optional)"),
        help_text=_("Only if this arrangement has stopped. It is kept on the record"),
    )
    notes = _long(_("Notes (optional)"), too_long=_("Notes must be 5000 characters or fewer"))

    def __init__(self, *args, children=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing:
            del self.fields["child"]
            del self.fields["form_token"]
        else:
            self.fields["child"].queryset = children
            del self.fields["version"]
            del self.fields["ended_on"]

    def clean(self):
        cleaned = super().clean()
        self._check_range("next_date")
        self._check_range("started_on", future_limit=True)
        if "ended_on" in self.fields:
            self._check_range("ended_on", past_only=True)
            self._check_order(
                "started_on", "ended_on", _("The end date must be on or after the start date")
            )
            ended, next_date = cleaned.get("ended_on"), cleaned.get("next_date")
            if ended and next_date and next_date > ended and "next_date" not in self._errors:
                self.add_error(
                    "next_date",
                    _("An arrangement that has ended has no next date. Remove the next date"),
                )
        return cleaned

    @classmethod
    def initial_for(cls, arrangement: ContactArrangement) -> dict:
        return {name: getattr(arrangement, name) for name in cls.record_field_names} | {
            "version": arrangement.version
        }

    def record_fields(self) -> dict:
        fields = {
            name: self.cleaned_data[name] for name in self.record_field_names if name in self.fields
        }
        for name in ("next_place", "arranged_by", "notes"):
            fields[name] = fields[name].strip()
        return fields


class SessionForm(_DateChecks, forms.Form):
    form_token = FormTokenField()
    held_on = _date(_("Date of the session"), required_message=_("Enter the date of the session"))
    outcome = _radios(
        _("What happened?"),
        SessionOutcome.choices,
        required_message=_("Select what happened"),
    )
    notes = _long(
        _("Notes (optional)"),
        help_text=_("How it went, or why it was cancelled"),
        too_long=_("Notes must be 5000 characters or fewer"),
    )

    def clean(self):
        cleaned = super().clean()
        # A cancellation may be known in advance; a session cannot have taken place yet.
        took_place = cleaned.get("outcome") == SessionOutcome.ATTENDED
        self._check_range("held_on", past_only=took_place)
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"held_on": data["held_on"], "outcome": data["outcome"], "notes": data["notes"]}


# --- Letter-box -----------------------------------------------------------------------------


class ExchangeForm(_DateChecks, _Versioned, forms.Form):
    record_field_names = ("due_on", "sent_on", "received_on", "goes_through", "notes")

    form_token = FormTokenField()
    version = ExpectedVersionField()
    due_on = _date(
        _("When is the parent's letter due?"),
        required_message=_("Enter the date the parent's letter is due"),
    )
    sent_on = _date(_("Date the parent's letter was sent (optional)"))
    received_on = _date(
        _("Date a letter was received (optional)"),
        help_text=_("A letter or photos from the child's carers or adoptive family"),
    )
    goes_through = _short(
        _("Who it goes through (optional)"),
        help_text=_("For example, the adoption agency's letter-box coordinator"),
        too_long=_("Who it goes through must be 200 characters or fewer"),
    )
    notes = _long(_("Notes (optional)"), too_long=_("Notes must be 5000 characters or fewer"))

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["form_token" if editing else "version"]

    def clean(self):
        cleaned = super().clean()
        self._check_range("due_on")
        self._check_range("sent_on", past_only=True)
        self._check_range("received_on", past_only=True)
        return cleaned

    @classmethod
    def initial_for(cls, exchange) -> dict:
        return {name: getattr(exchange, name) for name in cls.record_field_names} | {
            "version": exchange.version
        }

    def record_fields(self) -> dict:
        fields = super().record_fields()
        fields["goes_through"] = fields["goes_through"].strip()
        fields["notes"] = fields["notes"].strip()
        return fields


# --- Money ----------------------------------------------------------------------------------


class AmountField(forms.CharField):
    """Pounds and pence, read as a Decimal (never a float). '£1,234.5' is read as 1234.50."""

    def __init__(self, **kwargs):
        super().__init__(max_length=20, **kwargs)
        self.widget.attrs.update(
            {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        )

    def clean(self, value):
        text = super().clean(value)
        if text in (None, ""):
            return None
        compact = re.sub(r"[\s,£]", "", text)
        if not re.fullmatch(r"\d+(\.\d{1,2})?", compact):
            raise forms.ValidationError(
                _("Enter the amount in pounds and pence, like 12.50"), code="invalid"
            )
        try:
            amount = Decimal(compact).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise forms.ValidationError(
                _("Enter the amount in pounds and pence, like 12.50"), code="invalid"
            ) from None
        if amount <= 0:
            raise forms.ValidationError(_("The amount must be more than £0"), code="min")
        if amount > LARGEST_CLAIM:
            raise forms.ValidationError(
                _("The amount must be £10,000 or less. Split larger costs into separate claims"),
                code="max",
            )
        return amount


class ReceiptField(forms.FileField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        return check_receipt(upload)


class ArrangementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{child_label(obj.child)}: {obj.get_kind_display()}"


class ClaimForm(_DateChecks, forms.Form):
    form_token = FormTokenField()
    kind = _radios(
        _("What kind of cost is it?"),
        CostKind.choices,
        required_message=_("Select what kind of cost it is"),
    )
    description = _short(
        _("What was it for?"),
        required_message=_("Enter what the money was for"),
        help_text=_("For example, return bus fare from Leominster to Hereford for a visit"),
        too_long=_("What it was for must be 200 characters or fewer"),
    )
    amount = AmountField(
        label=_("Amount, in pounds"),
        help_text=_("For example, 12.50"),
        error_messages={"required": _("Enter the amount"), "max_length": _("Enter the amount")},
    )
    journey_date = _date(
        _("Date of the journey or cost"),
        required_message=_("Enter the date of the journey or cost"),
    )
    arrangement = ArrangementChoiceField(
        label=_("Which contact was it for? (optional)"),
        queryset=None,
        required=False,
        to_field_name="public_id",
        empty_label=_("Not one arrangement"),
        error_messages={"invalid_choice": _("Select a contact arrangement from the list")},
    )
    receipt = ReceiptField(
        label=_("Receipt (optional)"),
        help_text=_("A PDF, JPG or PNG, smaller than 5 MB. A photo of a ticket is fine"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        max_length=SHORT_TEXT * 5,
        error_messages={
            "invalid": _("The selected file could not be read. Choose the receipt again"),
            "missing": _("The selected file could not be read. Choose the receipt again"),
            "empty": _("The selected file is empty"),
            "max_length": _("The file name is too long. Rename the file and choose it again"),
        },
    )

    max_receipt_bytes = MAX_RECEIPT_BYTES

    def __init__(self, *args, arrangements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arrangement"].queryset = arrangements

    def clean(self):
        cleaned = super().clean()
        self._check_range("journey_date", past_only=True)
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "description": data["description"].strip(),
            "amount": data["amount"],
            "journey_date": data["journey_date"],
            "arrangement": data["arrangement"],
            "receipt": data["receipt"],
        }


class Decision:
    APPROVE = "approve"
    REJECT = "reject"


class DecisionForm(forms.Form):
    decision = _radios(
        _("Your decision"),
        [(Decision.APPROVE, _("Approve the claim")), (Decision.REJECT, _("Do not approve it"))],
        required_message=_("Select whether you approve the claim"),
    )
    reason = _long(
        _("Reason"),
        help_text=_("Needed if you do not approve it. The adviser will see it"),
        too_long=_("The reason must be 5000 characters or fewer"),
    )

    def clean(self):
        cleaned = super().clean()
        rejected = cleaned.get("decision") == Decision.REJECT
        if rejected and not cleaned.get("reason", "").strip() and "reason" not in self._errors:
            self.add_error("reason", _("Enter the reason you do not approve the claim"))
        return cleaned


class PaidForm(_DateChecks, forms.Form):
    paid_on = _date(_("Date paid"), required_message=_("Enter the date the claim was paid"))

    def __init__(self, *args, claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim

    def clean(self):
        cleaned = super().clean()
        self._check_range("paid_on", past_only=True)
        paid_on, decided_at = cleaned.get("paid_on"), self.claim.decided_at
        if paid_on and decided_at and "paid_on" not in self._errors:
            decided = timezone.localdate(decided_at)
            if paid_on < decided:
                self.add_error(
                    "paid_on",
                    _("The date paid must be on or after %(date)s, when the claim was approved")
                    % {"date": date_format(decided, "j F Y")},
                )
        return cleaned


# --- Proceedings and meetings ---------------------------------------------------------------


class ProceedingForm(_DateChecks, _Versioned, forms.Form):
    record_field_names = (
        "child",
        "kind",
        "kind_other",
        "held_on",
        "place",
        "supporters",
        "other_supporter",
        "outcome",
    )

    form_token = FormTokenField()
    version = ExpectedVersionField()
    kind = _radios(
        _("Kind of hearing or meeting"),
        ProceedingKind.choices,
        required_message=_("Select the kind of hearing or meeting"),
    )
    kind_other = _short(
        _("If it is another meeting, what is it? (optional)"),
        too_long=_("What the meeting is must be 200 characters or fewer"),
    )
    child = ChildChoiceField(
        label=_("Which child is it about? (optional)"),
        queryset=None,
        required=False,
        to_field_name="public_id",
        empty_label=_("Not about one child"),
        error_messages={"invalid_choice": _("Select a child from the list")},
    )
    held_on = _date(_("Date"), required_message=_("Enter the date of the hearing or meeting"))
    place = _short(
        _("Where (optional)"),
        help_text=_("For example, Hereford Justice Centre"),
        too_long=_("Where must be 200 characters or fewer"),
    )
    supporters = forms.MultipleChoiceField(
        label=_("Who goes with the parent in support?"),
        help_text=_("Select all that apply"),
        choices=Supporter.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select who goes with the parent")},
    )
    other_supporter = _short(
        _("Name of the other supporter (optional)"),
        help_text=_("If the parent chose someone else, for example a friend or a relative"),
        too_long=_("The name must be 200 characters or fewer"),
    )
    outcome = _long(
        _("Outcome (optional)"),
        help_text=_("What was decided, and what happens next"),
        too_long=_("The outcome must be 5000 characters or fewer"),
    )

    def __init__(self, *args, children, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        del self.fields["form_token" if editing else "version"]

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

    @classmethod
    def initial_for(cls, proceeding) -> dict:
        initial = {name: getattr(proceeding, name) for name in cls.record_field_names}
        return initial | {"version": proceeding.version}

    def compared_field_names(self) -> list[str]:
        # The child is compared by record, which the conflict table cannot put into words.
        return [name for name in self.record_field_names if name != "child"]

    def record_fields(self) -> dict:
        fields = super().record_fields()
        for name in ("kind_other", "place", "other_supporter", "outcome"):
            fields[name] = fields[name].strip()
        fields["supporters"] = [
            value for value, _label in Supporter.choices if value in fields["supporters"]
        ]
        return fields


# --- Grief and loss -------------------------------------------------------------------------


class GriefOfferForm(_DateChecks, _Versioned, forms.Form):
    record_field_names = ("offered_on", "offered_by", "kind", "answer", "notes")

    form_token = FormTokenField()
    version = ExpectedVersionField()
    offered_on = _date(_("Date offered"), required_message=_("Enter the date it was offered"))
    offered_by = _short(
        _("Offered by"),
        required_message=_("Enter who offered it"),
        help_text=_("A person or a service, for example the adviser, or a bereavement counsellor"),
        too_long=_("Offered by must be 200 characters or fewer"),
    )
    kind = _radios(
        _("Kind of support"),
        GriefSupportKind.choices,
        required_message=_("Select the kind of support"),
    )
    answer = _radios(
        _("The parent's answer"),
        GriefAnswer.choices,
        required_message=_("Select the parent's answer"),
    )
    notes = _long(
        _("Notes (optional)"),
        help_text=_("The parent's own words about it, if they want them recorded"),
        too_long=_("Notes must be 5000 characters or fewer"),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["form_token" if editing else "version"]

    def clean(self):
        cleaned = super().clean()
        self._check_range("offered_on", past_only=True)
        return cleaned

    @classmethod
    def initial_for(cls, offer) -> dict:
        return {name: getattr(offer, name) for name in cls.record_field_names} | {
            "version": offer.version
        }

    def record_fields(self) -> dict:
        fields = super().record_fields()
        fields["offered_by"] = fields["offered_by"].strip()
        fields["notes"] = fields["notes"].strip()
        return fields


class FollowUpForm(_DateChecks, forms.Form):
    form_token = FormTokenField()
    on = _date(_("Date"), required_message=_("Enter the date of the follow-up"))
    note = _long(
        _("What was said or done"),
        required_message=_("Enter what was said or done"),
        too_long=_("The note must be 5000 characters or fewer"),
    )

    def clean(self):
        cleaned = super().clean()
        self._check_range("on", past_only=True)
        return cleaned
