import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.core import fields
from parent_charter.core.forms import ExpectedVersionField
from parent_charter.figures import periods


def quarters_offered(today: datetime.date) -> list:
    """The quarter in progress and the eight before it, newest first."""
    current = periods.last_full_quarter(today).shifted(1)
    return [current.shifted(-n) for n in range(9)]


class StartReportForm(forms.Form):
    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"] = fields.select(
            _("Quarter"),
            [(p.slug, p.label) for p in quarters_offered(today)],
            _("Select the quarter the report covers"),
        )

    def clean_quarter(self):
        return periods.parse(self.cleaned_data["quarter"])


class SectionsForm(fields.VersionedEditForm):
    record_field_names = ("services_changes", "financial_implications", "recommendation")

    services_changes = fields.long_text(
        _("Changes made to services"),
        rows=8,
        max_length=10000,
        too_long=_("Changes made to services must be 10,000 characters or fewer"),
        help_text=_("What the council changed in the quarter because of the charter."),
    )
    financial_implications = fields.long_text(
        _("Financial implications"),
        rows=6,
        max_length=10000,
        too_long=_("Financial implications must be 10,000 characters or fewer"),
        help_text=_("What adopting and keeping the charter costs, and from which budget."),
    )
    recommendation = fields.long_text(
        _("Recommendation to members"),
        too_long=_("The recommendation must be 5,000 characters or fewer"),
        help_text=_("What the committee is asked to note or decide."),
    )


class ApproveForm(forms.Form):
    version = ExpectedVersionField()

    @property
    def expected_version(self) -> int:
        return self.cleaned_data.get("version") or 0


class CorrectionForm(forms.Form):
    reason = fields.long_text(
        _("Why does the report need correcting?"),
        required=_("Enter why the report needs correcting"),
        max_length=2000,
        too_long=_("The reason must be 2,000 characters or fewer"),
        help_text=_(
            "Members will see this reason beside the new version. The approved version is "
            "kept as it is."
        ),
    )
