"""The parent's own referral to a programme, from the portal, agreeing in the same step what
is shared with the organisation that runs it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import long_text, radios
from parent_charter.core.forms import FormTokenField

from .models import SharedInformation

# The same kinds of information, in words addressed to the parent.
PARENT_LABELS = {
    SharedInformation.CONTACT: _("Your phone number, email address and home address"),
    SharedInformation.DATE_OF_BIRTH: _("Your date of birth"),
    SharedInformation.CHILDREN: _("Your children's first names and dates of birth"),
    SharedInformation.PREGNANCY: _("That you are expecting a baby, and the due date"),
    SharedInformation.PLAN_SUMMARY: _("What your support plan is helping with"),
    SharedInformation.REASON: _("What you write below about the help you would like"),
    SharedInformation.CARE_LEAVER: _("That you are a care leaver"),
}


class SelfReferralForm(forms.Form):
    """A parent refers themself to a programme and agrees, in the same step, what is shared."""

    form_token = FormTokenField()
    programme = radios(_("Which programme would you like to join?"), [], _("Select a programme"))
    message = long_text(
        _("What help would you like? (optional)"),
        max_length=2000,
        too_long=_("This must be 2000 characters or fewer"),
        help_text=_("Anything you would like them to know before they contact you"),
        rows=5,
    )
    shared = forms.MultipleChoiceField(
        label=_("What can we share with them?"),
        help_text=_(
            "Your name is always shared. They need your contact details to get in touch with you."
        ),
        choices=list(PARENT_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select your contact details, so that they can get in touch with you"),
            "invalid_choice": _("Select what we can share"),
        },
    )
    agreed = forms.BooleanField(
        label=_(
            "I agree that the leaving-care team can share the information I have ticked with "
            "the organisation that runs the programme"
        ),
        help_text=_("You can change your mind at any time by telling your personal adviser."),
        error_messages={"required": _("Tick the box to agree to share this information")},
    )
    while_open_confirmed = forms.BooleanField(
        label=_("I want to send another referral even so"),
        required=False,
    )

    def __init__(self, *args, programmes, open_referrals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {str(p.pk): p for p in programmes}
        # The parent's open referrals to programmes, by programme id, shown as warnings; the
        # service refuses a second one unless it is confirmed (refuse_while_open).
        self.open_referrals = open_referrals or {}
        self.open_referral = None
        self.fields["programme"].choices = [
            (
                key,
                _("%(programme)s, run by %(organisation)s")
                % {"programme": p.name, "organisation": p.provider.name},
            )
            for key, p in self.programmes.items()
        ]

    def clean_programme(self):
        return self.programmes[self.cleaned_data["programme"]]

    def refuse_while_open(self, existing) -> None:
        """Shows the open referral to the same programme, and asks to confirm sending another."""
        self.open_referral = existing
        self.add_error(
            "programme",
            _(
                "You already have a referral to %(programme)s that is still open. Look at it "
                "first, or tick the box to say you want to send another."
            )
            % {"programme": existing.programme.name},
        )

    def clean_shared(self):
        shared = self.cleaned_data["shared"]
        if SharedInformation.CONTACT not in shared:
            raise forms.ValidationError(
                _("Select your contact details, so that they can get in touch with you")
            )
        return shared
