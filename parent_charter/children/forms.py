"""Forms for a child's record: adding a child to a parent, changing details, circumstances.

Questions that follow from a radio option are only checked when that option is chosen: they
are always on the page (children/_conditional_radios.html says why), and what was typed under
an option not chosen must neither block the form nor be saved.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from parent_charter.core.forms import ExpectedVersionField, FormTokenField, GovUKDateField
from parent_charter.parents.models import Parent

from .models import ChildParent, LegalStatus, LivesWith

# A pregnancy lasts about 40 weeks; a due date further ahead than this is a typing mistake.
LONGEST_PREGNANCY = datetime.timedelta(weeks=44)
# A due date may have passed by a few weeks before anyone records the birth.
OVERDUE_ALLOWANCE = datetime.timedelta(weeks=8)
# How far a due date may be from the date of birth (very premature or late births).
DUE_DATE_SPREAD = datetime.timedelta(weeks=20)
OLDEST_CHILD_YEARS = 25


class ChildStatus:
    EXPECTED = "expected"
    BORN = "born"
    CHOICES = [(BORN, _("Yes, the baby has been born")), (EXPECTED, _("No, the baby is expected"))]


class OtherParentKind:
    SUPPORTED = "supported"
    NAMED = "named"
    NONE = "none"


class LivesWithWhich:
    THIS = "this"
    OTHER = "other"


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _radios(label, choices, *, required_message=None, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=bool(required_message),
        error_messages={
            "required": required_message or _("Select an option"),
            "invalid_choice": required_message or _("Select an option"),
        },
        **kwargs,
    )


def _first_name():
    return forms.CharField(
        label=_("First name (optional)"),
        help_text=_("Leave blank if the baby is not yet named"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
        error_messages={"max_length": _("First name must be 100 characters or fewer")},
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def check_date_of_birth(value: datetime.date, today: datetime.date) -> None:
    if value > today:
        raise forms.ValidationError(_("Date of birth must be today or in the past"))
    if value < _years_before(today, OLDEST_CHILD_YEARS):
        raise forms.ValidationError(_("Check the date of birth: the year looks too early"))


def check_due_date_of_expected(value: datetime.date, today: datetime.date) -> None:
    if value > today + LONGEST_PREGNANCY:
        raise forms.ValidationError(_("Due date must be within the next 10 months"))
    if value < today - OVERDUE_ALLOWANCE:
        raise forms.ValidationError(
            _(
                "Due date must be in the future or the last 8 weeks. If the baby has been born, "
                "enter the date of birth"
            )
        )


def check_due_date_of_born(due: datetime.date, born: datetime.date) -> None:
    if abs(due - born) > DUE_DATE_SPREAD:
        raise forms.ValidationError(_("Due date must be within 20 weeks of the date of birth"))


class ConditionalRadiosMixin:
    """Pairs each radio of a field with the fields revealed under it, for the template."""

    reveals: dict[str, dict[str, tuple[str, ...]]] = {}

    @cached_property
    def radio_groups(self) -> dict[str, list[tuple]]:
        """{field name: [(option, [revealed bound fields]), ...]} for each revealing field."""
        return {
            name: [
                (option, [self[field] for field in revealed.get(str(option.data["value"]), ())])
                for option in self[name]
            ]
            for name, revealed in self.reveals.items()
        }

    def _ignore_unchosen(self, name: str, chosen) -> None:
        """Forget errors and values of fields revealed only under radios not chosen."""
        per_value = self.reveals.get(name, {})
        keep = set(per_value.get(chosen, ()))
        for fields in per_value.values():
            for field in set(fields) - keep:
                self._errors.pop(field, None)
                empty = isinstance(self.fields[field], (GovUKDateField, forms.ModelChoiceField))
                self.cleaned_data[field] = None if empty else ""


class OtherParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Parent) -> str:
        return _("%(name)s, born %(date)s") % {
            "name": obj.display_name,
            "date": date_format(obj.date_of_birth, "j F Y"),
        }


class ChildAddForm(ConditionalRadiosMixin, forms.Form):
    """A child added to a parent's record: expected or born, the other parent, where they live."""

    reveals = {
        "status": {
            ChildStatus.EXPECTED: ("due_date",),
            ChildStatus.BORN: ("date_of_birth", "due_date_if_born"),
        },
        "other_parent_kind": {
            OtherParentKind.SUPPORTED: ("other_parent",),
            OtherParentKind.NAMED: (
                "other_parent_name",
                "other_parent_care_experienced",
                "other_parent_council",
            ),
        },
        "lives_with": {LivesWith.ONE_PARENT: ("lives_with_which",)},
    }

    form_token = FormTokenField()
    status = _radios(
        _("Has the baby been born?"),
        ChildStatus.CHOICES,
        required_message=_("Select whether the baby has been born"),
    )
    due_date = GovUKDateField(
        label=_("Due date"),
        help_text=_("For example, 27 3 2027"),
        required=False,
    )
    date_of_birth = GovUKDateField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 2026"),
        required=False,
    )
    due_date_if_born = GovUKDateField(
        label=_("Due date (optional)"),
        help_text=_("If the baby was born early or late, the date they were due"),
        required=False,
    )
    given_name = _first_name()
    other_parent_kind = _radios(
        _("Who is the other parent?"),
        [
            (OtherParentKind.SUPPORTED, _("A parent this council supports")),
            (OtherParentKind.NAMED, _("Someone else, recorded by name")),
            (OtherParentKind.NONE, _("Not known, or not recorded now")),
        ],
        required_message=_("Select who the other parent is"),
        help_text=_(
            "A parent supported by another council is recorded by name: their records stay "
            "with that council"
        ),
    )
    other_parent = OtherParentChoiceField(
        label=_("Choose the parent"),
        queryset=Parent.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("Choose a parent"),
        error_messages={"invalid_choice": _("Select a parent from the list")},
    )
    other_parent_name = forms.CharField(
        label=_("Their full name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={"max_length": _("Name must be 200 characters or fewer")},
    )
    other_parent_care_experienced = _radios(_("Are they care-experienced?"), YES_NO)
    other_parent_council = forms.CharField(
        label=_("Which council supports them? (optional)"),
        help_text=_("If they are care-experienced, the council responsible for them"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Council must be 200 characters or fewer")},
    )
    lives_with = _radios(
        _("Where does the child live?"),
        LivesWith.choices,
        help_text=_("For a baby who is not yet born, choose 'Not yet born'"),
    )
    lives_with_which = _radios(
        _("Which parent?"),
        [(LivesWithWhich.THIS, ""), (LivesWithWhich.OTHER, _("The other parent"))],
    )
    legal_status = _radios(_("Legal position"), LegalStatus.choices)

    def __init__(self, *args, parent: Parent, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("lives_with", LivesWith.NOT_YET_BORN)
        kwargs["initial"].setdefault("legal_status", LegalStatus.NONE)
        super().__init__(*args, **kwargs)
        self.parent = parent
        # Only this council's parents: another council's parent is recorded by name.
        self.fields["other_parent"].queryset = (
            Parent.objects.filter(council=parent.council)
            .exclude(pk=parent.pk)
            .order_by("family_name", "given_name", "pk")
        )
        self.fields["lives_with_which"].choices = [
            (LivesWithWhich.THIS, _("This parent: %(name)s") % {"name": parent.display_name}),
            (LivesWithWhich.OTHER, _("The other parent")),
        ]

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        status = cleaned.get("status")
        self._ignore_unchosen("status", status)
        if status == ChildStatus.EXPECTED:
            self._check(
                "due_date", check_due_date_of_expected, today, missing=_("Enter the due date")
            )
            cleaned["date_of_birth"] = None
        elif status == ChildStatus.BORN:
            self._check(
                "date_of_birth", check_date_of_birth, today, missing=_("Enter the date of birth")
            )
            born, due = cleaned.get("date_of_birth"), cleaned.get("due_date_if_born")
            if born and due:
                try:
                    check_due_date_of_born(due, born)
                except forms.ValidationError as error:
                    self.add_error("due_date_if_born", error)
            cleaned["due_date"] = cleaned.get("due_date_if_born")
        self._clean_other_parent(cleaned)
        self._clean_circumstances(cleaned, status)
        return cleaned

    def _check(self, name, check, today, *, missing):
        if name in self._errors:
            return
        value = self.cleaned_data.get(name)
        if value is None:
            self.add_error(name, missing)
            return
        try:
            check(value, today)
        except forms.ValidationError as error:
            self.add_error(name, error)

    def _clean_other_parent(self, cleaned):
        kind = cleaned.get("other_parent_kind")
        self._ignore_unchosen("other_parent_kind", kind)
        if kind == OtherParentKind.SUPPORTED:
            self._require("other_parent", _("Select a parent from the list"))
        elif kind == OtherParentKind.NAMED:
            cleaned["other_parent_name"] = cleaned.get("other_parent_name", "").strip()
            self._require("other_parent_name", _("Enter the other parent's name"))
            self._require(
                "other_parent_care_experienced",
                _("Select yes if the other parent is care-experienced"),
            )

    def _require(self, name, message):
        if name not in self._errors and not self.cleaned_data.get(name):
            self.add_error(name, message)

    def _clean_circumstances(self, cleaned, status):
        lives_with = cleaned.get("lives_with")
        self._ignore_unchosen("lives_with", lives_with)
        if not cleaned.get("legal_status") and "legal_status" not in self._errors:
            cleaned["legal_status"] = LegalStatus.NONE
        if "lives_with" in self._errors:
            return
        if status == ChildStatus.EXPECTED:
            if not lives_with:
                cleaned["lives_with"] = LivesWith.NOT_YET_BORN
            elif lives_with != LivesWith.NOT_YET_BORN:
                self.add_error(
                    "lives_with", _("A baby who is not yet born can only be 'Not yet born'")
                )
        elif status == ChildStatus.BORN:
            if not lives_with:
                self.add_error("lives_with", _("Select where the child lives"))
            elif lives_with == LivesWith.NOT_YET_BORN:
                self.add_error(
                    "lives_with", _("A child who has been born cannot be 'Not yet born'")
                )
        if lives_with == LivesWith.ONE_PARENT:
            which = cleaned.get("lives_with_which")
            if "lives_with_which" in self._errors:
                return
            if not which:
                self.add_error("lives_with_which", _("Select which parent the child lives with"))
            elif which == LivesWithWhich.OTHER and (
                cleaned.get("other_parent_kind") == OtherParentKind.NONE
            ):
                self.add_error(
                    "lives_with_which",
                    _("Record who the other parent is, or choose this parent"),
                )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        kind = data["other_parent_kind"]
        named = kind == OtherParentKind.NAMED
        return {
            "given_name": data["given_name"].strip(),
            "due_date": data["due_date"],
            "date_of_birth": data["date_of_birth"],
            "other_parent": data["other_parent"] if kind == OtherParentKind.SUPPORTED else None,
            "other_parent_name": data["other_parent_name"].strip() if named else "",
            "other_parent_care_experienced": named
            and data["other_parent_care_experienced"] == "yes",
            "other_parent_council": data["other_parent_council"].strip() if named else "",
            "lives_with": data["lives_with"],
            "lives_with_which": (
                data["lives_with_which"] if data["lives_with"] == LivesWith.ONE_PARENT else ""
            ),
            "legal_status": data["legal_status"],
        }


class ChildForm(forms.Form):
    """A child's own details. Recording the date of birth records the birth."""

    version = ExpectedVersionField()
    given_name = _first_name()
    due_date = GovUKDateField(
        label=_("Due date"),
        help_text=_("Optional once the baby is born. For example, 27 3 2027"),
        required=False,
    )
    date_of_birth = GovUKDateField(
        label=_("Date of birth"),
        help_text=_("Enter it when the baby is born. For example, 27 3 2026"),
        required=False,
    )

    def __init__(self, *args, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child

    @property
    def expected_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        today = timezone.localdate()
        born, due = cleaned.get("date_of_birth"), cleaned.get("due_date")
        if born is None:
            if self.child is not None and self.child.is_born:
                self.add_error("date_of_birth", _("Enter the date of birth: it cannot be removed"))
            elif due is None:
                self.add_error("due_date", _("Enter the due date, or the date of birth"))
            elif self._changed("due_date", due):
                self._run(check_due_date_of_expected, "due_date", due, today)
            return cleaned
        if self._changed("date_of_birth", born):
            self._run(check_date_of_birth, "date_of_birth", born, today)
        changed = self._changed("date_of_birth", born) or self._changed("due_date", due)
        if due is not None and changed and "date_of_birth" not in self._errors:
            self._run(check_due_date_of_born, "due_date", due, born)
        return cleaned

    def _changed(self, name, value) -> bool:
        # Dates already on the record are not checked again, so an old record stays editable.
        return self.child is None or getattr(self.child, name) != value

    def _run(self, check, name, value, other):
        try:
            check(value, other)
        except forms.ValidationError as error:
            self.add_error(name, error)

    @classmethod
    def initial_for(cls, child) -> dict:
        return {
            "given_name": child.given_name,
            "due_date": child.due_date,
            "date_of_birth": child.date_of_birth,
            "version": child.version,
        }

    def record_fields(self) -> dict:
        return {
            "given_name": self.cleaned_data["given_name"].strip(),
            "due_date": self.cleaned_data["due_date"],
            "date_of_birth": self.cleaned_data["date_of_birth"],
        }


class ParentLinkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ChildParent) -> str:
        return obj.parent.display_name if obj.parent_id else obj.other_parent_name


class CircumstancesForm(ConditionalRadiosMixin, forms.Form):
    """A change in where a child lives or their legal position. Always a new row."""

    reveals = {"lives_with": {LivesWith.ONE_PARENT: ("lives_with_parent",)}}

    form_token = FormTokenField()
    lives_with = _radios(
        _("Where does the child live?"),
        LivesWith.choices,
        required_message=_("Select where the child lives"),
    )
    lives_with_parent = ParentLinkChoiceField(
        label=_("Which parent?"),
        queryset=ChildParent.objects.none(),
        required=False,
        to_field_name="public_id",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": _("Select which parent the child lives with")},
    )
    legal_status = _radios(
        _("Legal position"),
        LegalStatus.choices,
        required_message=_("Select the legal position"),
    )
    from_date = GovUKDateField(
        label=_("Since when?"),
        help_text=_("The date the change happened. For example, 27 3 2026"),
        error_messages={"required": _("Enter the date the change happened")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("What happened and why, for the people who read the record later"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Note must be 2,000 characters or fewer")},
    )

    def __init__(self, *args, child, links, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.current = current
        self.fields["lives_with_parent"].queryset = ChildParent.objects.filter(
            pk__in=[link.pk for link in links]
        ).select_related("parent")

    def clean(self):
        cleaned = super().clean()
        lives_with = cleaned.get("lives_with")
        self._ignore_unchosen("lives_with", lives_with)
        if lives_with == LivesWith.ONE_PARENT:
            if "lives_with_parent" not in self._errors and not cleaned.get("lives_with_parent"):
                self.add_error("lives_with_parent", _("Select which parent the child lives with"))
        else:
            cleaned["lives_with_parent"] = None
        if lives_with and "lives_with" not in self._errors:
            if self.child.is_born and lives_with == LivesWith.NOT_YET_BORN:
                self.add_error(
                    "lives_with", _("A child who has been born cannot be 'Not yet born'")
                )
            elif self.child.is_expected and lives_with != LivesWith.NOT_YET_BORN:
                self.add_error(
                    "lives_with",
                    _(
                        "A baby who is not yet born can only be 'Not yet born'. Record the "
                        "birth first"
                    ),
                )
        self._clean_from_date(cleaned.get("from_date"))
        return cleaned

    def _clean_from_date(self, value):
        if value is None or "from_date" in self._errors:
            return
        today = timezone.localdate()
        if value > today:
            self.add_error("from_date", _("The date must be today or in the past"))
        elif self.current is not None and value < self.current.from_date:
            # The newest change by date is the current one, so an earlier date would be
            # kept as history but never take effect.
            self.add_error(
                "from_date",
                _("The date must be on or after %(date)s, when the current circumstances began")
                % {"date": date_format(self.current.from_date, "j F Y")},
            )
        elif self.child.date_of_birth and value < self.child.date_of_birth:
            self.add_error("from_date", _("The date must be on or after the date of birth"))

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "lives_with": data["lives_with"],
            "lives_with_parent": data["lives_with_parent"],
            "legal_status": data["legal_status"],
            "from_date": data["from_date"],
            "note": data["note"].strip(),
        }
