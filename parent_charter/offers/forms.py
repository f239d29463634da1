"""Forms council administrators use to change their local offer, contacts and opening hours."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from parent_charter.authorities.models import (
    Nation,
    PartnerOrganisation,
    Weekday,
    phone_validator,
    spans_by_day,
)
from parent_charter.charter.models import AppliesTo, Stage, Theme
from parent_charter.core.fields import (
    AddOrEditForm,
    VersionedEditForm,
    checkboxes,
    radios,
    select,
    text,
    whole_number,
)
from parent_charter.core.forms import GovUKDateField, clean_uk_postcode

from . import services
from .models import (
    AdoptionStatus,
    ContactFrequency,
    DeliveryPlace,
    EligibilityBoundary,
    ReferralRoute,
    SupportForm,
    SupportGiver,
)


def telephone(label, *, required=None):
    return text(
        label,
        required=required,
        validators=[_validate_telephone],
        width="govuk-input--width-20",
    )


def _validate_telephone(value: str) -> None:
    # One message for both rules, so a long number is not told off twice.
    phone_validator(value)
    if len(value) > 20:
        raise forms.ValidationError(phone_validator.message, code="invalid")


def email_address(label):
    return forms.EmailField(
        label=label,
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "email"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email must be 254 characters or fewer"),
        },
    )


class LocalOfferForm(VersionedEditForm):
    record_field_names = services.OFFER_FIELDS

    status = radios(
        _("Where is your council with the charter?"),
        AdoptionStatus.choices,
        _("Select engaged, signed up or withdrawn"),
    )
    status_date = GovUKDateField(
        label=_("Date your council reached this status"),
        help_text=_("For example, 27 3 2024"),
        error_messages={"required": _("Enter the date your council reached this status")},
    )
    eligibility_age = whole_number(
        _("Support is available up to the age of"),
        low=18,
        high=30,
        message=_("Enter an age between 18 and 30"),
    )
    eligibility_boundary = radios(
        _("How is the age limit counted?"),
        EligibilityBoundary.choices,
        _("Select how the age limit is counted"),
    )
    evidence_recency_months = whole_number(
        _("Evidence for a referral to children's services is current for how many months?"),
        low=1,
        high=24,
        message=_("Enter a number of months between 1 and 24"),
        help_text=_(
            "A referral or pre-birth request needs at least one event from this period. Older "
            "evidence can be added as background but never stands alone. The usual is 6."
        ),
    )
    introduction_en = text(_("Introduction in English (optional)"), textarea=True)
    introduction_cy = text(_("Introduction in Welsh (optional)"), textarea=True)
    published = forms.BooleanField(
        label=_("Show the public offer page"),
        required=False,
        help_text=_("Untick to hide the page while you prepare it."),
    )


class LocalCommitmentForm(AddOrEditForm):
    """A promise the council adds to the charter. Adding it leaves out `retired` and `version`."""

    def clean_applies_to(self):
        # Left unanswered (an older form, or a client that sends no radio), it is for everyone.
        return self.cleaned_data.get("applies_to") or AppliesTo.ANY

    record_field_names = (*services.COMMITMENT_FIELDS, "retired")

    stage = select(
        _("When does the promise apply?"), Stage.choices, _("Select when the promise applies")
    )
    theme = select(_("Theme"), Theme.choices, _("Select the theme of the promise"))
    applies_to = radios(
        _("Who is the promise for?"),
        AppliesTo.choices,
        _("Select who the promise is for"),
        initial=AppliesTo.ANY,
        required=False,
        help_text=_("A parent who has not said whether they are a mother or a father gets both."),
    )
    title_en = text(
        _("Title in English"),
        required=_("Enter the title in English"),
        max_length=200,
        too_long=_("Title in English must be 200 characters or fewer"),
        help_text=_("A short heading, such as 'We pay for your first scan'"),
    )
    title_cy = text(
        _("Title in Welsh (optional)"),
        max_length=200,
        too_long=_("Title in Welsh must be 200 characters or fewer"),
    )
    wording_en = text(
        _("Promise to the parent, in English"),
        required=_("Enter the promise to the parent in English"),
        textarea=True,
    )
    wording_cy = text(_("Promise to the parent, in Welsh (optional)"), textarea=True)
    guidance = text(
        _("Guidance for workers"),
        required=_("Enter guidance for workers"),
        textarea=True,
    )
    evidence = text(
        _("What counts as evidence of delivery"),
        required=_("Enter what counts as evidence that the promise was kept"),
        textarea=True,
    )
    retired = forms.BooleanField(
        label=_("No longer offered"),
        required=False,
        help_text=_(
            "Parents will no longer see this promise. Records of support already given keep it."
        ),
    )

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, adding=adding, **kwargs)
        if adding:
            del self.fields["retired"]

    def record_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in self.record_field_names if name in self.fields
        }


_TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def _day_key(day: Weekday) -> str:
    return day.name.lower()


class CouncilContactsForm(VersionedEditForm):
    """The council's contact details and its office hours for all seven days, saved together."""

    contact_field_names = services.CONTACT_FIELDS
    record_field_names = contact_field_names

    phone = telephone(_("Main telephone (optional)"))
    duty_phone = telephone(
        _("Duty worker telephone"), required=_("Enter the duty worker's telephone number")
    )
    out_of_hours_phone = telephone(
        _("Emergency duty team (out of hours) telephone"),
        required=_("Enter the emergency duty team's telephone number"),
    )
    email = email_address(_("Email (optional)"))
    address = text(
        _("Office address (optional)"),
        textarea=True,
        help_text=_("Without the postcode. Put each line of the address on a new line."),
    )
    # No max_length: the postcode is checked after spaces are tidied, in clean_postcode.
    postcode = text(_("Postcode (optional)"), width="govuk-input--width-10")
    welsh_required = forms.BooleanField(
        label=_("The council must offer its services in Welsh"),
        required=False,
        help_text=_("Councils in Wales have a duty to offer their services in Welsh."),
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        for day in Weekday:
            self._add_day_fields(day)

    def _add_day_fields(self, day: Weekday) -> None:
        key, name = _day_key(day), str(day.label)
        self.fields[f"{key}_open"] = forms.ChoiceField(
            label=day.label,
            choices=[("open", _("Open")), ("closed", _("Closed"))],
            widget=forms.RadioSelect(attrs={"inline": True}),
            error_messages={
                "required": _("Select whether the office is open on %(day)s") % {"day": name},
                "invalid_choice": _("Select whether the office is open on %(day)s") % {"day": name},
            },
        )
        for part, label, message in (
            ("opens_at", _("Opens on %(day)s"), _("Enter the time the office opens on %(day)s")),
            ("closes_at", _("Closes on %(day)s"), _("Enter the time the office closes on %(day)s")),
        ):
            self.fields[f"{key}_{part}"] = forms.TimeField(
                label=label % {"day": name},
                required=False,
                input_formats=_TIME_FORMATS,
                help_text=_("Use the 24-hour clock, for example 09:00 or 17:30"),
                widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
                error_messages={
                    "invalid": _("Enter a real time on %(day)s, like 09:00 or 17:30")
                    % {"day": name}
                },
            )
            # Remembered for clean(), where an open day's missing time is reported.
            self.fields[f"{key}_{part}"].missing_message = message % {"day": name}
        # An optional break (a lunch closure): the day is then kept as two opening spans.
        for part, label in (
            ("break_starts", _("Closes for a break on %(day)s (optional)")),
            ("break_ends", _("Opens again on %(day)s")),
        ):
            self.fields[f"{key}_{part}"] = forms.TimeField(
                label=label % {"day": name},
                required=False,
                input_formats=_TIME_FORMATS,
                widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
                error_messages={
                    "invalid": _("Enter a real time on %(day)s, like 09:00 or 17:30")
                    % {"day": name}
                },
            )

    @property
    def days(self) -> list[dict]:
        """Each weekday's three fields, for the template."""
        return [
            {
                "open": self[f"{_day_key(day)}_open"],
                "opens_at": self[f"{_day_key(day)}_opens_at"],
                "closes_at": self[f"{_day_key(day)}_closes_at"],
                "break_starts": self[f"{_day_key(day)}_break_starts"],
                "break_ends": self[f"{_day_key(day)}_break_ends"],
            }
            for day in Weekday
        ]

    def clean_postcode(self):
        return clean_uk_postcode(self.cleaned_data["postcode"])

    def clean(self):
        data = super().clean()
        if self.council.nation == Nation.WALES and not data.get("welsh_required"):
            self.add_error(
                "welsh_required",
                _("Councils in Wales must offer their services in Welsh, so this must stay ticked"),
            )
        for day in Weekday:
            self._clean_day(_day_key(day), data)
        return data

    def _clean_day(self, key: str, data: dict) -> None:
        opens_name, closes_name = f"{key}_opens_at", f"{key}_closes_at"
        starts_name, ends_name = f"{key}_break_starts", f"{key}_break_ends"
        if data.get(f"{key}_open") != "open":
            # Times typed for a closed day are ignored, and so are any mistakes in them.
            for name in (opens_name, closes_name, starts_name, ends_name):
                self._errors.pop(name, None)
                data[name] = None
            return
        self._clean_break(key, data)
        for name in (opens_name, closes_name):
            if name not in self._errors and data.get(name) is None:
                self.add_error(name, self.fields[name].missing_message)
        opens, closes = data.get(opens_name), data.get(closes_name)
        if opens is not None and closes is not None and closes <= opens:
            day = self.fields[f"{key}_open"].label
            self.add_error(
                closes_name,
                _("The time the office closes on %(day)s must be after the time it opens")
                % {"day": day},
            )

    def _clean_break(self, key: str, data: dict) -> None:
        starts_name, ends_name = f"{key}_break_starts", f"{key}_break_ends"
        if starts_name in self._errors or ends_name in self._errors:
            return
        starts, ends = data.get(starts_name), data.get(ends_name)
        day = self.fields[f"{key}_open"].label
        if starts is None and ends is None:
            return
        if starts is None or ends is None:
            missing = starts_name if starts is None else ends_name
            self.add_error(
                missing,
                _("Enter both times of the break on %(day)s, or neither") % {"day": day},
            )
            return
        opens, closes = data.get(f"{key}_opens_at"), data.get(f"{key}_closes_at")
        if ends <= starts:
            self.add_error(
                ends_name,
                _("The office must open again on %(day)s after the break starts") % {"day": day},
            )
        elif opens is not None and closes is not None and not opens < starts < ends < closes:
            self.add_error(
                starts_name,
                _("The break on %(day)s must be between the time the office opens and closes")
                % {"day": day},
            )

    def hours(self) -> dict[int, tuple]:
        """Weekday -> its opening spans ((opens, closes), ...); () when the office is closed.

        A break splits the day into two spans, before and after it.
        """
        result = {}
        for day in Weekday:
            key = _day_key(day)
            if self.cleaned_data[f"{key}_open"] != "open":
                result[day.value] = ()
                continue
            opens = self.cleaned_data[f"{key}_opens_at"]
            closes = self.cleaned_data[f"{key}_closes_at"]
            starts = self.cleaned_data.get(f"{key}_break_starts")
            ends = self.cleaned_data.get(f"{key}_break_ends")
            if starts and ends:
                result[day.value] = ((opens, starts), (ends, closes))
            else:
                result[day.value] = ((opens, closes),)
        return result

    @classmethod
    def initial_for(cls, council) -> dict:
        initial = super().initial_for(council)
        days = spans_by_day(council.office_hours.all())
        for day in Weekday:
            key, spans = _day_key(day), days.get(day.value, ())
            initial[f"{key}_open"] = "open" if spans else "closed"
            initial[f"{key}_opens_at"] = spans[0][0] if spans else None
            initial[f"{key}_closes_at"] = spans[-1][1] if spans else None
            # Two spans are a day with a break: the first closes when the break starts.
            two = len(spans) == 2
            initial[f"{key}_break_starts"] = spans[0][1] if two else None
            initial[f"{key}_break_ends"] = spans[1][0] if two else None
        return initial

    def compared_field_names(self) -> list[str]:
        names = list(self.contact_field_names)
        for day in Weekday:
            key = _day_key(day)
            names += [
                f"{key}_open",
                f"{key}_opens_at",
                f"{key}_closes_at",
                f"{key}_break_starts",
                f"{key}_break_ends",
            ]
        return names


_WEBSITE_MESSAGE = _("Enter a website address in the correct format, like https://www.example.org")


class WebsiteField(forms.URLField):
    """A web page's address: http or https only, not ftp: or any other scheme."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class PartnerOrganisationForm(AddOrEditForm):
    """A charity or service the council works with. Its name is unique within the council."""

    record_field_names = services.PARTNER_FIELDS

    name_taken_message = _(
        "Your council already has a partner organisation with this name. Enter a different name"
    )

    name = text(
        _("Name"),
        required=_("Enter the partner organisation's name"),
        max_length=200,
        too_long=_("Name must be 200 characters or fewer"),
        help_text=_("For example, Home-Start Hillford"),
    )
    description = text(
        _("What the organisation does (optional)"),
        textarea=True,
    )
    website = WebsiteField(
        label=_("Website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
        help_text=_("For example, https://www.example.org"),
        error_messages={
            "invalid": _WEBSITE_MESSAGE,
            "max_length": _("Website address must be 200 characters or fewer"),
        },
    )
    phone = telephone(_("Telephone (optional)"))
    email = email_address(_("Email (optional)"))

    def __init__(self, *args, council, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.partner = partner

    def clean(self):
        data = super().clean()
        name = data.get("name")
        if not name:
            return data
        # This form sent a second time is not a clash with what it added the first time: the
        # service recognises the repeat and adds nothing.
        earlier = (
            services.partner_added_with(data.get("form_token"), council=self.council)
            if self.adding
            else None
        )
        mine = self.partner or earlier
        if services.partner_name_taken(self.council, name, exclude=mine):
            self.add_error("name", forms.ValidationError(self.name_taken_message, code="taken"))
        return data


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProgrammeForm(AddOrEditForm):
    """A programme a partner runs under the offer. Adding it makes its slug from its name."""

    record_field_names = (*services.PROGRAMME_FIELDS, "provider")
    field_order = ["name", "provider"]

    name = text(
        _("Name"),
        required=_("Enter the programme's name"),
        max_length=200,
        too_long=_("Name must be 200 characters or fewer"),
    )
    summary_en = text(
        _("Summary in English"), required=_("Enter a summary in English"), textarea=True
    )
    summary_cy = text(_("Summary in Welsh (optional)"), textarea=True)
    eligibility_en = text(
        _("Who can use it, in English"),
        required=_("Enter who can use the programme, in English"),
        textarea=True,
    )
    eligibility_cy = text(_("Who can use it, in Welsh (optional)"), textarea=True)
    maximum_age = whole_number(
        _("Available up to the age of (optional)"),
        low=16,
        high=30,
        required=False,
        message=_("Enter an age between 16 and 30, or leave it empty if there is no age limit"),
        help_text=_("Leave empty if there is no age limit"),
    )
    fathers_included = forms.BooleanField(
        label=_("Fathers and fathers-to-be can use it"), required=False
    )
    residents_only = forms.BooleanField(
        label=_("Only for care leavers living in the area"), required=False
    )
    support_forms = checkboxes(
        _("Forms of support"), SupportForm.choices, _("Select at least one form of support")
    )
    support_givers = checkboxes(
        _("Who gives the support"),
        SupportGiver.choices,
        _("Select at least one kind of person who gives the support"),
    )
    delivery_places = checkboxes(
        _("Where support happens"),
        DeliveryPlace.choices,
        _("Select at least one place where support happens"),
    )
    frequencies = checkboxes(
        _("How often"), ContactFrequency.choices, _("Select at least one option for how often")
    )
    referral_routes = checkboxes(
        _("How to be referred"),
        ReferralRoute.choices,
        _("Select at least one way to be referred"),
    )
    provider = ProviderChoiceField(
        label=_("Run by"),
        queryset=PartnerOrganisation.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the partner organisation that runs the programme"),
            "invalid_choice": _("Select the partner organisation that runs the programme"),
        },
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        # Only the council's own partners can be chosen: any other is an invalid choice.
        self.fields["provider"].queryset = PartnerOrganisation.objects.filter(council=council)
