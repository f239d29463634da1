"""Forms for assessments, the break-glass reason and care history entries."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.childrens_services.validators import check_fields
from parent_charter.core.fields import VersionedEditForm, date_input, long_text, radios, text
from parent_charter.core.forms import FormTokenField, GovUKDateField

from .models import AssessmentKind, EntryKind, Outcome, PlacementType

# A reason shorter than this cannot say what the worker needs from the history and why.
REASON_MIN_CHARACTERS = 40
REASON_MIN_WORDS = 6
REASON_MAX_CHARACTERS = 1000
SUMMARY_MAX_CHARACTERS = 10000
DETAILS_MAX_CHARACTERS = 5000


def _not_in_future(form, name, value, today):
    if value is not None and value > today:
        form.add_error(name, _("The date must be today or in the past"))
        return False
    return True


class AssessmentForm(VersionedEditForm):
    """An assessment: what kind, who assesses, when, the outcome and the current information.

    Adding uses a one-time token; editing sends the version it started from.
    """

    record_field_names = ("kind", "assessor", "started_on", "completed_on", "outcome", "summary")

    form_token = FormTokenField()
    kind = radios(
        _("What kind of assessment is it?"),
        AssessmentKind.choices,
        _("Select the kind of assessment"),
    )
    assessor = forms.ChoiceField(
        label=_("Assessor"),
        error_messages={
            "required": _("Select the assessor"),
            "invalid_choice": _("Select the assessor from the list"),
        },
    )
    started_on = date_input(
        _("Date started"),
        help_text=_("For example, 27 3 2026"),
        required=_("Enter the date the assessment started"),
    )
    completed_on = date_input(
        _("Date completed (optional)"),
        help_text=_("Leave blank while the assessment is still going on"),
    )
    outcome = radios(
        _("Outcome (optional)"),
        Outcome.choices,
        help_text=_("Only once the assessment is completed"),
    )
    summary = long_text(
        _("Summary of current information"),
        help_text=_(
            "What is happening now: what was seen or reported, when, and by whom, and what the "
            "parent says. Do not rest anything on the parent's own childhood or time in care."
        ),
        max_length=SUMMARY_MAX_CHARACTERS,
        too_long=_("The summary must be 10,000 characters or fewer"),
        required=_("Enter a summary of the current information"),
        rows=10,
    )

    def __init__(self, *args, assessors, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessors = {str(person.public_id): person for person in assessors}
        self.fields["assessor"].choices = [("", _("Choose the assessor"))] + [
            (key, person.full_name) for key, person in self.assessors.items()
        ]
        if adding:
            del self.fields["version"]
        else:
            del self.fields["form_token"]

    def clean(self):
        cleaned = super().clean()
        # Assessed as they are now: the summary may mention the past, never reason from it.
        check_fields(self, ("summary",))
        today = timezone.localdate()
        started, completed = cleaned.get("started_on"), cleaned.get("completed_on")
        outcome = cleaned.get("outcome")
        started_ok = _not_in_future(self, "started_on", started, today)
        completed_ok = _not_in_future(self, "completed_on", completed, today)
        if started_ok and completed_ok and started and completed and completed < started:
            self.add_error("completed_on", _("The date completed must be on or after the start"))
        if "completed_on" not in self._errors and "outcome" not in self._errors:
            if outcome and completed is None:
                self.add_error(
                    "completed_on",
                    _("Enter the date completed, or leave the outcome blank until it is"),
                )
            elif completed is not None and not outcome:
                self.add_error("outcome", _("Select the outcome of the completed assessment"))
        return cleaned

    @classmethod
    def initial_for(cls, assessment) -> dict:
        return {**super().initial_for(assessment), "assessor": str(assessment.assessor.public_id)}

    def record_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "assessor": self.assessors[data["assessor"]],
            "started_on": data["started_on"],
            "completed_on": data["completed_on"],
            "outcome": data["outcome"] or "",
            "summary": data["summary"].strip(),
        }

    def compared_field_names(self) -> list[str]:
        return list(self.record_field_names)


class BreakGlassForm(forms.Form):
    """Why someone without the normal right needs to open a sealed care history."""

    form_token = FormTokenField()
    reason = long_text(
        _("Why do you need to open this parent's care history?"),
        help_text=_(
            "Say what you need to find out and why it matters to your work now. The parent "
            "will be able to read this, with your name."
        ),
        max_length=REASON_MAX_CHARACTERS,
        too_long=_("The reason must be 1,000 characters or fewer"),
        required=_("Write why you need to open the care history"),
        rows=6,
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < REASON_MIN_CHARACTERS or len(reason.split()) < REASON_MIN_WORDS:
            raise forms.ValidationError(
                _(
                    "Write the reason in a full sentence of at least %(count)s characters: "
                    "what you need to find out, and why"
                )
                % {"count": REASON_MIN_CHARACTERS}
            )
        return self.cleaned_data["reason"].strip()


ENTRY_QUESTIONS = {
    EntryKind.PERIOD: ("from_date", "to_date", "placement_type", "placing_authority", "details"),
    EntryKind.REASON: ("from_date", "details"),
    EntryKind.EVENT: ("from_date", "details"),
    EntryKind.NOTE: ("details",),
}


class CareHistoryEntryForm(VersionedEditForm):
    """One entry of the care history. Only the questions that fit its kind are asked."""

    record_field_names = ENTRY_QUESTIONS[EntryKind.PERIOD]

    form_token = FormTokenField()
    from_date = GovUKDateField(required=False)
    to_date = date_input(
        _("To (optional)"),
        help_text=_("Leave blank if the placement has not ended. For example, 4 9 2019"),
    )
    placement_type = radios(
        _("Type of placement"),
        PlacementType.choices,
        _("Select the type of placement"),
    )
    placing_authority = text(
        _("Placing authority (optional)"),
        help_text=_("The council that placed them, if not this one"),
        max_length=200,
        too_long=_("Placing authority must be 200 characters or fewer"),
        width="govuk-!-width-two-thirds",
    )
    details = long_text(
        _("Details"),
        max_length=DETAILS_MAX_CHARACTERS,
        too_long=_("The details must be 5,000 characters or fewer"),
        rows=6,
    )

    def __init__(self, *args, kind: str, parent, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.parent = parent
        wanted = set(ENTRY_QUESTIONS[kind]) | {"form_token" if adding else "version"}
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        self._word_the_questions()

    def _word_the_questions(self):
        fields = self.fields
        if "from_date" in fields:
            date = fields["from_date"]
            if self.kind == EntryKind.PERIOD:
                date.label = _("From")
                date.help_text = _("When the placement began. For example, 12 6 2012")
                date.required = True
                date.error_messages["required"] = _("Enter the date the placement began")
            elif self.kind == EntryKind.EVENT:
                date.label = _("When did it happen? (optional)")
                date.help_text = _("If known. For example, 12 6 2012")
            else:
                date.label = _("From when? (optional)")
                date.help_text = _("If known. For example, 12 6 2012")
        if "details" in fields:
            details = fields["details"]
            if self.kind == EntryKind.PERIOD:
                details.label = _("Notes (optional)")
                details.help_text = _("Anything that helps the parent and their adviser later")
            else:
                details.label = {
                    EntryKind.REASON: _("Why did they come into care?"),
                    EntryKind.EVENT: _("What happened?"),
                    EntryKind.NOTE: _("Note"),
                }[self.kind]
                details.help_text = _("Write it as the parent would want to read it")
                details.required = True
                details.error_messages["required"] = _("Enter the details")

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        born = self.parent.date_of_birth
        start, end = cleaned.get("from_date"), cleaned.get("to_date")
        start_ok = _not_in_future(self, "from_date", start, today) if start else True
        if start_ok and start and start < born:
            self.add_error("from_date", _("The date must be on or after the parent's birth"))
            start_ok = False
        end_ok = end is not None and _not_in_future(self, "to_date", end, today)
        if end_ok and start_ok and start and end < start:
            self.add_error("to_date", _("The end date must be on or after the start"))
        return cleaned

    def record_fields(self) -> dict:
        data = self.cleaned_data
        fields = {}
        for name in ENTRY_QUESTIONS[self.kind]:
            value = data.get(name)
            fields[name] = value.strip() if isinstance(value, str) else value
        return fields

    def compared_field_names(self) -> list[str]:
        return list(ENTRY_QUESTIONS[self.kind])
