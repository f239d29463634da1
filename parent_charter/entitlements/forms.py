"""The guide's questions, the portal's benefits question, and a council's own offers."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import radios, text, whole_number
from parent_charter.core.forms import ExpectedVersionField, FormTokenField, GovUKDateField

from .models import Benefit, CareStatus, Period, Situation, Unit
from .services import LOCAL_FIELDS

# The offer's words, in English and Welsh: stored without the spaces around them.
LOCAL_WORDS = tuple(name for name in LOCAL_FIELDS if name.endswith(("_en", "_cy")))

YOUNGEST, OLDEST = 13, 30
OLDEST_CHILD = 25


class GuideForm(forms.Form):
    """A few questions, each needed to tell what someone may be able to get."""

    where = forms.ChoiceField(
        label=_("Where do you live?"),
        help_text=_("Choose your council if it is listed, or the country you live in."),
        error_messages={
            "required": _("Select where you live"),
            "invalid_choice": _("Select where you live"),
        },
    )
    age = whole_number(
        _("How old are you?"),
        low=YOUNGEST,
        high=OLDEST,
        message=_("Enter your age as a number from 13 to 30, like 19"),
    )
    parent_kind = radios(
        _("Which of these describes you?"),
        [
            ("mother", _("A mum or mum-to-be")),
            ("father", _("A dad or dad-to-be")),
            ("other", _("Another parent, or I would rather not say")),
        ],
        _("Select which of these describes you"),
    )
    expecting = radios(
        _("Is a baby on the way?"),
        [
            ("me", _("Yes, I am pregnant")),
            ("partner", _("Yes, my partner is pregnant")),
            ("no", _("No, not at the moment")),
        ],
        _("Select whether a baby is on the way"),
    )
    child_ages = forms.CharField(
        label=_("How old are the children who live with you? (optional)"),
        help_text=_(
            "Enter each child's age in years, with commas between them, like 0, 3. Enter 0 for "
            "a baby under 1. Leave this blank if no children live with you yet."
        ),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"max_length": _("Enter up to 10 ages")},
    )
    benefits = forms.MultipleChoiceField(
        label=_("Do you get any of these benefits? (optional)"),
        help_text=_("Select all that apply. Leave them all unticked if you get none of them."),
        choices=Benefit.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select the benefits you get")},
    )
    care_status = radios(
        _("Have you been in care?"),
        [
            (CareStatus.IN_CARE, _("Yes, I am in care now")),
            (CareStatus.CARE_LEAVER, _("Yes, I have left care")),
            (CareStatus.NEITHER, _("No, I have not been in care")),
        ],
        _("Select whether you have been in care"),
    )

    def __init__(self, *args, councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.councils = {council.slug: council for council in councils}
        self.fields["where"].choices = [
            ("", _("Select one")),
            (
                _("Councils using this service"),
                [(f"council:{c.slug}", c.display_name(get_language() or "en")) for c in councils],
            ),
            (
                _("Another council"),
                [
                    ("nation:england", _("Another council in England")),
                    ("nation:wales", _("Another council in Wales")),
                ],
            ),
        ]

    def clean_child_ages(self):
        raw = self.cleaned_data["child_ages"].strip()
        if not raw:
            return ()
        parts = [part.strip() for part in re.split(r"[,;\s]+", raw) if part.strip()]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                _("Enter ages as whole numbers with commas between them, like 0, 3")
            )
        ages = tuple(int(part) for part in parts)
        if len(ages) > 10:
            raise forms.ValidationError(_("Enter up to 10 ages"))
        if any(age > OLDEST_CHILD for age in ages):
            raise forms.ValidationError(_("Enter each child's age as a number from 0 to 25"))
        return ages

    def answers(self) -> dict:
        data = self.cleaned_data
        kind, value = data["where"].split(":", 1)
        council = self.councils.get(value) if kind == "council" else None
        return {
            "nation": council.nation if council else value,
            "council": council,
            "age": data["age"],
            "pregnant": data["expecting"] == "me",
            "partner_pregnant": data["expecting"] == "partner",
            "child_ages": data["child_ages"],
            "benefits": list(data["benefits"]),
            "care_status": data["care_status"],
            "parent_kind": data["parent_kind"] if data["parent_kind"] != "other" else None,
        }


class BenefitsForm(forms.Form):
    """The one thing the portal cannot read from a parent's record."""

    answered = forms.CharField(widget=forms.HiddenInput, required=False)
    benefits = forms.MultipleChoiceField(
        label=_("Do you get any of these benefits?"),
        help_text=_(
            "We do not keep your answer. It only changes what this page shows. Leave them all "
            "unticked if you get none of them."
        ),
        choices=Benefit.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select the benefits you get")},
    )

    def chosen(self):
        """The benefits ticked, or None if the question has not been answered."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data.get("answered"):
            return None
        return list(self.cleaned_data["benefits"])


# --- A council's own offers ---------------------------------------------------------------


def _text(label, *, max_length=None, **kwargs):
    """Typed text; past `max_length` the message names the limit."""
    too_long = (
        _("Enter %(count)s characters or fewer") % {"count": max_length} if max_length else None
    )
    return text(label, max_length=max_length, too_long=too_long, rows=4, **kwargs)


def _age(label, message, *, high):
    return whole_number(label, low=0, high=high, message=message, required=False)


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title_en


class LocalEntitlementForm(forms.Form):
    """A council's own offer: what it is, how much, who it is for, and how to ask."""

    form_token = FormTokenField()
    version = ExpectedVersionField()
    name_en = _text(_("Name in English"), required=_("Enter the name in English"), max_length=200)
    name_cy = _text(_("Name in Welsh (optional)"), max_length=200)
    summary_en = _text(
        _("What it is, in English"), required=_("Say what it is, in English"), textarea=True
    )
    summary_cy = _text(_("What it is, in Welsh (optional)"), textarea=True)
    how_to_claim_en = _text(
        _("How to ask for it, in English"),
        required=_("Say how to ask for it, in English"),
        textarea=True,
    )
    how_to_claim_cy = _text(_("How to ask for it, in Welsh (optional)"), textarea=True)
    amount = forms.DecimalField(
        label=_("Amount (optional)"),
        help_text=_("Leave blank if there is no set amount, for example when you pay the cost."),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "invalid": _("Enter the amount as a number, like 150 or 4.25"),
            "min_value": _("The amount cannot be less than 0"),
            "max_digits": _("Enter an amount less than 10,000,000"),
            "max_whole_digits": _("Enter an amount less than 10,000,000"),
            "max_decimal_places": _("Enter the amount with no more than 2 decimal places"),
        },
    )
    unit = radios(_("The amount is in"), Unit.choices, _("Select what the amount is in"))
    period = radios(_("How often"), Period.choices, _("Select how often"))
    amount_note_en = _text(
        _("About the amount, in English (optional)"),
        max_length=300,
        help_text=_("For example: up to this amount, paid to the provider"),
    )
    amount_note_cy = _text(_("About the amount, in Welsh (optional)"), max_length=300)
    min_age = _age(_("Youngest age (optional)"), _("Enter an age from 0 to 30"), high=OLDEST)
    max_age = _age(_("Oldest age (optional)"), _("Enter an age from 0 to 30"), high=OLDEST)
    situation = radios(
        _("Who is it for?"), Situation.choices, _("Select who it is for"), initial=Situation.ANY
    )
    child_min_age = _age(
        _("Youngest age of the child (optional)"), _("Enter an age from 0 to 25"), high=OLDEST_CHILD
    )
    child_max_age = _age(
        _("Oldest age of the child"),
        _("Enter an age from 0 to 25"),
        high=OLDEST_CHILD,
    )
    care_statuses = forms.MultipleChoiceField(
        label=_("Care status (optional)"),
        help_text=_("Leave both unticked if it is for every parent."),
        choices=[c for c in CareStatus.choices if c[0] != CareStatus.NEITHER],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select a care status")},
    )
    local_commitment = CommitmentChoiceField(
        label=_("The promise in your local offer it comes from (optional)"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("Select a promise from your local offer")},
    )
    applies_from = GovUKDateField(
        label=_("Offered from (optional)"), help_text=_("For example, 1 4 2025"), required=False
    )
    last_checked = GovUKDateField(
        label=_("Last checked"),
        help_text=_("When someone last checked these details are right. For example, 1 4 2026"),
        error_messages={"required": _("Enter the date these details were last checked")},
    )
    retired = forms.BooleanField(
        label=_("No longer offered"),
        required=False,
        help_text=_("It stays on record but is no longer shown to parents."),
    )

    def __init__(self, *args, commitments, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_commitment"].queryset = commitments
        if adding:
            del self.fields["retired"], self.fields["version"]
        else:
            del self.fields["form_token"]

    @property
    def expected_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    def clean(self):
        data = super().clean()
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_age", _("The oldest age must be the same as or more than the youngest")
            )
        situation = data.get("situation")
        child_situations = {
            Situation.CHILD,
            Situation.PREGNANT_OR_CHILD,
            Situation.EXPECTING_OR_CHILD,
        }
        if situation in child_situations:
            if data.get("child_max_age") is None and "child_max_age" not in self._errors:
                self.add_error("child_max_age", _("Enter the oldest age of the child it is for"))
        else:
            data["child_min_age"] = data["child_max_age"] = None
            self._errors.pop("child_min_age", None)
            self._errors.pop("child_max_age", None)
        child_low, child_high = data.get("child_min_age"), data.get("child_max_age")
        if child_low is not None and child_high is not None and child_low > child_high:
            self.add_error(
                "child_max_age",
                _("The child's oldest age must be the same as or more than the youngest"),
            )
        if data.get("unit") == Unit.PERCENT and (data.get("amount") or 0) > 100:
            self.add_error("amount", _("A percentage cannot be more than 100"))
        checked = data.get("last_checked")
        if checked and checked > timezone.localdate():
            self.add_error("last_checked", _("The date must be today or in the past"))
        return data

    def record_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in LOCAL_FIELDS if name in self.fields}
        fields["care_statuses"] = list(data.get("care_statuses") or [])
        for name in LOCAL_WORDS:
            fields[name] = (data.get(name) or "").strip()
        return fields

    @classmethod
    def initial_for(cls, item) -> dict:
        initial = {name: getattr(item, name) for name in LOCAL_FIELDS}
        initial["local_commitment"] = item.local_commitment_id
        initial["version"] = item.version
        return initial

    def compared_field_names(self) -> list[str]:
        return [name for name in LOCAL_FIELDS if name in self.fields]
