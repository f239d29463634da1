from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .emails import normalise_email


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "username",
                "spellcheck": "false",
                "autocapitalize": "none",
                "inputmode": "email",
            }
        ),
        error_messages={"required": _("Enter your email address")},
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )

    error_messages = {
        "invalid_login": _(
            "Enter a correct email address and password. The password is case-sensitive."
        ),
        "inactive": _("This account has been switched off. Ask your council administrator."),
    }

    def clean_username(self):
        # Any case signs in (accounts.emails): phones capitalise the first letter.
        return normalise_email(self.cleaned_data.get("username"))


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Security code"),
        help_text=_("The 6-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
        error_messages={
            "required": _("Enter the security code"),
            "min_length": _("The security code must be 6 digits"),
            "max_length": _("The security code must be 6 digits"),
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The security code must only include numbers"))
        return token
