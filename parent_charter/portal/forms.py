"""Forms of the portal (a parent's own) and of the staff pages that answer parents."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from parent_charter.accounts.emails import EmailAddressField
from parent_charter.core.fields import VersionedEditForm, long_text, radios
from parent_charter.core.forms import FormTokenField

from .models import DEFAULT_RESPONSE_WORKING_DAYS


def _email_field(label, help_text=""):
    return EmailAddressField(
        label=label,
        help_text=help_text,
        max_length=254,
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "inputmode": "email"}
        ),
        error_messages={
            "required": _("Enter an email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("The email address must be 254 characters or fewer"),
        },
    )


# --- Accounts -------------------------------------------------------------------------------


class InviteForm(forms.Form):
    email = _email_field(
        _("The parent's email address"),
        help_text=_(
            "We will email the invitation here. Check it with the parent: the link lets whoever "
            "holds it set the password."
        ),
    )


class EmailForm(forms.Form):
    email = _email_field(_("Email address"))


class NewPasswordForm(forms.Form):
    """A new password, typed twice, checked by the project's password validators."""

    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter a password")},
    )
    password_again = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password again")},
    )

    def __init__(self, *args, email: str = "", full_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._person = get_user_model()(username=email, email=email, full_name=full_name)
        self.fields["password"].help_text = _(
            "At least 12 characters. A few words you will remember, with spaces, work well. "
            "Do not use a common password."
        )

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and "password" not in self.errors:
            try:
                validate_password(password, user=self._person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        if password and again and password != again and "password_again" not in self.errors:
            self.add_error("password_again", _("The passwords do not match"))
        return cleaned


# --- The parent's view on a plan item ----------------------------------------------------------


class ParentViewForm(VersionedEditForm):
    record_field_names = ("parent_view",)

    parent_view = long_text(
        _("Your view, in your own words"),
        help_text=_(
            "For example, whether this helped, what you would like to happen, or anything your "
            "adviser should know. Your adviser will see what you write. Leave it empty to remove "
            "your view."
        ),
        too_long=_("Your view must be 5000 characters or fewer"),
        rows=5,
    )

    def compared_field_names(self) -> list[str]:
        return ["parent_view"]


# --- Challenges -------------------------------------------------------------------------------

OTHER = "other"


class ChallengeForm(forms.Form):
    promise = radios(
        _("Which promise do you feel was not kept?"),
        (),
        _("Select the promise you feel was not kept"),
    )
    other_promise = forms.ChoiceField(
        label=_("If it is not in your plan, which of the council's promises?"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the council's promises")},
    )
    what_happened = long_text(
        _("What happened?"),
        required=_("Tell us what happened"),
        help_text=_("Say what was promised, what happened instead, and when, if you can."),
        too_long=_("What happened must be 5000 characters or fewer"),
        rows=6,
    )
    what_would_help = long_text(
        _("What would put it right? (optional)"),
        too_long=_("What would put it right must be 5000 characters or fewer"),
        rows=5,
    )
    form_token = FormTokenField()

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["promise"].choices = [
            *choices.plan_items,
            (OTHER, _("A promise that is not in my plan")),
        ]
        self.fields["other_promise"].choices = [("", _("Choose a promise")), *choices.others]
        if not choices.others:
            self.fields["other_promise"].widget = forms.HiddenInput()

    def promise_groups(self) -> list[tuple[str, list]]:
        """The radios of `promise` grouped by stage, so 35 read as a few short lists: [(stage
        label, [radio, ...])], then ("", [the radio for a promise not in the plan])."""
        radios = {str(radio.data["value"]): radio for radio in self["promise"]}
        groups = [
            (label, [radios[value] for value, _title in rows])
            for label, rows in self.choices.plan_item_groups
        ]
        return [*groups, ("", [radios[OTHER]])]

    def clean(self):
        cleaned = super().clean()
        missing = cleaned.get("promise") == OTHER and not cleaned.get("other_promise")
        if missing and "other_promise" not in self.errors:
            self.add_error("other_promise", _("Choose the council's promise you feel was not kept"))
        return cleaned

    def promise_fields(self) -> dict:
        """plan_item, commitment or local_commitment, for the service."""
        chosen = self.cleaned_data["promise"]
        if chosen != OTHER:
            return {"plan_item": self.choices.items_by_value[chosen]}
        value = self.cleaned_data["other_promise"]
        promise = self.choices.commitments_by_value[value]
        key = "commitment" if value.startswith("charter:") else "local_commitment"
        return {key: promise}

    def record_fields(self) -> dict:
        return {
            "what_happened": self.cleaned_data["what_happened"],
            "what_would_help": self.cleaned_data["what_would_help"],
            **self.promise_fields(),
        }


class OutcomeForm(VersionedEditForm):
    resolved = forms.TypedChoiceField(
        label=_("Did the council's response resolve things for you?"),
        choices=[("yes", _("Yes, it is resolved")), ("no", _("No, it is not resolved"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether the response resolved things"),
            "invalid_choice": _("Select whether the response resolved things"),
        },
    )
    still_needed = long_text(
        _("If it is not resolved, what do you still need?"),
        too_long=_("What you still need must be 5000 characters or fewer"),
        rows=5,
    )

    def clean(self):
        cleaned = super().clean()
        not_resolved = cleaned.get("resolved") is False and "resolved" not in self.errors
        empty = not cleaned.get("still_needed", "").strip()
        if not_resolved and empty and "still_needed" not in self.errors:
            self.add_error("still_needed", _("Tell us what you still need"))
        return cleaned


class ResponseForm(VersionedEditForm):
    response = long_text(
        _("Your response to the parent"),
        required=_("Enter the response to the parent"),
        help_text=_(
            "Write to the parent in plain words: what you found, what you will do and by when. "
            "They will read it in their portal."
        ),
        too_long=_("The response must be 5000 characters or fewer"),
        rows=8,
    )


class PortalSettingsForm(VersionedEditForm):
    record_field_names = ("challenge_response_working_days",)

    challenge_response_working_days = forms.IntegerField(
        label=_("Working days to respond to a parent's challenge"),
        help_text=_(
            "Weekends and bank holidays are not counted. A parent who challenges the council is "
            "told the date the response is due."
        ),
        min_value=1,
        max_value=60,
        initial=DEFAULT_RESPONSE_WORKING_DAYS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the number of working days"),
            "invalid": _("Enter a whole number of working days, like 10"),
            "min_value": _("The number of working days must be 1 or more"),
            "max_value": _("The number of working days must be 60 or fewer"),
        },
    )
