"""Forms for making a referral, answering it, arranging the support and logging contacts.

Every refusal is a message next to the field: a referral with no consent in force, a status
that can no longer follow the current one, a date in the future.
"""

from django import forms
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from parent_charter.children.forms import ConditionalRadiosMixin
from parent_charter.core.forms import ExpectedVersionField, FormTokenField, GovUKDateField
from parent_charter.offers.models import DeliveryPlace, SupportForm, SupportGiver
from parent_charter.parents.forms import MultilineField
from parent_charter.parents.selectors import active_consents

from .models import (
    PROFESSIONAL_REFERRERS,
    ContactMethod,
    DeliveryFrequency,
    Outcome,
    ReferredBy,
    ServiceKind,
    SharedInformation,
    Status,
)

LONG_TEXT = 5000
SHORT_NOTE = 1000
NO_PROGRAMME = "none"


def _radios(label, choices, message, *, required=True, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _text(label, *, max_length, too_long, required_message=None, rows=4, **kwargs):
    return MultilineField(
        label=label,
        max_length=max_length,
        required=required_message is not None,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": too_long,
            **({"required": required_message} if required_message else {}),
        },
        **kwargs,
    )


def _line(label, *, max_length=200, too_long, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        error_messages={"max_length": too_long},
        **kwargs,
    )


def first_name(parent) -> str:
    return parent.preferred_name or parent.given_name


