"""Forms for a claim for the costs of contact, a team manager's decision, and its payment."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parent_charter.children.selectors import child_label
from parent_charter.core.fields import long_text, radios, record_choice
from parent_charter.core.forms import FormTokenField

from ..models import CostKind
from ..receipts import MAX_RECEIPT_BYTES, check_receipt
from .common import SHORT_TEXT, DateChecks, date_field, short_text

LARGEST_CLAIM = Decimal("10000.00")


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


class ClaimForm(DateChecks, forms.Form):
    form_token = FormTokenField()
    kind = radios(
        _("What kind of cost is it?"), CostKind.choices, _("Select what kind of cost it is")
    )
    description = short_text(
        _("What was it for?"),
        required=_("Enter what the money was for"),
        help_text=_("For example, return bus fare from Leominster to Hereford for a visit"),
        too_long=_("What it was for must be 200 characters or fewer"),
    )
    amount = AmountField(
        label=_("Amount, in pounds"),
        help_text=_("For example, 12.50"),
        error_messages={"required": _("Enter the amount"), "max_length": _("Enter the amount")},
    )
    journey_date = date_field(
        _("Date of the journey or cost"),
        required_message=_("Enter the date of the journey or cost"),
    )
    arrangement = record_choice(
        _("Which contact was it for? (optional)"),
        invalid=_("Select a contact arrangement from the list"),
        field_class=ArrangementChoiceField,
        empty_label=_("Not one arrangement"),
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
        names = ("kind", "description", "amount", "journey_date", "arrangement", "receipt")
        return {name: self.cleaned_data[name] for name in names}


class Decision:
    APPROVE = "approve"
    REJECT = "reject"


class DecisionForm(forms.Form):
    decision = radios(
        _("Your decision"),
        [(Decision.APPROVE, _("Approve the claim")), (Decision.REJECT, _("Do not approve it"))],
        _("Select whether you approve the claim"),
    )
    reason = long_text(
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


class PaidForm(DateChecks, forms.Form):
    paid_on = date_field(_("Date paid"), required_message=_("Enter the date the claim was paid"))

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
