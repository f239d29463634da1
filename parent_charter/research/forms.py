"""The form that records a data-sharing agreement."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import checkboxes, date_input, radios, select, text
from parent_charter.core.forms import FormTokenField

from . import catalogue, selectors
from .models import Article6, Article9


class AgreementForm(forms.Form):
    form_token = FormTokenField()
    organisation = text(
        _("Organisation the data is shared with"),
        required=_("Enter the organisation the data is shared with"),
        max_length=200,
        too_long=_("The organisation's name must be 200 characters or fewer"),
    )
    purpose = text(
        _("Purpose of the research or evaluation"),
        required=_("Enter what the research or evaluation is for"),
        textarea=True,
    )
    article_6 = radios(
        _("Lawful basis under Article 6 of the UK GDPR"),
        Article6.choices,
        _("Select the Article 6 lawful basis"),
    )
    article_9 = radios(
        _("Condition under Article 9 of the UK GDPR"),
        Article9.choices,
        _("Select the Article 9 condition"),
        help_text=_("Records of care and of children's services are special category data."),
    )
    lawful_basis_detail = text(
        _("More about the lawful basis"),
        required=_("Enter more about the lawful basis"),
        textarea=True,
        help_text=_(
            "For example the condition of Schedule 1 to the Data Protection Act 2018 relied on, "
            "and where the agreement and its data protection impact assessment are kept."
        ),
    )
    fields = checkboxes(
        _("What is shared"),
        catalogue.FIELD_CHOICES,
        _("Select at least one kind of information to share"),
    )
    starts_on = date_input(
        _("Start date"), help_text=_("For example, 1 9 2026"), required=_("Enter the start date")
    )
    ends_on = date_input(
        _("End date"),
        help_text=_("The files of every export are removed after this day."),
        required=_("Enter the end date"),
    )
    approver = select(
        _("Approved by"),
        [],
        _("Select the council administrator who approved the agreement"),
        help_text=_(
            "A council administrator of this council. Only they can download the export files."
        ),
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.approvers = {str(user.pk): user for user in selectors.approvers(council)}
        self.fields["approver"].choices = [
            ("", _("Select one")),
            *((pk, user.full_name) for pk, user in self.approvers.items()),
        ]

    def clean_approver(self):
        return self.approvers[self.cleaned_data["approver"]]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends:
            if ends <= starts:
                self.add_error("ends_on", _("The end date must be after the start date"))
            elif ends < timezone.localdate():
                self.add_error("ends_on", _("The end date must be today or in the future"))
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "purpose": data["purpose"],
            "article_6": data["article_6"],
            "article_9": data["article_9"],
            "lawful_basis_detail": data["lawful_basis_detail"],
            "fields": [key for key in catalogue.FIELD_KEYS if key in data["fields"]],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "approver": data["approver"],
        }
