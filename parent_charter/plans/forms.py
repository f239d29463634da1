"""Forms workers use to record progress on a plan item and to record a plan review."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.accounts.roles import Role
from parent_charter.childrens_services.validators import check_fields
from parent_charter.core.fields import VersionedEditForm, long_text, radios
from parent_charter.core.forms import FormTokenField, GovUKDateField

from .models import ItemStatus, Participation, PlanItem

EARLIEST_DATE = datetime.date(2000, 1, 1)


def owner_choices(council, *, also=None):
    """The council's active personal advisers and team managers (and the current owner)."""
    from parent_charter.accounts.models import User

    wanted = Q(
        council=council,
        is_active=True,
        role_grants__role__in=[Role.PERSONAL_ADVISER, Role.TEAM_MANAGER],
    )
    if also is not None:
        wanted |= Q(council=council, pk=also)
    return User.objects.filter(wanted).distinct().order_by("full_name", "pk")


class PlanItemForm(VersionedEditForm):
    """Everything a worker records about one item, in one form."""

    record_field_names = ("status", "owner", "due_date", "parent_view", "evidence")

    status = radios(_("Status"), ItemStatus.choices, _("Select the status"))
    note = long_text(
        _("Note about this change (optional)"),
        help_text=_("For example, what was offered or agreed, and when"),
        too_long=_("The note must be 5000 characters or fewer"),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("No owner"),
        error_messages={"invalid_choice": _("Select a personal adviser or team manager")},
    )
    due_date = GovUKDateField(
        label=_("Due date (optional)"),
        help_text=_("For example, 27 3 2027"),
        required=False,
    )
    parent_view = long_text(
        _("The parent's view, in their words (optional)"),
        too_long=_("The parent's view must be 5000 characters or fewer"),
    )
    evidence = long_text(
        _("Evidence of delivery"),
        help_text=_("Needed when the status is delivered. Say what was done, when and by whom."),
        too_long=_("The evidence must be 5000 characters or fewer"),
    )

    def __init__(self, *args, council, current_owner_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(council, also=current_owner_id)

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        if value is not None and value < EARLIEST_DATE:
            raise forms.ValidationError(_("Check the due date: the year looks too early"))
        return value

    def clean(self):
        cleaned = super().clean()
        delivered = cleaned.get("status") == ItemStatus.DELIVERED
        if delivered and not cleaned.get("evidence", "").strip() and "evidence" not in self.errors:
            self.add_error("evidence", _("Enter the evidence that this was delivered"))
        return cleaned

    @classmethod
    def initial_for(cls, item: PlanItem) -> dict:
        # The owner by id: reading `item.owner` would cost a query.
        return {
            "status": item.status,
            "owner": item.owner_id,
            "due_date": item.due_date,
            "parent_view": item.parent_view,
            "evidence": item.evidence,
            "version": item.version,
        }

    def compared_field_names(self) -> list[str]:
        return list(self.record_field_names)


class PlanReviewForm(forms.Form):
    held_on = GovUKDateField(
        label=_("Date of the review"),
        help_text=_("For example, 14 11 2026"),
        error_messages={"required": _("Enter the date of the review")},
    )
    attendees = long_text(
        _("Who attended"),
        required=_("Enter who attended"),
        help_text=_("Names and roles, for example the parent, their personal adviser"),
        too_long=_("Who attended must be 5000 characters or fewer"),
    )
    participation = radios(
        _("Did the parent take part?"),
        Participation.choices,
        _("Select whether the parent took part"),
    )
    participation_detail = long_text(
        _("How the parent took part (optional)"),
        help_text=_("For example, what helped them take part, or why they did not"),
        too_long=_("How the parent took part must be 5000 characters or fewer"),
    )
    summary = long_text(
        _("Summary"),
        required=_("Enter a summary of the review"),
        too_long=_("The summary must be 5000 characters or fewer"),
    )
    agreed_actions = long_text(
        _("Agreed actions (optional)"),
        too_long=_("The agreed actions must be 5000 characters or fewer"),
    )
    form_token = FormTokenField()

    def clean(self):
        cleaned = super().clean()
        # A review's notes can reach a decision about a child: the parent's past may be written
        # about, but no conclusion may be drawn from it.
        check_fields(self, ("participation_detail", "summary", "agreed_actions"))
        return cleaned

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of the review must be today or in the past"))
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("Check the date of the review: the year looks too early"))
        return value

    def record_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "held_on",
                "attendees",
                "participation",
                "participation_detail",
                "summary",
                "agreed_actions",
            )
        }
