"""The form that adds a child to a parent's record: expected or born, the other parent, and
where the child lives."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parent_charter.core.fields import date_input, radios
from parent_charter.core.forms import FormTokenField
from parent_charter.parents.models import Parent

from .forms import (
    YES_NO,
    ChildStatus,
    ConditionalRadiosMixin,
    LivesWithWhich,
    OtherParentKind,
    check_date_of_birth,
    check_due_date_of_born,
    check_due_date_of_expected,
    first_name_field,
)
from .models import LegalStatus, LivesWith


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
    status = radios(
        _("Has the baby been born?"),
        ChildStatus.CHOICES,
        _("Select whether the baby has been born"),
    )
    due_date = date_input(_("Due date"), help_text=_("For example, 27 3 2027"))
    date_of_birth = date_input(_("Date of birth"), help_text=_("For example, 27 3 2026"))
    due_date_if_born = date_input(
        _("Due date (optional)"),
        help_text=_("If the baby was born early or late, the date they were due"),
    )
    given_name = first_name_field()
    other_parent_kind = radios(
        _("Who is the other parent?"),
        [
            (OtherParentKind.SUPPORTED, _("A parent this council supports")),
            (OtherParentKind.NAMED, _("Someone else, recorded by name")),
            (OtherParentKind.NONE, _("Not known, or not recorded now")),
        ],
        _("Select who the other parent is"),
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
    other_parent_care_experienced = radios(_("Are they care-experienced?"), YES_NO)
    other_parent_council = forms.CharField(
        label=_("Which council supports them? (optional)"),
        help_text=_("If they are care-experienced, the council responsible for them"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Council must be 200 characters or fewer")},
    )
    lives_with = radios(
        _("Where does the child live?"),
        LivesWith.choices,
        help_text=_("For a baby who is not yet born, choose 'Not yet born'"),
    )
    lives_with_which = radios(
        _("Which parent?"),
        [(LivesWithWhich.THIS, ""), (LivesWithWhich.OTHER, _("The other parent"))],
    )
    legal_status = radios(_("Legal position"), LegalStatus.choices)

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
