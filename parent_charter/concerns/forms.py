"""Forms for concerns: raising and changing one, closing it, the summary for the parent, offers
of advocacy and legal advice, the parent's requests and their decisions, views and support."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parent_charter.childrens_services import guard
from parent_charter.childrens_services.validators import check_fields
from parent_charter.core.fields import VersionedEditForm, date_input, long_text, radios, text
from parent_charter.core.forms import FormTokenField
from parent_charter.plans.forms import owner_choices

from .models import (
    DECISIONS_NEEDING_REASONS,
    AskedBy,
    Concern,
    ConcernStatus,
    Decision,
    OfferAnswer,
    OfferKind,
    Outcome,
    RaisedBy,
    RequestKind,
    SharedHow,
    SupportArea,
)

EARLIEST_DATE = datetime.date(2000, 1, 1)


EXAMPLE_DATE = _("For example, 14 11 2026")


def _date(label, *, required_message=None, help_text=EXAMPLE_DATE):
    return date_input(label, required=required_message, help_text=help_text)


def _past_date(form, name, *, not_before=None, not_before_message=None):
    """A date that has happened: today or earlier, and not in an impossible past."""
    value = form.cleaned_data.get(name)
    if value is None or name in form.errors:
        return
    if value > timezone.localdate():
        form.add_error(name, _("The date must be today or in the past"))
    elif value < EARLIEST_DATE:
        form.add_error(name, _("Check the date: the year looks too early"))
    elif not_before is not None and value < not_before:
        form.add_error(name, not_before_message)


class RecordForm(forms.Form):
    """A form whose `record_field_names` are fields of the record it adds or changes, by the
    same name: `record_fields()` is what the service is given."""

    record_field_names: tuple[str, ...] = ()

    def record_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.record_field_names}


# --- The concern ------------------------------------------------------------------------------


class ConcernFields(RecordForm):
    record_field_names = Concern.RAISED_FIELDS

    raised_by_role = radios(
        _("Who raised the concern?"),
        RaisedBy.choices,
        message=_("Select who raised the concern"),
    )
    raised_by_organisation = text(
        _("Their organisation or team (optional)"),
        help_text=_("For example, Hillford health visiting team"),
        too_long=_("The organisation must be 200 characters or fewer"),
        max_length=200,
    )
    raised_by_name = text(
        _("Their name (optional)"),
        help_text=_(
            "Kept from the parent: it is information about someone else, so it is never shown "
            "to them or included when they ask for their records. Leave it blank if the "
            "person asked not to be named."
        ),
        too_long=_("The name must be 200 characters or fewer"),
        max_length=200,
    )
    raised_on = _date(
        _("When was the concern raised?"),
        required_message=_("Enter the date the concern was raised"),
    )
    evidence_what = long_text(
        _("What was seen or reported"),
        required=_("Enter what was seen or reported"),
        help_text=_(
            "Describe what is happening now, as it was seen or reported. The parent's own "
            "childhood or time in care is never evidence about their parenting. Do not name "
            "the person who raised the concern here."
        ),
        too_long=_("What was seen or reported must be 5000 characters or fewer"),
        rows=6,
    )
    evidence_when = _date(
        _("When was it seen or when did it happen?"),
        required_message=_("Enter when it was seen or happened"),
    )
    evidence_source = text(
        _("Where did the information come from?"),
        required=_("Enter where the information came from"),
        help_text=_("For example, a home visit by the health visitor, or a call from the school"),
        too_long=_("Where the information came from must be 300 characters or fewer"),
        max_length=300,
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("raised_by_organisation", "raised_by_name", "evidence_what"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        _past_date(self, "raised_on")
        _past_date(self, "evidence_when")
        # The concern's evidence is read as a referral's evidence is: a concern rests on what is
        # happening now, never on the parent's own past.
        check_fields(self, ("evidence_what", "evidence_source"), mode=guard.EVIDENCE)
        raised_on = cleaned.get("raised_on") if "raised_on" not in self.errors else None
        when = cleaned.get("evidence_when")
        if raised_on and when and "evidence_when" not in self.errors and when > raised_on:
            self.add_error(
                "evidence_when",
                _("The date must be on or before the date the concern was raised"),
            )
        return cleaned


class ConcernRaiseForm(ConcernFields):
    form_token = FormTokenField()


class ConcernEditForm(VersionedEditForm, ConcernFields):
    record_field_names = (*ConcernFields.record_field_names, "status")

    status = radios(
        _("Status"),
        [
            (ConcernStatus.OPEN, ConcernStatus.OPEN.label),
            (ConcernStatus.UNDER_ASSESSMENT, ConcernStatus.UNDER_ASSESSMENT.label),
        ],
        message=_("Select the status"),
        help_text=_("To close the concern, use “Close the concern” so that the outcome is kept"),
    )


class CloseForm(VersionedEditForm):
    record_field_names = ("outcome", "outcome_detail", "closed_on")

    outcome = radios(_("What was the outcome?"), Outcome.choices, message=_("Select the outcome"))
    outcome_detail = long_text(
        _("About the outcome (optional)"),
        help_text=_("Needed for another outcome. Say what was decided and what happens next."),
        too_long=_("About the outcome must be 5000 characters or fewer"),
    )
    closed_on = _date(
        _("Date the concern was closed"), required_message=_("Enter the date the concern closed")
    )

    def __init__(self, *args, concern, **kwargs):
        super().__init__(*args, **kwargs)
        self.concern = concern

    def clean(self):
        cleaned = super().clean()
        cleaned["outcome_detail"] = cleaned.get("outcome_detail", "").strip()
        needs_detail = cleaned.get("outcome") == Outcome.OTHER
        if needs_detail and not cleaned["outcome_detail"] and "outcome_detail" not in self.errors:
            self.add_error("outcome_detail", _("Say what the outcome was"))
        _past_date(
            self,
            "closed_on",
            not_before=self.concern.raised_on,
            not_before_message=_("The date must be on or after %(date)s, when it was raised")
            % {"date": date_format(self.concern.raised_on, "j F Y")},
        )
        return cleaned

    @classmethod
    def initial_for(cls, record) -> dict:
        initial = super().initial_for(record)
        if initial["closed_on"] is None:
            initial["closed_on"] = timezone.localdate()
        return initial


# --- The summary in plain words -----------------------------------------------------------


class SummaryForm(RecordForm):
    record_field_names = ("what_is_happening", "the_plan")

    form_token = FormTokenField()
    what_is_happening = long_text(
        _("What is happening"),
        required=_("Say what is happening"),
        help_text=_(
            "What was reported and who is looking into it (their role, not their name), "
            "what that means for the parent and their child now, and what will happen next."
        ),
        too_long=_("What is happening must be 5000 characters or fewer"),
        rows=8,
    )
    the_plan = long_text(
        _("What the plan is"),
        required=_("Say what the plan is"),
        help_text=_(
            "Who will do what and by when, the support on offer, and what the parent can do: "
            "ask for an advocate or legal advice, have meetings recorded, or say they disagree."
        ),
        too_long=_("What the plan is must be 5000 characters or fewer"),
        rows=8,
    )


class SharedForm(forms.Form):
    shared_on = _date(
        _("When did you share it with the parent?"),
        required_message=_("Enter the date you shared it"),
    )
    shared_how = radios(
        _("How did you share it?"),
        [(value, label) for value, label in SharedHow.choices if value != SharedHow.PORTAL],
        message=_("Select how you shared it"),
    )
    shared_note = text(
        _("Anything else about how it was shared (optional)"),
        help_text=_("For example, read through together with their advocate"),
        too_long=_("This must be 300 characters or fewer"),
        max_length=300,
    )

    def __init__(self, *args, summary, **kwargs):
        super().__init__(*args, **kwargs)
        self.summary = summary

    def clean(self):
        cleaned = super().clean()
        _past_date(
            self,
            "shared_on",
            not_before=timezone.localdate(self.summary.written_at),
            not_before_message=_("The date must be on or after the day this version was written"),
        )
        return cleaned


# --- Advocacy and legal advice ----------------------------------------------------------------


class OfferAnswerFields(forms.Form):
    answer = radios(
        _("What was the parent's answer?"),
        OfferAnswer.choices,
        message=_("Select the parent's answer"),
    )
    answered_on = _date(
        _("Date of the answer (optional)"),
        help_text=_("Leave blank for today. For example, 14 11 2026"),
    )
    note = long_text(
        _("Note (optional)"),
        help_text=_("For example, which service, or what the parent said"),
        too_long=_("The note must be 5000 characters or fewer"),
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["note"] = cleaned.get("note", "").strip()
        _past_date(self, "answered_on")
        return cleaned


class OfferForm(RecordForm, OfferAnswerFields):
    record_field_names = ("kind", "offered_on", "answer", "answered_on", "note")

    form_token = FormTokenField()
    kind = radios(_("What was offered?"), OfferKind.choices, message=_("Select what was offered"))
    offered_on = _date(_("Date offered"), required_message=_("Enter the date it was offered"))
    field_order = ["form_token", "kind", "offered_on", "answer", "answered_on", "note"]

    def clean(self):
        cleaned = super().clean()
        _past_date(self, "offered_on")
        offered, answered = cleaned.get("offered_on"), cleaned.get("answered_on")
        if offered and answered and answered < offered and "answered_on" not in self.errors:
            self.add_error("answered_on", _("The answer cannot come before the offer"))
        return cleaned


class OfferUpdateForm(VersionedEditForm, OfferAnswerFields):
    record_field_names = ("answer", "answered_on", "note")


# --- The parent's requests ------------------------------------------------------------------


class RequestForm(RecordForm):
    record_field_names = ("kind", "detail", "requested_on", "asked_by")

    form_token = FormTokenField()
    kind = radios(
        _("What did the parent ask for?"),
        RequestKind.choices,
        message=_("Select what the parent asked for"),
    )
    detail = long_text(
        _("The request, in more detail (optional)"),
        help_text=_("Needed if they asked for something else"),
        too_long=_("The request must be 5000 characters or fewer"),
    )
    requested_on = _date(
        _("When did they ask?"), required_message=_("Enter the date of the request")
    )
    asked_by = radios(_("Who asked?"), AskedBy.choices, message=_("Select who asked"))

    def clean(self):
        cleaned = super().clean()
        cleaned["detail"] = cleaned.get("detail", "").strip()
        needs_detail = cleaned.get("kind") == RequestKind.OTHER
        if needs_detail and not cleaned["detail"] and "detail" not in self.errors:
            self.add_error("detail", _("Say what the parent asked for"))
        _past_date(self, "requested_on")
        return cleaned


class DecisionForm(VersionedEditForm):
    record_field_names = ("decision", "reasons", "decided_by_name", "decided_on")

    decision = radios(
        _("What was decided?"),
        [(value, label) for value, label in Decision.choices if value != Decision.PENDING],
        message=_("Select the decision"),
    )
    reasons = long_text(
        _("Reasons for the decision"),
        help_text=_(
            "Needed if the request was refused or only partly agreed. The parent will read "
            "them, so write them plainly."
        ),
        too_long=_("The reasons must be 5000 characters or fewer"),
    )
    decided_by_name = text(
        _("Who decided?"),
        required=_("Enter who decided"),
        help_text=_("Their name and role, for example Morgan Hughes, team manager"),
        too_long=_("Who decided must be 200 characters or fewer"),
        max_length=200,
    )
    decided_on = _date(
        _("Date of the decision"), required_message=_("Enter the date of the decision")
    )

    def __init__(self, *args, request_record, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_record = request_record

    def clean(self):
        cleaned = super().clean()
        cleaned["reasons"] = cleaned.get("reasons", "").strip()
        check_fields(self, ("reasons",))
        decision = cleaned.get("decision")
        missing = not cleaned["reasons"] and "reasons" not in self.errors
        if decision in DECISIONS_NEEDING_REASONS and missing:
            if decision == Decision.REFUSED:
                self.add_error("reasons", _("Give the reasons for refusing the request"))
            else:
                self.add_error("reasons", _("Give the reasons for not agreeing to all of it"))
        _past_date(
            self,
            "decided_on",
            not_before=self.request_record.requested_on,
            not_before_message=_("The decision cannot come before the request"),
        )
        return cleaned

    @classmethod
    def initial_for(cls, record) -> dict:
        initial = super().initial_for(record)
        if initial["decision"] == Decision.PENDING:
            initial["decision"] = None
        return initial


# --- The parent's views, and support --------------------------------------------------------


class ParentViewForm(RecordForm):
    record_field_names = ("given_on", "words")

    form_token = FormTokenField()
    words = long_text(
        _("The parent's view, in their words"),
        required=_("Enter the parent's view"),
        help_text=_(
            "Write down what they said, as they said it. If they wrote it themselves, copy it in."
        ),
        too_long=_("The parent's view must be 5000 characters or fewer"),
        rows=6,
    )
    given_on = _date(_("When did they give their view?"), required_message=_("Enter the date"))

    def clean(self):
        cleaned = super().clean()
        cleaned["words"] = cleaned.get("words", "").strip()
        _past_date(self, "given_on")
        return cleaned


class SupportForm(RecordForm):
    record_field_names = ("area", "title", "detail", "owner", "due_date")

    form_token = FormTokenField()
    area = radios(
        _("What kind of support?"),
        SupportArea.choices,
        message=_("Select the kind of support"),
    )
    title = text(
        _("The support, in a few words"),
        required=_("Enter the support in a few words"),
        help_text=_("This is its name in the plan. For example, Counselling at Hillford Mind"),
        too_long=_("This must be 200 characters or fewer"),
        max_length=200,
    )
    detail = long_text(
        _("More about it (optional)"),
        help_text=_("What was agreed with the parent, who provides it and how it helps"),
        too_long=_("This must be 5000 characters or fewer"),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("The parent's personal adviser"),
        error_messages={"invalid_choice": _("Select a personal adviser or team manager")},
    )
    due_date = _date(_("Due date (optional)"), help_text=_("For example, 27 3 2027"))

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(council)

    def clean(self):
        cleaned = super().clean()
        cleaned["title"] = cleaned.get("title", "").strip()
        due = cleaned.get("due_date")
        if due is not None and "due_date" not in self.errors and due < EARLIEST_DATE:
            self.add_error("due_date", _("Check the date: the year looks too early"))
        return cleaned
