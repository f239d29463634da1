"""Forms of moving between councils: the proposal, the parent's answer recorded by their
adviser, and the receiving council's acceptance or refusal. Each step carries the version its
reader saw, so two people deciding at once cannot both win."""

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import Council
from parent_charter.core.fields import checkboxes, date_input, long_text, radios, select
from parent_charter.core.forms import ExpectedVersionField, FormTokenField

from . import catalogue
from .models import ConsentRoute, Kind

YES, NO = "yes", "no"
ANSWERS = [(YES, _("Yes, they agreed")), (NO, _("No, they did not agree"))]


class ProposeForm(forms.Form):
    form_token = FormTokenField()
    receiving_council = select(
        _("Which council's area is the parent moving to?"),
        [],
        _("Select the council the parent is moving to"),
    )
    kind = radios(
        _("What do you propose?"),
        [
            (
                Kind.TRANSFER,
                _("A transfer: the receiving council takes over, and our support ends"),
            ),
            (
                Kind.SHARED,
                _(
                    "Shared support: both councils support the parent, and we stay the corporate "
                    "parent"
                ),
            ),
        ],
        _("Select a transfer or shared support"),
    )
    information = checkboxes(
        _("What else may go with them?"),
        catalogue.CHOICES,
        _("Select what may go with them"),
        required=False,
        help_text=_(
            "Their details always go. Choose only what the parent agrees to. Their care "
            "history, concerns, referrals and contact arrangements never go this way."
        ),
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        language = (get_language() or "en")[:2]
        self.councils = {
            str(row.pk): row for row in Council.objects.exclude(pk=council.pk).order_by("name")
        }
        self.fields["receiving_council"].choices = [
            ("", _("Select one")),
            *((pk, row.display_name(language)) for pk, row in self.councils.items()),
        ]

    def clean_receiving_council(self):
        return self.councils[self.cleaned_data["receiving_council"]]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "receiving_council": data["receiving_council"],
            "kind": data["kind"],
            "information": data["information"],
        }


class AnswerForm(forms.Form):
    """The parent's answer, as their adviser heard it."""

    version = ExpectedVersionField()
    answer = radios(
        _("Did the parent agree to the move and to what goes with them?"),
        ANSWERS,
        _("Select whether the parent agreed"),
    )
    given_on = date_input(
        _("When did they answer?"),
        help_text=_("For example, 27 11 2026"),
        required=_("Enter the date the parent answered"),
    )
    route = radios(
        _("How did they answer?"),
        [(value, label) for value, label in ConsentRoute.choices if value != ConsentRoute.PORTAL],
        _("Select how the parent answered"),
    )

    def clean_given_on(self):
        day = self.cleaned_data["given_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date the parent answered must be today or before"))
        return day


class AcceptForm(forms.Form):
    version = ExpectedVersionField()
    adviser = select(
        _("Who will be their personal adviser here?"),
        [],
        _("Select the parent's personal adviser"),
    )

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.advisers = {str(user.pk): user for user in advisers}
        self.fields["adviser"].choices = [
            ("", _("Select one")),
            *((pk, user.full_name) for pk, user in self.advisers.items()),
        ]

    def clean_adviser(self):
        return self.advisers[self.cleaned_data["adviser"]]


class DeclineForm(forms.Form):
    version = ExpectedVersionField()
    reason = long_text(
        _("Why are you declining?"),
        required=_("Enter why you are declining"),
        max_length=1000,
        too_long=_("The reason must be 1,000 characters or fewer"),
        help_text=_(
            "The sending council reads this. Do not write about the parent's history: say what "
            "the sending council needs to do next."
        ),
        rows=5,
    )


class VersionForm(forms.Form):
    """A button that acts at the version shown (withdraw; the parent's answer in the portal)."""

    version = ExpectedVersionField()
    answer = forms.ChoiceField(choices=ANSWERS, required=False)