class ReferralForm(forms.Form):
    """A referral sent by the leaving-care team, whoever asked for it.

    The consent check is part of validation: with no consent in force naming the organisation
    the form is refused with a message on the organisation, and the page links to the consent
    form (`consent_missing` says for which organisation).
    """

    form_token = FormTokenField()
    kind = _radios(
        _("What kind of service is it?"),
        ServiceKind.choices,
        _("Select the kind of service"),
    )
    programme = _radios(
        _("Is it for a programme of your council's offer?"),
        [],
        _("Select a programme, or that it is not for a programme"),
        required=False,
    )
    organisation = _radios(
        _("Which organisation is it to?"),
        [],
        _("Select the organisation"),
        required=False,
    )
    referred_by = _radios(
        _("Who asked for the referral?"),
        ReferredBy.choices,
        _("Select who asked for the referral"),
    )
    professional_name = _line(
        _("Their name"),
        too_long=_("Name must be 200 characters or fewer"),
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    professional_role = _line(
        _("Their role"),
        help_text=_("For example, community midwife"),
        too_long=_("Role must be 200 characters or fewer"),
    )
    professional_organisation = _line(
        _("Their organisation"),
        help_text=_("For example, Hereford County Hospital maternity unit"),
        too_long=_("Organisation must be 200 characters or fewer"),
    )
    professional_phone = _line(
        _("Their phone number"),
        max_length=30,
        too_long=_("Phone number must be 30 characters or fewer"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    professional_email = forms.EmailField(
        label=_("Their email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    reason = _text(
        _("Why are you making this referral, and what does the parent want from it?"),
        max_length=LONG_TEXT,
        too_long=_("The reason must be 5000 characters or fewer"),
        required_message=_("Enter why you are making this referral"),
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


# How each status reads as an answer to "What has happened?".
STATUS_CHOICE_LABELS = {
    Status.RECEIVED: _("Received: it will be looked at soon"),
    Status.ACCEPTED: _("Accepted: support can be offered"),
    Status.DECLINED: _("Declined: support cannot be offered"),
    Status.STARTED: _("Started: support has begun"),
    Status.ENDED: _("Ended: support has finished or stopped"),
}


class StatusForm(ConditionalRadiosMixin, forms.Form):
    """The next step of a referral: only the steps that may follow its current status."""

    reveals = {"status": {Status.DECLINED: ("reason",), Status.ENDED: ("outcome",)}}

    status = _radios(_("What has happened?"), [], _("Select what has happened"))
    reason = _text(
        _("Why can it not be offered?"),
        max_length=LONG_TEXT,
        too_long=_("The reason must be 5000 characters or fewer"),
        help_text=_("The parent's adviser and the parent will see this"),
    )
    outcome = _radios(
        _("What was the outcome?"), Outcome.choices, _("Select the outcome"), required=False
    )
    note = _text(
        _("Note (optional)"),
        max_length=LONG_TEXT,
        too_long=_("The note must be 5000 characters or fewer"),
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        field = self.fields["status"]
        field.choices = [(value, STATUS_CHOICE_LABELS[value]) for value in referral.next_statuses]
        field.error_messages["invalid_choice"] = _(
            "The referral is now “%(status)s”, so that is no longer possible. Choose again."
        ) % {"status": referral.get_status_display()}

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        self._ignore_unchosen("status", status)
        missing_reason = not cleaned.get("reason", "").strip() and "reason" not in self.errors
        if status == Status.DECLINED and missing_reason:
            self.add_error("reason", _("Enter why support cannot be offered"))
        if status == Status.ENDED and not cleaned.get("outcome") and "outcome" not in self.errors:
            self.add_error("outcome", _("Select the outcome"))
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "reason": data.get("reason") or "",
            "outcome": data.get("outcome") or "",
            "note": data.get("note") or "",
        }


def _limited(choices_class, offered: list[str], current: str = "") -> list[tuple[str, str]]:
    """The programme's own options (all when it names none), and the value saved already."""
    wanted = set(offered or choices_class.values) | ({current} if current else set())
    return [(value, label) for value, label in choices_class.choices if value in wanted]


class DeliveryForm(forms.Form):
    """How the programme's support is given: what, by whom, where and how often."""

    support_form = _radios(_("What kind of support?"), [], _("Select the kind of support"))
    support_giver = _radios(_("Who gives it?"), [], _("Select who gives the support"))
    place = _radios(_("Where?"), [], _("Select where the support happens"))
    frequency = _radios(_("How often?"), DeliveryFrequency.choices, _("Select how often"))
    worker_name = _line(
        _("First name of the volunteer or worker (optional)"),
        max_length=100,
        too_long=_("Name must be 100 characters or fewer"),
        help_text=_("So the parent's adviser knows who to ask"),
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
    )
    version = ExpectedVersionField()

    def __init__(self, *args, programme, delivery=None, **kwargs):
        super().__init__(*args, **kwargs)

        def current(name):
            return getattr(delivery, name, "") if delivery is not None else ""

        self.fields["support_form"].choices = _limited(
            SupportForm, programme.support_forms, current("support_form")
        )
        self.fields["support_giver"].choices = _limited(
            SupportGiver, programme.support_givers, current("support_giver")
        )
        self.fields["place"].choices = _limited(
            DeliveryPlace, programme.delivery_places, current("place")
        )

    @property
    def expected_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    @classmethod
    def initial_for(cls, delivery) -> dict:
        if delivery is None or not delivery.pk:
            return {"version": 0}
        return {
            "support_form": delivery.support_form,
            "support_giver": delivery.support_giver,
            "place": delivery.place,
            "frequency": delivery.frequency,
            "worker_name": delivery.worker_name,
            "version": delivery.version,
        }

    def record_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("support_form", "support_giver", "place", "frequency", "worker_name")
        }


class ContactForm(forms.Form):
    """One contact with the parent: when, how, how long, and a short note."""

    form_token = FormTokenField()
    on = GovUKDateField(
        label=_("Date of the contact"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date of the contact")},
    )
    method = _radios(_("How did you meet or talk?"), ContactMethod.choices, _("Select how"))
    duration_minutes = forms.IntegerField(
        label=_("How long did it last, in minutes?"),
        min_value=1,
        max_value=600,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input--width-4", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Enter how long the contact lasted, in minutes"),
            "invalid": _("Enter how long the contact lasted as a number of minutes, like 45"),
            "min_value": _("How long it lasted must be at least 1 minute"),
            "max_value": _("How long it lasted must be 600 minutes (10 hours) or fewer"),
        },
    )
    note = _text(
        _("Short note (optional)"),
        max_length=SHORT_NOTE,
        too_long=_("The note must be 1000 characters or fewer"),
        help_text=_("For example, what you did together. The parent's adviser will see it."),
        rows=3,
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of the contact must be today or in the past"))
        sent_on = timezone.localdate(self.referral.created_at)
        if value < sent_on:
            raise forms.ValidationError(
                _("The date of the contact must be on or after the referral was sent")
            )
        return value

    def service_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("on", "method", "duration_minutes", "note")
        }


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
    programme = _radios(_("Which programme would you like to join?"), [], _("Select a programme"))
    message = _text(
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
