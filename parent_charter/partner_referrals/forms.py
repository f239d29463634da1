"""The form for making a referral (the leaving-care team's). The partner's side (status,
delivery, contacts) is in forms_partner.py and the parent's own referral in forms_portal.py.

Every refusal is a message next to the field: a referral with no consent in force, a
programme with a referral still open, a professional who cannot be reached.
"""

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import email_address, long_text, radios, text
from parent_charter.core.forms import FormTokenField
from parent_charter.parents.selectors import active_consents

from .models import (
    PROFESSIONAL_REFERRERS,
    ReferredBy,
    ServiceKind,
    SharedInformation,
)

SHORT_NOTE = 1000
NO_PROGRAMME = "none"


def first_name(parent) -> str:
    return parent.preferred_name or parent.given_name


class ReferralForm(forms.Form):
    """A referral sent by the leaving-care team, whoever asked for it.

    The consent check is part of validation: with no consent in force naming the organisation
    the form is refused with a message on the organisation, and the page links to the consent
    form (`consent_missing` says for which organisation).
    """

    form_token = FormTokenField()
    kind = radios(
        _("What kind of service is it?"),
        ServiceKind.choices,
        _("Select the kind of service"),
    )
    programme = radios(
        _("Is it for a programme of your council's offer?"),
        [],
        _("Select a programme, or that it is not for a programme"),
        required=False,
    )
    organisation = radios(
        _("Which organisation is it to?"),
        [],
        _("Select the organisation"),
        required=False,
    )
    referred_by = radios(
        _("Who asked for the referral?"),
        ReferredBy.choices,
        _("Select who asked for the referral"),
    )
    professional_name = forms.CharField(
        label=_("Their name"),
        max_length=200,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        required=False,
        error_messages={"max_length": _("Name must be 200 characters or fewer")},
    )
    professional_role = text(
        _("Their role"),
        help_text=_("For example, community midwife"),
        too_long=_("Role must be 200 characters or fewer"),
        max_length=200,
    )
    professional_organisation = text(
        _("Their organisation"),
        help_text=_("For example, Hereford County Hospital maternity unit"),
        too_long=_("Organisation must be 200 characters or fewer"),
        max_length=200,
    )
    professional_phone = forms.CharField(
        label=_("Their phone number"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        required=False,
        error_messages={"max_length": _("Phone number must be 30 characters or fewer")},
    )
    professional_email = email_address(
        _("Their email address"),
        too_long=_("Email address must be 254 characters or fewer"),
        autocomplete="off",
    )
    reason = long_text(
        _("Why are you making this referral, and what does the parent want from it?"),
        too_long=_("The reason must be 5000 characters or fewer"),
        required=_("Enter why you are making this referral"),
        rows=5,
    )
    shared = forms.MultipleChoiceField(
        label=_("What information will be shared?"),
        choices=SharedInformation.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select the information that will be shared"),
            "invalid_choice": _("Select the information that will be shared"),
        },
    )
    confirmed = forms.BooleanField(
        label="",
        error_messages={
            "required": _("Confirm that the parent agreed to share this information"),
        },
    )
    while_open_confirmed = forms.BooleanField(
        label=_("Send another referral to this programme even so"),
        required=False,
    )

    def __init__(self, *args, parent, partners, programmes, open_referrals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        # Open referrals to programmes by programme id (selectors.open_programme_referrals),
        # shown as warnings; the service refuses a second one unless it is confirmed, checked
        # after a resent form is recognised, so resending never reads as a second referral.
        self.open_referrals = open_referrals or {}
        self.open_referral = None
        self.partners = {str(p.pk): p for p in partners}
        self.programmes = {str(p.pk): p for p in programmes}
        self.consent_missing = None
        name = first_name(parent)
        self.fields["organisation"].choices = [(k, p.name) for k, p in self.partners.items()]
        self.fields["programme"].choices = [
            *(
                (
                    k,
                    _("%(programme)s, run by %(organisation)s")
                    % {
                        "programme": p.name,
                        "organisation": p.provider.name,
                    },
                )
                for k, p in self.programmes.items()
            ),
            (NO_PROGRAMME, _("No, it is not for a programme")),
        ]
        if not self.programmes:
            del self.fields["programme"]
        self.fields["organisation"].help_text = _("For a programme, the organisation that runs it")
        self.fields["shared"].label = _("What information will be shared with them?")
        # Help text is shown as HTML (govuk/forms/field.html), so the name is escaped here.
        self.fields["shared"].help_text = _(
            "%(name)s's name always goes with the referral. "
            "Tick only what %(name)s agreed to share."
        ) % {"name": escape(name)}
        self.fields["confirmed"].label = _(
            "%(name)s agreed to share the information ticked above with this organisation"
        ) % {"name": name}

    def clean(self):
        cleaned = super().clean()
        programme = self.programmes.get(cleaned.get("programme") or "")
        organisation = self.partners.get(cleaned.get("organisation") or "")
        cleaned["programme"] = programme
        if programme is not None and organisation is None and "organisation" not in self.errors:
            organisation = programme.provider
        if organisation is None:
            if "organisation" not in self.errors:
                self.add_error("organisation", _("Select the organisation"))
        elif programme is not None and programme.provider_id != organisation.pk:
            self.add_error(
                "organisation",
                _("%(programme)s is run by %(organisation)s. Choose that organisation.")
                % {"programme": programme.name, "organisation": programme.provider.name},
            )
            organisation = None
        cleaned["organisation"] = organisation
        if cleaned.get("kind") == ServiceKind.PROGRAMME and programme is None:
            if "programme" in self.fields and "programme" not in self.errors:
                self.add_error("programme", _("Select the programme"))
            elif "programme" not in self.fields:
                self.add_error(
                    "kind", _("Your council's offer has no programmes. Choose another kind.")
                )
        self._clean_professional(cleaned)
        if organisation is not None and not active_consents(self.parent, organisation).exists():
            self.consent_missing = organisation
            self.add_error(
                "organisation",
                _(
                    "%(name)s has not agreed to share information with %(organisation)s. "
                    "Record their consent first."
                )
                % {"name": first_name(self.parent), "organisation": organisation.name},
            )
        return cleaned

    def refuse_while_open(self, existing) -> None:
        """Shows the open referral to the same programme, and asks to confirm sending another."""
        self.open_referral = existing
        self.add_error(
            "programme" if "programme" in self.fields else None,
            _(
                "%(name)s already has a referral to %(programme)s that is still open. "
                "Look at it first, or confirm that you are sending another."
            )
            % {"name": first_name(self.parent), "programme": existing.programme.name},
        )

    def _clean_professional(self, cleaned):
        names = [name for name in self.fields if name.startswith("professional_")]
        if cleaned.get("referred_by") not in PROFESSIONAL_REFERRERS:
            for name in names:
                self._errors.pop(name, None)
                cleaned[name] = ""
            return
        for name in names:
            cleaned[name] = (cleaned.get(name) or "").strip()
        if not cleaned["professional_name"] and "professional_name" not in self.errors:
            self.add_error("professional_name", _("Enter the name of the person who asked"))
        if (
            not cleaned["professional_organisation"]
            and "professional_organisation" not in self.errors
        ):
            self.add_error("professional_organisation", _("Enter the organisation they work for"))
        reachable = cleaned["professional_phone"] or cleaned["professional_email"]
        if not reachable and not {"professional_phone", "professional_email"} & set(self.errors):
            self.add_error(
                "professional_phone", _("Enter a phone number or an email address for them")
            )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "programme": data["programme"],
            "kind": data["kind"],
            "referred_by": data["referred_by"],
            "reason": data["reason"],
            "shared": data["shared"],
            "while_open_confirmed": data["while_open_confirmed"],
            "professional": {
                "name": data["professional_name"],
                "role": data["professional_role"],
                "organisation": data["professional_organisation"],
                "phone": data["professional_phone"],
                "email": data["professional_email"],
            },
        }
